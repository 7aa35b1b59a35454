"""Sub-topics beneath the nine themes, and the curated wording of each (data/subtopics.toml).

A sub-topic (警示教育, 节前提醒, 主题党日 …) is what a work item is about:
activities of one sub-topic are grouped into one item, and its lead, effect
clause and plans are chosen for it. Each theme also has framing sentences
and headings in three style families. The wording was written for this
project to fill what the corpus lacks; its source is ``curated:…`` in
``--explain``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from phrasebank.text import read_data, without_counts

HEADING_STYLES = ("short", "paired", "long")
# The unit's own business, under 党建业务融合.
CENTRAL_TASK_ID = "central_task"
_TITLE = re.compile(r"《[^《》]*》")
# What a lecture or meeting was about (主题为乡村振兴) is its subject, not the work done.
_SUBJECT = re.compile(r"(?:主题|题目|内容)(?:为|是)[^，。；]*")
# Pledges, plans and rules whose title still names the work of signing or drawing them up
# (修订《党委会议事规则》 is 议事规则 work, round BO).
PLEDGES = ("承诺书", "责任书", "责任状", "倡议书", "告知书", "工作要点", "责任清单", "议事规则")
# Titles of Party regulations: their words name the work of studying them.
PARTY_RULES = "《中国共产党"


def heading_style(text: str) -> str:
    """The shape of a heading: short (扛牢压实主体责任), paired (强部署、压责任，…) or long."""
    if re.match(r"^[^，、]{2,4}、[^，、]{2,4}，", text):
        return "paired"
    if "，" not in text and len(text) <= 12:
        return "short"
    return "long"


def worded(text: str) -> str:
    """`text` as it names work: titles in 《》, subjects (主题为…) and counts left out
    (《志愿军》 is a film, 发展1名预备党员 is 发展预备党员); a title of a pledge names the pledging
    (签订《医德医风承诺书》 is 签订承诺书), and of a Party regulation what was studied."""
    # A 干部职工会 is a staff meeting, no 工会 work (round CY).
    text = text.replace("职工会", "职工大会")
    return without_counts(_SUBJECT.sub("", _TITLE.sub(_pledge, text)))


def _pledge(title: re.Match[str]) -> str:
    # A Party regulation's title names what was studied (学习《中国共产党纪律处分条例》 is
    # 纪律教育, round WW), as a pledge's names the pledging.
    if title.group(0).startswith(PARTY_RULES):
        return title.group(0)[1:-1]
    return next((kind for kind in PLEDGES if title.group(0).endswith(f"{kind}》")), "")


@dataclass(frozen=True)
class Problem:
    text: str
    denies: tuple[str, ...]  # words in the facts that show the problem is not true of the unit


@dataclass(frozen=True)
class Matter:
    """A kind of business work facts name (安全生产, 项目建设), which their lead names."""

    words: re.Pattern[str]
    name: str  # under a verb, for a second item of it: 统筹抓好安全生产
    lead: str  # its item's lead: 守牢安全生产底线
    weak: bool = False  # named by common words (新建, 同比): a fact's matter only failing others
    run: str = ""  # the item its facts join, when not its own: 防汛 值守 with 防汛救灾

    @property
    def item(self) -> str:
        """The name of the item its facts go to."""
        return self.run or self.name


@dataclass(frozen=True)
class Move:
    """Work of a sub-topic that is another's when `when` is named and `unless` is not."""

    when: re.Pattern[str]
    unless: re.Pattern[str] | None
    to: str

    def applies(self, text: str) -> bool:
        return bool(self.when.search(text)) and not (self.unless and self.unless.search(text))


# People a sub-topic's label names, and how a fact names them.
_PEOPLE = {
    "青年": "青年|年轻|团员|35岁",
    "妇女": "妇|女职工|女干部|巾帼",
    "工会": "工会|职工",
    "少先队": "少先队|队员|红领巾",
}


@dataclass(frozen=True)
class Subtopic:
    id: str
    theme: str
    label: str
    keywords: tuple[str, ...]
    leads: tuple[str, ...]
    problems: tuple[Problem, ...]
    plans: tuple[str, ...]
    answers: tuple[str, ...]  # content words of a writer's own problem this sub-topic answers
    # Causes of its problems, before its theme's: 老龄化 is a 发展党员 matter.
    causes: tuple[str, ...] = ()
    # Leads for its plans only: 推动党建与业务深度融合 leads a plan, not a fact.
    plan_leads: tuple[str, ...] = ()
    # Themes a lone fact of it joins rather than make a subsection of its own (one
    # 谈心谈话 goes with the organisation's work, under a heading it fits).
    joins: tuple[str, ...] = ()
    # Sub-topics its work becomes, by who does it or for whom, as writers file it:
    # 党员志愿者 serve people (为民服务) rather than stand among 群团 activities, and
    # 走访慰问困难户 of a 结对帮扶 village is service, not care for the unit's own.
    moves: tuple[Move, ...] = ()

    def moved(self, text: str) -> str | None:
        """The sub-topic id `text`'s work becomes (moves), or None."""
        return next((m.to for m in self.moves if m.applies(text)), None)

    def guessable(self, text: str) -> bool:
        """Whether `text`, naming none of its keywords, may still be guessed of it: not when
        its label names people the text does not (a 晨会学习 is no 青年理论学习, round BG)."""
        people = [word for word in _PEOPLE if word in self.label]
        return not people or any(re.search(_PEOPLE[word], text) for word in people)

    # Kinds of its work, in order: a business item's lead names the kinds its facts are.
    matters: tuple[Matter, ...] = ()
    # Headings (style → wordings) of a subsection holding its work alone: a 巡察 整改
    # alone under 责任落实 is headed by its 整改, not by 健全责任体系.
    headings: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Framing sentences of such a subsection: a lone 巡察 整改 is not opened by the
    # theme's stance on 主体责任 (抓好党建是本职…), reviewers struck it in rounds VV–XX.
    framings: tuple[str, ...] = ()
    # How its work is done (严格按照发展党员工作程序; 坚持以案为鉴、以案促改), said
    # between an item's lead and its facts as the seeds do; never what it achieved.
    practices: tuple[str, ...] = ()
    # What a fact of its work usually states (片名或案例、参加人数): asked of a terse one.
    details: str = ""

    def headings_of(self, style: str) -> tuple[str, ...]:
        """Its subsection headings of `style`, or none."""
        return next((options for shape, options in self.headings if shape == style), ())

    def matters_of(
        self, facts: list[str], unsaid: Callable[[Matter], bool] | None = None
    ) -> list[Matter]:
        """The matters `facts` name, in the facts' order: each fact is of the matter it names
        first (供气量…，未发生安全事故 is business before safety), a weak one (新建, 同比)
        only if it names no other; none the unit does not say (`unsaid`: a kindergarten
        says neither 安全生产 nor 校园安全, and its 消防疏散 is 园所安全)."""
        found: list[Matter] = []
        for fact in facts:
            text = _TITLE.sub("", fact)
            named = [
                (m.start(), i)
                for i, matter in enumerate(self.matters)
                if (m := matter.words.search(text)) and not (unsaid and unsaid(matter))
            ]
            specific = [hit for hit in named if not self.matters[hit[1]].weak] or named
            matter = self.matters[min(specific)[1]] if specific else None
            if matter is not None and matter.name not in {m.name for m in found}:
                found.append(matter)
        return found


@dataclass(frozen=True)
class ThemeWording:
    framings: tuple[str, ...]
    headings: dict[str, tuple[str, ...]]  # style → headings
    leads: tuple[str, ...] = ()  # plain leads for a fact that names no sub-topic
    purposes: tuple[str, ...] = ()  # what the theme's work is for (为…), opening a framing
    causes: tuple[str, ...] = ()  # causes of the problems of the theme (原因分析)
    # style → headings of a subsection that also holds another theme's lone fact joined
    # into it (思想政治建设 over 第一议题 and 中心组 work)
    joined: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Framings of such a subsection, saying both (not 民主集中制 over 学习, round BK).
    joined_framings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    subtopic: Subtopic
    score: float


class Subtopics:
    """All sub-topics, with one keyword matcher over them."""

    def __init__(self, subtopics: tuple[Subtopic, ...], themes: dict[str, ThemeWording]) -> None:
        self.all = subtopics
        self.themes = themes
        self._by_id = {s.id: s for s in subtopics}
        owners: dict[str, list[Subtopic]] = {}
        for subtopic in subtopics:
            for word in subtopic.keywords:
                owners.setdefault(word, []).append(subtopic)
        self._owners = owners
        ordered = sorted(owners, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered)))

    def __getitem__(self, subtopic_id: str) -> Subtopic:
        return self._by_id[subtopic_id]

    def __contains__(self, subtopic_id: object) -> bool:
        return subtopic_id in self._by_id

    def get(self, subtopic_id: str) -> Subtopic | None:
        return self._by_id.get(subtopic_id)

    def of_theme(self, theme: str) -> list[Subtopic]:
        return [s for s in self.all if s.theme == theme]

    def keywords_in(self, text: str) -> list[str]:
        """The sub-topic keywords `text` names: what it claims was done.

        A title in 《》 names a thing, not the work: 《志愿军》 is a film, not volunteering.
        Counts are read through: 发展1名预备党员 names 发展党员.
        """
        return self._pattern.findall(worded(text))

    def scores(self, text: str) -> dict[str, float]:
        """Keyword evidence per sub-topic id: longer keywords weigh more."""
        totals: dict[str, float] = {}
        for word in self.keywords_in(text):
            for subtopic in self._owners[word]:
                totals[subtopic.id] = totals.get(subtopic.id, 0.0) + len(word)
        return totals

    def match(self, text: str, theme: str | None = None) -> Match | None:
        """The best sub-topic for `text`, within `theme` when given; None when nothing matches."""
        scores = self.scores(text)
        if theme is not None:
            scores = {k: v for k, v in scores.items() if self._by_id[k].theme == theme}
        if not scores:
            return None
        order = {s.id: i for i, s in enumerate(self.all)}
        best = max(scores, key=lambda k: (scores[k], -order[k]))
        return Match(self._by_id[best], scores[best])

    def answering(self, problem: str) -> Subtopic | None:
        """The sub-topic whose plans answer a writer's own problem, by shared content words."""
        best: tuple[int, Subtopic] | None = None
        for subtopic in self.all:
            shared = sum(len(w) for w in (*subtopic.answers, *subtopic.keywords) if w in problem)
            if shared and (best is None or shared > best[0]):
                best = (shared, subtopic)
        return best[1] if best else None


@cache
def load_subtopics() -> Subtopics:
    raw = read_data("bot.writer.data", "subtopics.toml")
    subtopics = tuple(_subtopic(entry) for entry in raw["subtopics"])
    themes = {
        theme: ThemeWording(
            framings=tuple(value["framings"]),
            headings={style: tuple(value[f"headings_{style}"]) for style in HEADING_STYLES},
            leads=tuple(value.get("leads", ())),
            purposes=tuple(value.get("purposes", ())),
            causes=tuple(value.get("causes", ())),
            joined={
                style: tuple(value[f"joined_{style}"])
                for style in HEADING_STYLES
                if f"joined_{style}" in value
            },
            joined_framings=tuple(value.get("joined_framings", ())),
        )
        for theme, value in raw["themes"].items()
    }
    return Subtopics(subtopics, themes)


def _subtopic(entry: dict[str, Any]) -> Subtopic:
    return Subtopic(
        id=entry["id"],
        theme=entry["theme"],
        label=entry["label"],
        keywords=tuple(entry["keywords"]),
        leads=tuple(entry["leads"]),
        problems=tuple(
            Problem(p["text"], tuple(p.get("denies", ()))) for p in entry.get("problems", ())
        ),
        plans=tuple(entry["plans"]),
        answers=tuple(entry.get("answers", ())),
        causes=tuple(entry.get("causes", ())),
        plan_leads=tuple(entry.get("plan_leads", ())),
        joins=tuple(entry.get("joins", ())),
        moves=tuple(
            Move(
                re.compile(m["when"]),
                re.compile(m["unless"]) if m.get("unless") else None,
                m["to"],
            )
            for m in entry.get("moves", ())
        ),
        matters=tuple(
            Matter(
                re.compile(m["words"]), m["name"], m["lead"], m.get("weak", False), m.get("run", "")
            )
            for m in entry.get("matters", ())
        ),
        headings=tuple(
            (style, tuple(entry[f"headings_{style}"]))
            for style in HEADING_STYLES
            if f"headings_{style}" in entry
        ),
        framings=tuple(entry.get("framings", ())),
        practices=tuple(entry.get("practices", ())),
        details=entry.get("details", ""),
    )
