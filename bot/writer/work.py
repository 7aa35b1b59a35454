"""The work section: one subsection per theme, framed, with one item per sub-topic.

Activities of one sub-topic (警示教育, 节前提醒 …) form one item: a lead naming them,
how such work is done (坚持以案为鉴、以案促改), then the facts joined as a writer joins
them; an effect clause follows only where the organisation's own reports give one.
Each subsection is headed and framed (frames.py); the item's wording is chosen in
leads.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from phrasebank.matching import Classification

from .claims import RESULT
from .frames import Frames
from .grouping import (
    LABELLED_MIN,
    by_matter,
    join_lone_facts,
    label_lead,
    numbered_list,
    portions,
    topic_label,
    two_kinds,
    unled,
)
from .leads import ItemWords
from .placing import place
from .rectified import answers_earlier
from .report import Block, Item, Sentence
from .subtopics import CENTRAL_TASK_ID, HEADING_STYLES, Matter, Subtopic, load_subtopics
from .wording import as_reporter, dated, formalise, sentence_of, unlabelled, written_label

if TYPE_CHECKING:
    from .answers import Activity
    from .compose import Drafting

# An effect clause follows only facts shorter than this (longer in a fuller report).
EFFECT_MAX_FACT = {"quarter": 110, "half": 160, "year": 160}
# 书记 with no body named, opening a clause (书记讲党课1次).
_BARE_SECRETARY = re.compile(r"(?:^|(?<=[，；]))书记(?!处|员)")
# Whom only the unit's own secretary talks with, not its organs' branch's (round BP).
_LEADERS_TALKED = re.compile(r"书记(?:与|和|同|对)[^，。；]{0,6}(?:班子成员|中层|新提拔|任前)")
# Facts this long say how the work was done themselves: no practice goes before them.
PRACTICE_MAX_FACT = 120
# Sources of leads that name what a business fact is: its writer's label, its matter.
_NAMED_LEADS = (f"curated:{CENTRAL_TASK_ID}:label", f"curated:{CENTRAL_TASK_ID}:matter")
_GENERAL_LEAD = f"curated:{CENTRAL_TASK_ID}:lead"  # 服务保障{中心工作} and its like
# A business fact opening on its own doing (推进县域医共体建设，…), its lead when no other.
_OWN_LEAD = re.compile(
    r"^((?:推进|深化|加强|抓好|做好|实施|推动|开展|强化)[^，。；“”]{2,10}"
    r"(?:建设|工作|改革|行动|工程|整治|治理|服务|转型))，"
)
_QUOTED_WORK = re.compile(r"^“([^“”]{2,14}(?:建设|改革|工程|治理))”[：:]")


@dataclass(frozen=True)
class _Where:
    theme: str
    id: str


# A fact of what the organisation is, not of work done: its members and branches.
BASIC = re.compile(
    r"(?:现有|共有)(?:正式|在册)?党员\d+名|下设\d+个[^，。；]{0,4}(?:党支部|支部|党小组)"
    r"|设\d+个党小组|^[^，。；]{0,8}党员\d+名|(?:支部|党委|总支|党组织)现?有(?:正式)?党员\d+名"
)
DOING = re.compile(
    r"召开|开展|组织|完成|举办|发展|学习|参加|签订|落实|培训|评选|表彰|整改|走访|慰问|接收|转正|吸收"
)
# What 待补充 says of an activity that states a shortcoming.
SHORTFALL = "看起来是存在的不足而不是已做的工作，已写入“存在问题”部分"
# The sub-topic of a fact answering an earlier period's problems.
RECTIFIED = "inspection_rectification"
# Where business work that names no party work goes.
CENTRAL_TASK = _Where("integration", CENTRAL_TASK_ID)


@dataclass(frozen=True)
class Placed:
    """Where one activity went: its theme (and how sure), sub-topic, the lead it got, its text."""

    theme: str
    classification: Classification | None
    lead: str | None
    text: str
    subtopic: str | None = None
    concerns: tuple[str, ...] = ()  # what the writer should check (checks.py)


class WorkSection:
    """Builds the work section of one draft."""

    def __init__(self, draft: Drafting) -> None:
        self.d = draft
        self.subtopics = load_subtopics()
        self.frames = Frames(draft, draft.choose(HEADING_STYLES))
        self.words = ItemWords(draft, self.subtopics, self.frames)
        # Facts of what the organisation is (现有党员41名), which the opening states.
        self.basic: list[Sentence] = []
        # Facts answering an earlier period's problems, for a section of their own.
        self.rectified: list[Sentence] = []

    def blocks(self) -> tuple[list[Placed | None], list[tuple[Block, str]]]:
        """The placement of every activity, and one block per theme worked on, in theme order."""
        d = self.d
        placed: list[Placed | None] = []
        # theme → sub-topic (or a lone activity's own key) → [(index, activity, text)]
        groups: dict[str, dict[str, list[tuple[int, Activity, str]]]] = {}
        seen: set[str] = set()
        tails: set[tuple[int, str]] = set()
        splits: dict[int, tuple[str, str, str, str, str]] = {}  # line → whole, head, tail keys
        for index, activity in enumerate(d.answers.activities, start=1):
            text = formalise(activity.text)
            if not text or text in seen:
                placed.append(None)
                continue
            seen.add(text)
            text = dated(sentence_of(text), d.answers.period.year)
            if d.genre.first_person:
                text = as_reporter(text, d.answers.profile.secretary())
            else:
                # A bare 书记 opening a clause is the body's (round AZ: 支部书记讲党课), or
                # the branch's where the fact is a branch's (支部委员会6次，书记讲党课, BC).
                # The branch named before it (班子成员到所在支部讲党课 after it is not, BM);
                # branches counted (4个党支部…，书记讲党课4次) are the body's (round DG).
                bare = _BARE_SECRETARY.search(text)
                before = text[: bare.start()] if bare else ""
                one = re.search("(?<!总)(?:支部|支委)", before)
                counted = re.search(r"\d+个党?支部", before)
                branch = "支部书记" if one and not counted else None
                # An organs' branch's 书记 talking with the 班子成员 is the unit's (BP);
                # not in a 县委 department, which has no 党组 (round DE: a 网信办).
                profile = d.answers.profile
                organs = profile.short_org.startswith("机关") and not _PARTY_DEPARTMENT.search(
                    profile.name
                )
                if organs and _LEADERS_TALKED.search(text):
                    head = profile.self_name[1:] if profile.self_name[:1] == "我" else ""
                    branch = f"{head}{profile.kind.body}书记"
                text = _BARE_SECRETARY.sub(branch or profile.secretary(), text)
            theme, classification, subtopic = place(self.d, activity, text)
            if index in d.shortfalls:
                placed.append(Placed(theme, classification, None, text, concerns=(SHORTFALL,)))
                continue
            # A business label stays to lead its item (免疫规划方面，… → 做好免疫规划工作。).
            if subtopic is None or subtopic.id != CENTRAL_TASK.id or not topic_label(text):
                text = unlabelled(text, partial(self._labels, subtopic=subtopic))
            if BASIC.search(text) and not DOING.search(text):
                # 村党支部现有党员41名…: no work done, the unit as it is, for the opening.
                self.basic.append(Sentence(text, (f"activity:{index}",)))
                placed.append(Placed("organization", classification, None, text))
                continue
            if (
                d.genre.rectified
                and answers_earlier(text, d.answers.period.year)
                and not d.answers.profile.kind.owns(text)
            ):
                # 针对上年度述职评议指出的…问题，…: the genre's own section says it.
                self.rectified.append(Sentence(text, (f"activity:{index}",)))
                placed.append(Placed(theme, classification, None, text, RECTIFIED))
                continue
            # One line of two kinds of work (…转正，收缴党费…) goes to two items.
            whole, tail, later = text, None, None
            parts = None if activity.theme else two_kinds(text, self.subtopics)
            if parts is not None:
                _, _, later = place(self.d, activity, parts[1])
                if later is not None and later.id != CENTRAL_TASK.id:
                    text, tail = parts
                    theme, _, subtopic = place(self.d, activity, text)
            placed.append(
                Placed(theme, classification, None, whole, subtopic.id if subtopic else None)
            )
            key = subtopic.id if subtopic else f"#{index}"
            groups.setdefault(theme, {}).setdefault(key, []).append((index, activity, text))
            if tail is not None and later is not None:
                tails.add((index, tail))
                entry = (index, activity, tail)
                groups.setdefault(later.theme, {}).setdefault(later.id, []).append(entry)
                splits[index] = (whole, theme, key, later.theme, later.id)
        _rejoin_lone_dues(groups, splits, tails)
        order, core = d.c.lexicon.ids.index, d.genre.core_themes
        for index, target in join_lone_facts(groups, self.subtopics, order, core).items():
            current = placed[index - 1]
            assert current is not None
            placed[index - 1] = replace(current, theme=target)
        blocks: list[tuple[Block, str]] = []
        for theme in sorted(groups, key=d.c.lexicon.ids.index):
            d.worked[theme] = [t for group in groups[theme].values() for _, _, t in group]
            # Business last: its facts a lead names none of close the list (此外，…) after
            # the party's work, not between a 先锋岗 and the rest of the business (BQ).
            keyed = sorted(groups[theme].items(), key=lambda kv: kv[0] == CENTRAL_TASK.id)
            items_of = [
                (subtopic, group)
                for key, whole in keyed
                for subtopic in [self.subtopics.get(key)]
                for run in by_matter(subtopic, whole, self._unsaid)
                for group in portions(run)
            ]
            # A lone item is the subsection's own text: its heading and framing lead it.
            alone = len(items_of) == 1
            self.words.new_subsection()
            items: list[Item] = []
            for part, (subtopic, group) in enumerate(items_of):
                # The classifier was unsure of an activity's theme.
                guessed = any(
                    (p := placed[i - 1]) is not None
                    and p.classification is not None
                    and p.classification.low
                    for i, _, _ in group
                )
                item, lead = self.item(theme, subtopic, group, part, led=not alone, guessed=guessed)
                items.append(item)
                for index, _, text in group:
                    current = placed[index - 1]
                    assert current is not None
                    # A line's second part (收缴党费…) leaves the line its first part's lead.
                    if (index, text) not in tails:
                        placed[index - 1] = replace(current, lead=lead)
            # A subsection of one sub-topic's work is headed by that work.
            keys = list(groups[theme])
            only = self.subtopics.get(keys[0]) if len(keys) == 1 else None
            # Another theme's lone fact joined in: a heading of both.
            joined = any((s := self.subtopics.get(k)) and s.theme != theme for k in keys)
            heading, framing = self.frames.frame(theme, full=not alone, only=only, joined=joined)
            if alone:
                # A lone fact's heading is its lead: 意识形态工作方面，… under 抓牢意识形态工作
                # says the topic twice.
                items = [_unled_by(items[0], heading.text)]
                # Its framing leads it, and how such work is done follows (坚持读原文、悟原理).
                framing += self.lone_practice(items_of[0], items[0], (heading, *framing))
            else:
                # So is a fact's label its subsection's heading names (党风廉政方面，… under
                # 加强党风廉政建设, round BU).
                # Its theme's own name counts as named (党风廉政 of 党风廉政建设).
                named = f"{heading.text}{d.c.lexicon.label(theme)}"
                items = [_unled_by(item, named, last=True) for item in items]
            items, numbered = numbered_list(items)
            blocks.append((Block(heading, framing, tuple(items), numbered), theme))
        return placed, blocks

    def _unsaid(self, matter: Matter) -> bool:
        """Whether the unit does not say `matter`'s lead (a 政协's 惠企)."""
        return self.d.fit.never_says(matter.lead)

    def lone_practice(
        self,
        of: tuple[Subtopic | None, list[tuple[int, Activity, str]]],
        item: Item,
        said: tuple[Sentence, ...],
    ) -> tuple[Sentence, ...]:
        """How a subsection's lone item was done, after its framing: as for a led item,
        repeating neither the heading and framing nor the facts; none for business."""
        subtopic, group = of
        facts = item.sentences[-1].text.removesuffix("。")
        if subtopic is None or subtopic.id == CENTRAL_TASK.id or len(facts) >= PRACTICE_MAX_FACT:
            return ()
        variant = sum(activity.variant for _, activity, _ in group)
        above = "".join(sentence.text for sentence in said)
        practice = self.words.practice(subtopic, facts, above, variant)
        return (Sentence(f"{practice.text}。", practice.sources),) if practice else ()

    def _own_lead(self, facts: str, index: int) -> Sentence | None:
        """The writer's own opening of a business fact as its lead, where no stock lead
        names it (推进县域医共体建设，县医院专家… → 推进县域医共体建设。; round BO), or the
        work a quoted label names (“社会信用体系建设”：… → 推进社会信用体系建设, BW)."""
        own, quoted = _OWN_LEAD.match(facts), _QUOTED_WORK.match(facts)
        found = own or quoted
        if found is None or len(facts) - found.end() < LABELLED_MIN:
            return None
        lead = own.group(1) if own else label_lead(found.group(1))
        if not self.d.ledger.is_new(lead):
            return None
        self.d.ledger.use(lead)
        return Sentence(lead, (f"activity:{index}",))

    def _labels(self, label: str, rest: str, subtopic: Subtopic | None) -> bool:
        """Whether a writer's topic label (发展党员方面) names the work its fact is placed
        as, the fact naming it too (2名预备党员按期转正; not 审核课件56份 alone)."""
        named = [self.subtopics.match(label), self.subtopics.match(rest)]
        return subtopic is not None and all(f is not None and f.subtopic is subtopic for f in named)

    # ------------------------------------------------------------ the parts

    def item(
        self,
        theme: str,
        subtopic: Subtopic | None,
        group: list[tuple[int, Activity, str]],
        part: int = 0,
        led: bool = True,
        guessed: bool = False,
    ) -> tuple[Item, str | None]:
        d = self.d
        facts = "；".join(text.removesuffix("。") for _, _, text in group)
        variant = sum(activity.variant for _, activity, _ in group) + part
        sentences: list[Sentence] = []
        # Where the theme itself is a guess (待补充 asks), and no keyword names the sub-topic
        # either, no lead makes it look settled (深化支部共建 over 开学第一课).
        business = subtopic is None or subtopic.id == CENTRAL_TASK.id
        unnamed = guessed and not business and self.subtopics.match(facts) is None
        if not led or (guessed and subtopic is None) or unnamed:
            found = None
        elif subtopic is not None:
            found = self.words.lead(theme, subtopic, facts, variant)
        else:
            found = self.words.plain_lead(theme, facts, variant)
        # The writer's own opening (推进县域医共体建设，…) leads a business fact that no label
        # or matter does, before a general lead (服务保障…中心工作, round BT).
        general = found is None or not found.sources[0].startswith(_NAMED_LEADS)
        if led and business and len(group) == 1 and general:
            # Nor a general lead over one fact of no matter (服务保障公安工作, round CD).
            stock = found is not None and found.sources[0].startswith(_GENERAL_LEAD)
            found = self._own_lead(facts, group[0][0]) or (None if stock else found)
        if (lead := self.words.remember_lead(found)) is not None:
            sentences.append(Sentence(f"{lead.text}。", lead.sources))
            facts = unled(facts, lead.text)
            # How the work was done goes between a lead and its facts, as the seeds say
            # it; business facts speak for themselves.
            if not business and subtopic is not None and len(facts) < PRACTICE_MAX_FACT:
                practice = self.words.practice(subtopic, facts, lead.text, variant)
                if practice is not None:
                    sentences.append(Sentence(f"{practice.text}。", practice.sources))
        sources = tuple(f"activity:{index}" for index, _, _ in group)
        # Which of the earlier report's plans these facts carried out (--explain says so).
        sources += tuple(dict.fromkeys(f"earlier:{a.plan}" for _, a, _ in group if a.plan))
        longest = EFFECT_MAX_FACT[d.answers.period.span]
        # Business work and facts stating their own result end on the fact. Only facts each
        # plainly of their sub-topic carry its effect, after a last clause of no other.
        weak = (
            subtopic is None
            or subtopic.id == CENTRAL_TASK.id
            or not all(self.words.plainly(text, theme, subtopic) for _, _, text in group)
        )
        last = self.subtopics.match(re.split(r"[，；]", facts)[-1])
        elsewhere = last is not None and last.subtopic is not subtopic
        bare = weak or elsewhere or RESULT.search(facts) is not None
        if subtopic and not bare and len(facts) < longest and not d.ends_with_effect(facts):
            effect = self.words.effect(theme, subtopic, facts, lead.text if lead else "")
            if effect is not None:
                facts = f"{facts}，{effect.text}"
                sources += effect.sources
        d.ledger.use(facts)
        sentences.append(Sentence(f"{facts}。", sources))
        return Item(tuple(sentences)), lead.text if lead else None


# A department of the party's own committee (县委网信办, 县委统战部): no 党组 leads it.
_PARTY_DEPARTMENT = re.compile(r"[县市区]委(?!员会)")


def _rejoin_lone_dues(
    groups: dict[str, dict[str, list[tuple[int, Activity, str]]]],
    splits: dict[int, tuple[str, str, str, str, str]],
    tails: set[tuple[int, str]],
) -> None:
    """Puts a line's 党费 tail back on its line when nothing else is of its work: a lone
    收缴党费4860元 stood as an item of its own (规范党费收缴管理, round DA: both writers
    struck it); beside other members' work it joins them."""
    for index, (whole, theme, key, tail_theme, tail_key) in splits.items():
        group = groups[tail_theme][tail_key]
        if tail_key != "member_management" or len(group) != 1:
            continue
        tails.discard((index, group[0][2]))
        del groups[tail_theme][tail_key]
        if not groups[tail_theme]:
            del groups[tail_theme]
        groups[theme][key] = [
            (i, activity, whole if i == index else text) for i, activity, text in groups[theme][key]
        ]


def _unled_by(item: Item, heading: str, last: bool = False) -> Item:
    """`item` without an opening label that `heading` names, on its first sentence or,
    `last`, on its facts after its lead; a label it keeps is written out (written_label)."""
    sentences = list(item.sentences)
    at = len(sentences) - 1 if last else 0
    text = written_label(unled(sentences[at].text, heading))
    if text == sentences[at].text:
        return item
    sentences[at] = Sentence(text, sentences[at].sources)
    return replace(item, sentences=tuple(sentences))
