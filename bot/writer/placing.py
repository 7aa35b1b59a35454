"""Where an activity goes in the work section: its theme and sub-topic, by the writer's
own theme, a sub-topic's keywords, or the classifier; the unit's own business under
党建业务融合 (a 总工会's 送温暖, a venue's 读书日), the party's routines never. And the
same for a writer's problem: the sub-topic whose plans answer it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from phrasebank.matching import Classification

from .checks import names_party_work
from .grouping import topic_label
from .subtopics import CENTRAL_TASK_ID, Subtopic, load_subtopics

if TYPE_CHECKING:
    from .answers import Activity
    from .compose import Drafting
    from .profile import UnitKind

# A 腐败问题 整治 is integrity work, whatever business it checks (round BS: 疫苗采购 自查).
_CORRUPTION = re.compile(r"腐败|不正之风|廉政|廉洁|四风|八项规定|(?<!学员)违纪|问责")
# The members' own study is no venue's public reading (round CG: 学习强国 积分).
_MEMBERS_STUDY = re.compile(r"学习强国|学习积分|党员[^，。；]{0,8}学习")
# Nor its members sent to a course on its trade (round DC: a 国资 centre's 党员 at a 党校
# class on 国资国企改革 read as its business, 推进改革创新).
_MEMBERS_TRAINED = re.compile(
    r"(?:党员|干部|职工)[^，。；]{0,6}参加[^，。；]{0,30}(?:培训|党校|轮训)"
)
# The party's own routines, whoever they concern: a 老干部局's 中心组 studying the work of
# retired cadres, or its 意识形态 analysis of their centre's notice board, is party work;
# so are its new members and its party brand, whatever trade words they hold.
PARTY_CORE = frozenset(
    {
        "first_topic",
        "central_group",
        "special_study",
        "party_lecture",
        "ideology_duty",
        "three_meetings",
        "organizational_life",
        "democratic_life",
        # Round BJ: 发展党员 of a 环卫班长, a “党建+灭火救援” brand.
        "recruitment",
        "brand",
        # Round BM: “党员+护理员”结对 of a 养老服务中心 is its members' vanguard.
        "vanguard",
        # Round DC: 谈心谈话 with a 司法所's 社区矫正社工 are talks, not 社区矫正.
        "heart_talk",
    }
)


def place(
    d: Drafting, activity: Activity, text: str
) -> tuple[str, Classification | None, Subtopic | None]:
    """An activity's theme and sub-topic: the writer's theme, else a sub-topic's keywords
    (they are specific), else the classifier."""
    subtopics = load_subtopics()
    if activity.theme:
        found = subtopics.match(text, activity.theme)
        return activity.theme, None, found.subtopic if found else None
    classification = d.matcher.classify(text)
    # Business work goes where a writer puts it, under 党建业务融合; 待补充 says so.
    subtopic = d.c.subtopic(text, None if classification.low else classification.theme)
    kind = d.answers.profile.kind
    named = subtopic.id if subtopic is not None else ""
    # A label of the writer's naming no party work (免疫规划方面，…) says it is business.
    label = topic_label(text)
    unparty = label is not None and not names_party_work(label)
    of_label = subtopics.match(label) if label is not None else None
    # A label of the unit's business by itself (防汛：…党员志愿者转移群众) too (round BN).
    business = of_label is None or of_label.subtopic.id == CENTRAL_TASK_ID
    # Party work the fact names by its keywords stays party work; one only guessed (a
    # 烈士陵园's 公祭 read as 意识形态, round CL) is the unit's business when it owns it.
    core = named in PARTY_CORE and named in subtopics.scores(text)
    owned = kind.owns(text) and not core and not _CORRUPTION.search(text)
    owned = owned and not _MEMBERS_TRAINED.search(text)
    if (label is not None and unparty and business) or kind.scoped(text):
        subtopic = subtopics.get(CENTRAL_TASK_ID)
    elif owned or (named in kind.own_work and not _MEMBERS_STUDY.search(text)):
        # The unit's own business (a 总工会's 送温暖) goes with its business.
        subtopic = subtopics.get(CENTRAL_TASK_ID)
    if subtopic is not None:
        return subtopic.theme, classification, subtopic
    return classification.theme, classification, None


def answering(kind: UnitKind, problem: str) -> Subtopic | None:
    """The sub-topic whose plans answer a writer's problem; one of the unit's own business
    in party words is its business (a 血站's 团体献血 is no 群团 or 志愿 work, round DA)."""
    subtopics = load_subtopics()
    found = subtopics.answering(problem)
    owned = kind.owns(problem) or kind.scoped(problem)
    if found is None or _CORRUPTION.search(problem):
        return found
    # The secretary's or the body's own duty stays theirs, whatever business it neglects
    # (对商会党组织督促少 is a 工商联 secretary's problem of duty, round DB).
    # So does oversight of it: a 商务局's watch over 消费券 is 廉政风险 work (round BV);
    # and its cadres' conduct at it (a 信访局's 接访 done 态度生硬, round BY).
    if found.theme in ("responsibility", "integrity") or found.id == "conduct":
        return found
    # Party work named by one loose phrase (跟踪问效) is not what a problem of the
    # business is about (round DD: a 政协's 协商成果转化 got 第一议题 study measures).
    if found.id in PARTY_CORE and not (owned and _named_only_loosely(found, problem)):
        return found
    if owned:
        return subtopics.get(CENTRAL_TASK_ID)
    return found


# Words of a party sub-topic that say how any work is followed up, not what it is.
_LOOSE_WORDS = frozenset({"跟踪问效", "督办", "问效"})


def _named_only_loosely(subtopic: Subtopic, problem: str) -> bool:
    """Whether `problem` names `subtopic` by none but its loose words (跟踪问效)."""
    named = {word for word in (*subtopic.answers, *subtopic.keywords) if word in problem}
    return named <= _LOOSE_WORDS
