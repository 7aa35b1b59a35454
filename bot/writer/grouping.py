"""How a theme's activities of one sub-topic become items (a few facts each, one business
matter each), and how a subsection's items make a list.

Activities are compared without their quotation marks (贯彻“第一议题”制度
says what 落实第一议题制度 says).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from phrasebank.text import shares_stretch, split_clauses

from .report import Item
from .subtopics import CENTRAL_TASK_ID

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from .answers import Activity
    from .subtopics import Matter, Subtopic, Subtopics

# One item joins at most this many activities, and this many characters of them;
# more of one sub-topic go on in a further item with the next lead.
GROUP_MAX = 3
GROUP_CHARS = 200
# A lone overflowing fact this short joins the item before it.
LONE_SHORT = 40


def unquoted(text: str) -> str:
    """`text` without quotation marks: 贯彻“第一议题”制度 repeats 落实第一议题制度."""
    return re.sub(r"[“”‘’\"']", "", text)


def portions(
    group: list[tuple[int, Activity, str]],
) -> list[list[tuple[int, Activity, str]]]:
    """A sub-topic's activities in items a writer would write: a few facts each."""
    portions: list[list[tuple[int, Activity, str]]] = [[]]
    for entry in group:
        current = portions[-1]
        size = sum(len(text) for _, _, text in current) + len(entry[2])
        if current and (len(current) == GROUP_MAX or size > GROUP_CHARS):
            portions.append([entry])
        else:
            current.append(entry)
    # A short last fact goes on in the item before it rather than stand alone, unled
    # (此外，春运…加开班次320个 after three 客运服务 facts, round BQ).
    if len(portions) > 1 and len(portions[-1]) == 1 and len(portions[-1][0][2]) <= LONE_SHORT:
        size = sum(len(text) for _, _, text in portions[-2]) + len(portions[-1][0][2])
        if size <= GROUP_CHARS:
            portions[-2].append(portions.pop()[0])
    return portions


# A fact listed in its turn without a lead (四是联合县税务局召开…) opens on what was done;
# one opening on its date, a figure, a label or a noun (5月…, 全年火化…, 粮食安全宣传周…)
# reads badly after 四是 and is joined on instead.
_WORK_OPENING = re.compile(
    # A meeting studying opens on its doer (支委会学习…, round CH: it was joined on after 此外).
    r"^(?:(?:支委会|支部委员会|党支部|党组|党委|党总支|全体党员|班子成员|支部书记)(?:学习|传达)"
    # So does the secretary's own doing in a 述职 (本人带头领办…, round CN: after 此外).
    r"|本人(?:带头|牵头|亲自|主持|领办|带队)"
    r"|开展|组织|推进|推行|推动|落实|完成|举办|召开|配合|联合|协调|建立|设立|实施|对照|新增|新建"
    r"|购置|新购|制定|修订|印发|督办|督促|指导|帮助|走访|慰问|深入|参与|参加|做好|抓好|加强|严格"
    r"|坚持|持续|扎实|规范|优化|提升|打造|创建|申报|筹集|发放|投入|培训|评选|开设|编印|编制|发布"
    r"|启动|成立|组建|选派|邀请|承办|牵头|争取|完善|改造|整治|排查|清理|收集|受理|办理|推广|与|对|为|向)"
)


def numbered_list(items: list[Item]) -> tuple[list[Item], bool]:
    """Items as a list reads them, and whether it is numbered: 一是、二是 over the led
    items, and after them a fact with no lead (no stock lead names its work) numbered
    too when it opens on its work (四是联合县税务局召开政企座谈会3次), as writers list
    such facts, else joined on by 此外; with no lead, or one over nothing else to
    number, plain paragraphs of the facts alone."""
    led = [item for item in items if len(item.sentences) > 1]
    bare = [item for item in items if len(item.sentences) == 1]
    if not bare:
        return items, True
    listed = [item for item in bare if _WORK_OPENING.match(item.sentences[0].text)]
    joined_on = [item for item in bare if item not in listed]
    if not led or len(led) + len(listed) < 2:
        # One lead among plain facts would stand alone, unnumbered: facts only.
        return [Item(item.sentences[-1:]) for item in items], False
    if not joined_on:
        return [*led, *listed], True
    # The rest are joined on in one paragraph with it (此外，A。B。), not loose after the list.
    fact = joined_on[0].sentences[0]
    rest = tuple(item.sentences[0] for item in joined_on[1:])
    joined = Item((replace(fact, text=f"此外，{fact.text}"), *rest), numbered=False)
    return [*led, *listed, joined], True


# A fact opening on a bare label (校园安全，全年开展…), which its lead may already name.
_LABEL = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:方面)?，")
# A writer's topic label before a fact: 免疫规划方面，… (免疫规划： as written), or the
# name of a piece of work before its comma (执法规范化，…; 汛期排水防涝，…).
_TOPIC = re.compile(r"^([\u4e00-\u9fff]{2,10}?)方面，")
_NAMED_WORK = re.compile(
    r"^([\u4e00-\u9fff]{2,10}(?:建设|创建|试点|改革|规范化|标准化|信息化|整治|治理|防治|防控"
    r"|防涝|安置|维护|保洁|保障|监测|排查|迎检|攻坚|常态化))，"
)
_TIMES = "全年|上半年|下半年|今年|本季度|[一二三四]季度"
_TIMED_LABEL = re.compile(
    rf"^({_TIMES})?(“?(?:党建[+＋])?[\u4e00-\u9fff]{{2,10}}”?)({_TIMES})?(?:方面，|[：:])"
)
# Openings that make a clause of time or a doing, not a label (全年整治…, 每月监测…).
_NOT_A_LABEL = re.compile(r"^(?:全年|今年|上半年|下半年|年初|年底|本季度|季度|每月|每季|每年|期间)")
# A label's fact must say something after it.
LABELLED_MIN = 8


def topic_label(fact: str) -> str | None:
    """The topic label a writer put before `fact` (免疫规划 of 免疫规划方面，上半年接种…),
    or None: a label opens on no doing and no time, and a fact follows it."""
    found = _TOPIC.match(fact) or _NAMED_WORK.match(fact)
    if found is None or len(fact) - found.end() < LABELLED_MIN:
        return None
    label = found.group(1)
    if _WORK_OPENING.match(label) or _LABEL_VERB.match(label) or _NOT_A_LABEL.match(label):
        return None
    return label


def label_lead(label: str) -> str:
    """A lead naming a business fact by its writer's label, as writers lead such items:
    推进执法规范化, 深化违建治理, 做好免疫规划工作."""
    core = label.removesuffix("工作")
    if re.search(r"(?:建设|创建|试点|改革|化)$", core):
        return f"推进{core}"
    if core.endswith("长制"):
        return f"落实{core}"
    if re.search(r"(?:整治|治理)$", core):
        return f"深化{core}"
    return f"做好{core}工作"


# A verb opening a label: 抓信访维稳 names 信访维稳.
_LABEL_VERB = re.compile(r"^(?:抓好|抓实|抓|做好|推进|推动|开展|加强)")
# What is left of a fact whose work has no object without its label (党组专题研究2次).
_OBJECTLESS = re.compile(r"(?:研究|研判|分析|部署|讨论|学习)(?:\d|[一两二三四五六七八九十]次)")


def unled(facts: str, lead: str) -> str:
    """`facts` without an opening label its lead names: 守牢校园安全底线 over 校园安全，…;
    kept where the label is what the fact's work is about (意识形态工作，党组专题研究2次).
    A fact opening on the lead itself (推进和美乡村建设，…) goes on after it."""
    if facts.startswith(f"{lead}，") and len(facts) - len(lead) > LABELLED_MIN:
        return facts[len(lead) + 1 :]
    # A quoted label the lead names (推进社会信用体系建设 over “社会信用体系建设”：…).
    quoted = re.match(r"“([^“”]{2,16})”[：:]", facts)
    if quoted and quoted.group(1) in lead and len(facts) - quoted.end() > LABELLED_MIN:
        return facts[quoted.end() :]
    # A label with its time or its quotation marks, the lead naming it (全年“三会一课”方面，…
    # or “三会一课”全年：… under 落实“三会一课”制度; 党建+林下经济： under 发展林下经济,
    # round CG): the time stays.
    timed = _TIMED_LABEL.match(facts)
    if timed and len(facts) - timed.end() > LABELLED_MIN:
        named = re.sub(r"^党建[+＋]|[“”]", "", timed.group(2))
        bare = lead.replace("“", "").replace("”", "")
        if named in bare or shares_stretch(named, bare, 4):
            return f"{timed.group(1) or timed.group(3) or ''}{facts[timed.end() :]}"
    found = _TOPIC.match(facts) or _NAMED_WORK.match(facts) or _LABEL.match(facts)
    # 抓信访维稳，… under 做好信访维稳工作 says it twice too (round YY).
    label = found and _LABEL_VERB.sub("", found.group(1)).removesuffix("工作")
    # 廉政风险点排查，… under 排查廉政风险点 says it again in other order (round BJ).
    # So does 推进人居环境整治，… under 整治人居环境 (round BR), but not a campaign its lead
    # names a part of (开展城镇燃气安全专项整治 under 守牢燃气安全底线, round BS).
    if not found or not label:
        return facts
    reordered = _LABEL_VERB.match(found.group(1)) and set(label) <= set(lead)
    # So is a short label of the lead's work (疾控方面，… under 做好疾病预防控制, round BU).
    topic = topic_label(facts) and (shares_stretch(label, lead, 4) or set(label) <= set(lead))
    ordered = topic or reordered
    if not (label in lead or ordered):
        return facts
    rest = facts[found.end() :]
    return facts if _OBJECTLESS.search(re.split(r"[，；]", rest)[0]) else rest


# Sub-topics a typed line's last clauses may be of, apart from its head's: 党费 after
# 发展党员, a 谈心谈话 after 节前提醒 (round BJ: three of six drafts filed 收缴党费 under
# 规范发展党员工作), or a 节前提醒 after a 学习教育 (round BN). Each part must say something
# of its own.
SPLIT_TAILS = ("member_management", "heart_talk", "holiday_reminder")
PART_MIN = 6
_DOER = re.compile(r"^((?:党组|党委|党总支|总支|支部)?书记|本人|(?:局|院|校|所|站)长)")
# A head keeping 八项规定 (not one studying them, round BN).
_KEEPING_RULES = re.compile(r"(?:严格)?(?:执行|落实|贯彻)(?:中央)?八项规定")
_LIFE_MEETING = re.compile(r"组织生活会|民主生活会|民主评议")
_AT_MEETING = re.compile(r"(?:召开|举行|举办)[^，。；]{0,16}(?:大会|会议|座谈会|仪式|活动)$")
_DUTY = re.compile(
    r"^(?:认真|严格|切实|全面|带头)?(?:履行|落实|扛起|扛牢|担负)[^，。；\d]{0,12}(?:职责|责任|一岗双责”?)$"
    # Nor is a spirit kept (深入贯彻中央八项规定精神, round CO: an item of that alone).
    r"|^(?:深入|认真|严格|坚决|全面)?(?:贯彻|落实|执行|遵守)[^，。；\d]{0,16}(?:精神|规定|要求)$"
)


def top_clauses(text: str) -> list[str]:
    """`text` cut at its commas outside quotes and brackets, each clause with its comma."""
    clauses, current = [], ""
    # split_clauses alternates clause and separator; only a comma ends a clause here.
    for i, part in enumerate(split_clauses(text)):
        current += part
        if i % 2 and part == "，":
            clauses.append(current)
            current = ""
    return [*clauses, current] if current else clauses


def two_kinds(text: str, subtopics: Subtopics) -> tuple[str, str] | None:
    """A typed line holding two kinds of work (确定入党积极分子2名，收缴党费3200余元) as
    its two facts, or None: its last clauses of a SPLIT_TAILS sub-topic its head names
    not, the last with a figure of its own."""
    clauses = top_clauses(text.removesuffix("。"))
    for k in range(len(clauses) - 1, 0, -1):
        head, tail = "".join(clauses[:k]).removesuffix("，"), "".join(clauses[k:])
        found, before = subtopics.match(tail), subtopics.match(head)
        if found is None or found.subtopic.id not in SPLIT_TAILS or before is None:
            continue
        if before.subtopic is found.subtopic or found.subtopic.id in subtopics.scores(head):
            return None
        # A 节前提醒 is work of its own after a head with its figure (廉政谈话23人次，节前发
        # 廉政提醒短信, round BV); other tails need one of their own.
        alone = found.subtopic.id == "holiday_reminder" and re.search(r"\d", head)
        # But it is one of the ways a head on 八项规定 keeps them (round DA: 执行中央八项
        # 规定精神，公务接待…每月自查，节点廉洁提醒5次 was torn in two).
        if found.subtopic.id == "holiday_reminder" and _KEEPING_RULES.match(head):
            return None
        if min(len(head), len(tail)) < PART_MIN or not (re.search(r"\d", tail) or alone):
            return None
        # What was done at the meeting the head holds (召开…党员大会，为老党员颁发纪念章)
        # is part of it (round BN); a duty named (认真履行第一责任人职责) is no work of
        # its own without what carried it out (round BP: it was left an empty item).
        if (_AT_MEETING.search(head) and re.match(r"[为向给]", tail)) or _DUTY.match(head):
            return None
        # The talks held before a 组织生活会 are part of it (round CB: 开展谈心谈话64人次
        # torn from it read as routine talks).
        if found.subtopic.id == "heart_talk" and _LIFE_MEETING.search(head):
            return None
        # Staff's thinking surveyed is part of the 意识形态 work it follows (round DI: 职工
        # 思想动态排查2次 was torn off as talks).
        if "思想动态" in tail and "意识形态" in head:
            return None
        # A tail with no one doing it keeps the head's doer (党组书记…，与班子成员谈心谈话
        # 14人次 → 党组书记与班子成员…, round BW: it read as the whole 局党组's).
        doer = _DOER.match(head)
        if doer and re.match(r"[与同和对向]", tail):
            tail = doer.group(1) + tail
        return f"{head}。", f"{tail}。"
    return None


def by_matter(
    subtopic: Subtopic | None,
    group: list[tuple[int, Activity, str]],
    unsaid: Callable[[Matter], bool] | None = None,
) -> list[list[tuple[int, Activity, str]]]:
    """A sub-topic's facts in runs of one matter each (安全生产, then 项目建设), in the
    order the matters first come, so that each item's lead names its facts; a fact its
    writer labelled alone; facts of no matter last; no matter the unit does not say
    (`unsaid`). One run for a sub-topic without matters."""
    if subtopic is None or not subtopic.matters:
        return [group]
    runs: dict[str, list[tuple[int, Activity, str]]] = {}
    for entry in group:
        # A fact its writer labelled is its own item, led by its label.
        if label := topic_label(entry[2]):
            runs.setdefault(f"label:{label}", []).append(entry)
            continue
        # A matter the unit does not say (a 政协's 惠企) runs with another the fact names,
        # whose lead it will take (round DD: its 营商环境 协商 stood apart as 此外); with
        # none, the facts of the unsaid matter still run together.
        matters = subtopic.matters_of([entry[2]], unsaid) or subtopic.matters_of([entry[2]])
        runs.setdefault(matters[0].item if matters else "", []).append(entry)
    # Business facts of no matter stand each alone: joined by ；, unrelated ones read as
    # one sentence of three works (rounds CD–CF: 交易额；电子化；评标专家).
    rest = runs.get("", [])
    alone = [[entry] for entry in rest] if subtopic.id == CENTRAL_TASK_ID else [rest]
    return [run for name, run in runs.items() if name] + [run for run in alone if run]


def join_lone_facts(
    groups: dict[str, dict[str, list[tuple[int, Activity, str]]]],
    subtopics: Subtopics,
    order: Callable[[str], int],
    core: Collection[str] = (),
) -> dict[int, str]:
    """A theme's only fact joins another theme its sub-topic names, when that one has
    facts too: one 谈心谈话 is not a subsection of 干部队伍建设 with a heading it cannot
    fill, nor one 第一议题 fact a subsection beside one 中心组 fact (reviewers merge them).
    A theme the writer chose stays, and so does one of the genre's `core` themes.
    Returns each joined activity's index and new theme."""
    moved: dict[int, str] = {}
    # Each theme as it stands now: one joined earlier may since hold more (round BC: a
    # stale copy let a theme that had just taken a fact join onward and lose it).
    for theme in list(groups):
        keyed = groups[theme]
        facts = [fact for group in keyed.values() for fact in group]
        subtopic = subtopics.get(next(iter(keyed)))
        if len(facts) != 1 or subtopic is None or facts[0][1].theme or theme in core:
            continue
        target = next((t for t in subtopic.joins if t in groups and t != theme), None)
        if target is None:
            continue
        if order(theme) < order(target):
            # 政治 before 理论, as its own subsection would have stood.
            groups[target] = {subtopic.id: facts, **groups[target]}
        else:
            groups[target].setdefault(subtopic.id, []).extend(facts)
        del groups[theme]
        moved[facts[0][0]] = target
        groups[target] = _study_first(groups[target], subtopics)
    return moved


# Politics work that is the study of the centre's words, not the leaders' rules of conduct.
_STUDIED = frozenset({"first_topic"})


def _study_first(
    keyed: dict[str, list[tuple[int, Activity, str]]], subtopics: Subtopics
) -> dict[str, list[tuple[int, Activity, str]]]:
    """Politics and theory in one subsection open on the study (第一议题, 中心组) and end
    on the rules kept (三重一大, 民主生活会): under 强政治、重理论 a 规范决策程序 first
    pushed the 第一议题 down to 三是 (round DH)."""

    def studied(key: str) -> bool:
        subtopic = subtopics.get(key)
        return subtopic is not None and (subtopic.theme == "theory" or key in _STUDIED)

    if not any(studied(key) for key in keyed):
        return keyed
    return {key: keyed[key] for key in sorted(keyed, key=lambda key: not studied(key))}
