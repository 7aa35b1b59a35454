"""Composing a report: the writer's answers dressed in the phrasebank's stock wording.

One subsection per theme worked on, each activity an item of its sub-topic (work.py);
the problems, the writer's or stock ones of the themes worked on, and their causes
(problems.py); plans answering every problem, then the themes most worked on (plans.py).
Nothing is said twice, and every sentence keeps its sources.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TypeVar

from rapidfuzz import fuzz

from phrasebank.bank import Bank
from phrasebank.matching import TYPICAL_WEIGHT, Classification, Matcher
from phrasebank.phrase import Kind, Phrase
from phrasebank.text import EFFECT_START, split_clauses
from phrasebank.themes import load_lexicon

from . import reminders
from .answers import Activity, Answers
from .checks import ambiguous, business, names_party_work, shortcoming
from .examples import load_examples
from .fit import Fit, Ledger
from .plans import plans_section
from .problems import problems_section
from .rectified import rectified_section
from .report import Report, Section, Sentence
from .subtopics import Subtopic, heading_style, load_subtopics
from .wording import formalise
from .work import CENTRAL_TASK, Placed, WorkSection

T = TypeVar("T")
# A lead this similar (0–100) to a clause of its subsection's heading would only repeat it.
ECHO = 60
# Mined wording that reports its source's own results is a fact of that unit, not stock.
ACHIEVEMENT = re.compile(r"获|被评为|采用|表彰|荣誉|批示|肯定|第一名|先进")
# How sure a theme is when a sub-topic's own keywords name it.
SUBTOPIC_CONFIDENCE = 0.8
# Sub-topic keywords this long (风险点, 以案促改) name party work beside a business word (审批).
PARTY_OVER_BUSINESS = 3
# Sub-topics whose work may name no party word at all (service to people, 调解); a
# 开学第一课 merely like a 共建 example is the unit's business.
BUSINESS_LIKE = ("service", "governance", "vanguard", "central_task")
# The duties a 主体责任 report's work intro names: a fact naming one says it already.
INTRO_DUTIES = ("第一责任人", "一岗双责")
# A plan statement longer than this does not make a heading.
HEADING_MAX = 30
# The signature's stand-in for who reports, in a 述职; the writer's `name` fills it.
REPORTER_LABEL = "述职人："
REPORTER = f"{REPORTER_LABEL}XXX"
# A subsection heading speaks for all its activities: it should name its theme plainly.
HEADING_TYPICAL = 1.0
# Bump when the code choosing a phrase's sub-topic (of_subtopic) changes: the index
# kept beside a bank is named by it and by the sub-topic data.
SUBTOPIC_INDEX = 3


@cache
def _subtopics_digest() -> str:
    data = resources.files("bot.writer.data").joinpath("subtopics.toml").read_bytes()
    return hashlib.sha1(data).hexdigest()[:12]


@dataclass(frozen=True)
class Composition:
    report: Report
    placed: tuple[Placed | None, ...]  # per activity, None when dropped as a repeat
    problem_themes: tuple[str, ...] = ()
    plan_themes: tuple[str, ...] = ()


class Composer:
    """Writes reports from one phrasebank."""

    def __init__(self, bank: Bank, matcher: Matcher | None = None) -> None:
        self.bank = bank
        self.matcher = matcher or Matcher(bank)
        self.lexicon = load_lexicon()
        self.examples = load_examples()
        self._by_subtopic: dict[tuple[Kind, str, str], list[Phrase]] | None = None

    def classify(self, activity: Activity) -> Classification:
        """An activity's theme as the draft will file it (see :meth:`subtopic`)."""
        text = formalise(activity.text) or activity.text
        result = self.matcher.classify(text)
        found = self.subtopic(text, None if result.low else result.theme)
        if found is None or (found.theme == result.theme and not result.low):
            return result
        # A sub-topic's keywords are specific: its theme wins over the vote. Examples
        # alike in wording only place it; the writer is still asked to check.
        named = self.names_subtopic(text)
        ranking = ((found.theme, 1.0), *((t, s) for t, s in result.ranking if t != found.theme))
        return replace(
            result,
            theme=found.theme,
            confidence=max(result.confidence, SUBTOPIC_CONFIDENCE) if named else result.confidence,
            ranking=ranking,
            low=not named,
        )

    def of_subtopic(self, kind: Kind, theme: str, subtopic: str) -> list[Phrase]:
        """The bank's phrases of `kind` in `theme` that are of `subtopic`, most frequent first.

        Indexed once per bank, and kept beside a bank file: a bank of 100,000 phrases is
        not read per item, nor per chat.
        Mined wording that reports its source's own results (获…表彰, 被评为) is a fact of
        that unit, never stock wording, and is left out.
        """
        if self._by_subtopic is None:
            # Kept beside a bank file, named by the sub-topic data it was drawn with.
            name = f"subtopics-{SUBTOPIC_INDEX}-{_subtopics_digest()}"
            positions = self.bank.derived(name, self._subtopic_positions)
            phrases = self.bank.phrases
            self._by_subtopic = {
                (Kind(kind), theme, subtopic): [phrases[i] for i in memoryview(data).cast("i")]
                for (kind, theme, subtopic), data in positions.items()
            }
        return self._by_subtopic.get((kind, theme, subtopic), [])

    def _subtopic_positions(self) -> dict[tuple[str, str, str], bytes]:
        """Positions in the bank of the phrases of each (kind, theme, sub-topic)."""
        index: dict[tuple[str, str, str], list[int]] = {}
        subtopics = load_subtopics()
        for position, phrase in enumerate(self.bank):
            if phrase.kind not in (Kind.LEAD, Kind.EFFECT) or not phrase.theme:
                continue
            if ACHIEVEMENT.search(phrase.text):
                continue
            found = subtopics.match(phrase.text, phrase.theme)
            if found is not None:
                key = (str(phrase.kind), phrase.theme, found.subtopic.id)
                index.setdefault(key, []).append(position)
        phrases = self.bank.phrases
        return {
            key: array(
                # The organisation's own wording first: it is its house style.
                "i",
                sorted(
                    found, key=lambda i: (not phrases[i].own, -phrases[i].frequency, phrases[i].id)
                ),
            ).tobytes()
            for key, found in index.items()
        }

    def names_subtopic(self, text: str) -> bool:
        """Whether `text` itself names its sub-topic (a keyword, or business words)."""
        return business(text) is not None or load_subtopics().match(text) is not None

    def subtopic(self, text: str, theme: str | None = None) -> Subtopic | None:
        """The sub-topic an activity is about: by its keywords; business work goes under
        党建业务融合's 中心工作; else the sub-topic of the labelled examples most like it
        (of `theme`, when the classifier is sure of one); None when nothing says."""
        subtopics = load_subtopics()
        found = subtopics.match(text)
        if business(text) and (found is None or found.score < PARTY_OVER_BUSINESS):
            # Its moves hold too: a 纪工委's check of 低保 funds is supervision (round BF).
            moved = subtopics[CENTRAL_TASK.id].moved(text)
            return subtopics.get(moved or CENTRAL_TASK.id)
        # 专项整治 of 电动自行车头盔 names no party work: it is the unit's business.
        unparty = found is not None and not names_party_work(text)
        if unparty and ambiguous(subtopics.keywords_in(text)):
            return subtopics.get(CENTRAL_TASK.id)
        guess = subtopics.get(self.examples.nearest(text, theme) or "") if not found else None
        subtopic = found.subtopic if found else guess if guess and guess.guessable(text) else None
        # Moves hold for a guessed sub-topic too (a 结核病日 宣传 is a CDC's own, round AL).
        if subtopic is not None and (moved := subtopic.moved(text)):
            return subtopics.get(moved)
        if found is not None:
            return subtopic
        # Work naming no party work (a title's 党史 is none) is the unit's business unless
        # like service (调解邻里纠纷) and named by no business (森林防火期间值班, round AE);
        # work of no sub-topic that a business names is it (档案查阅利用, round AS).
        central = subtopics[CENTRAL_TASK.id]
        named = any(not matter.weak for matter in central.matters_of([text]))
        like = subtopic is not None and subtopic.id in BUSINESS_LIKE and not named
        untitled = re.sub(r"《[^》]*》", "", text)
        if (subtopic is None and named) or (not names_party_work(untitled) and not like):
            return central
        return subtopic

    def compose(self, answers: Answers) -> Composition:
        return Drafting(self, answers).compose()

    def suggestions(self, answers: Answers, role: str) -> list[str]:
        """What 自动 would write for `role` ("problems" or "plans"): one statement per item.

        Offered to the writer as choices; problems fit the themes worked on,
        plans answer the given problems.
        """
        if role == "problems":
            answers = replace(answers, problems=(), plans=())
        else:
            answers = replace(answers, plans=())
        report = self.compose(answers).report
        items = report.section(role).blocks[0].items
        return [item.text.rstrip("。") for item in items]


class Drafting:
    """One composition in progress."""

    def __init__(self, composer: Composer, answers: Answers) -> None:
        self.c = composer
        self.matcher = composer.matcher
        # An activity stating a shortcoming (不足：…还不够) is one of the problems.
        self.shortfalls = {
            index
            for index, activity in enumerate(answers.activities, start=1)
            if shortcoming(activity.text)
        }
        moved = tuple(answers.activities[i - 1].text for i in sorted(self.shortfalls))
        self.answers = replace(answers, problems=answers.problems + moved) if moved else answers
        self.genre = answers.genre
        self.ledger = Ledger()
        self.fit = Fit(answers, self.ledger)
        key = f"{answers.unit}|{answers.period.label}|{self.genre.id}"
        self.seed = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16)
        self.todo: list[str] = []
        # Per theme worked on: the formal text of its activities, in input order.
        self.worked: dict[str, list[str]] = {}
        self.placed: list[Placed | None] = []

    # --------------------------------------------------------------- helpers

    def stock(self, phrase: Phrase) -> Sentence | None:
        """A phrase filled for this draft and marked used, or None when it does not fit."""
        if not self.fit.allows(phrase):
            return None
        text = self.fit.fill(phrase.template)
        if text is None:
            return None
        self.ledger.use(text, phrase)
        return Sentence(text, (phrase.id,))

    def fixed(self, template: str, source: str | None = None) -> Sentence:
        """Fixed wording, the genre's own unless `source` says otherwise."""
        text = self.fit.fill(template) or template
        self.ledger.use(text)
        return Sentence(text, (source or self.genre.source,))

    def pick(
        self,
        kind: Kind,
        theme: str,
        text: str,
        skip: int = 0,
        fact: str | None = None,
        unlike: str = "",
    ) -> Phrase | None:
        """The best unused phrase of `kind` in `theme` for `text`; `skip` asks for a later one.

        With a `fact`, only phrases that claim nothing beyond it qualify; a
        phrase that echoes `unlike` (the subsection's heading) is passed over.
        """
        typical = TYPICAL_WEIGHT if kind is Kind.LEAD else HEADING_TYPICAL

        def allow(phrase: Phrase) -> bool:
            if kind is Kind.PLAN and (phrase.parent or len(phrase.text) > HEADING_MAX):
                return False
            if fact is not None and not self.c.lexicon.entailed(phrase.text, theme, fact):
                return False
            if unlike and _echoes(phrase.text, unlike):
                return False
            return self.fit.allows(phrase)

        ranked = self.matcher.best(kind, theme, text, count=skip + 3, allow=allow, typical=typical)
        if not ranked:
            return None
        return ranked[skip % len(ranked)]

    def own_headings(
        self, theme: str, facts: str, style: str, keep: Callable[[str], bool]
    ) -> list[Sentence]:
        """The organisation's own headings of `theme` (its house style, so tried before the
        curated ones) of the draft's shape, claiming nothing beyond the facts; none used yet."""
        found = []
        for phrase in self.c.bank.select(Kind.HEADING, theme):
            if not phrase.own or not self.fit.allows(phrase) or not keep(phrase.template):
                continue
            text = self.fit.fill(phrase.template)
            if text and heading_style(text) == style:
                found.append(Sentence(text, (phrase.id,)))
        return found

    def choose(self, options: Sequence[T]) -> T:
        """One of `options`, the same for the same unit, period and genre."""
        return options[self.seed % len(options)]

    # ----------------------------------------------------------------- parts

    def compose(self) -> Composition:
        # The title names the unit as the writer typed it, party suffix and all.
        title = self.fixed(self.genre.title)
        # The fixed opening and closing are written first, so that no chosen sentence
        # says their set phrases (向纵深发展) over again.
        opening, closing = self.opening(), self.closing()
        # 书记履行第一责任人职责… opens the work, unless a fact says it (round OO).
        said = "".join(a.text for a in self.answers.activities)
        owned = any(duty in said for duty in INTRO_DUTIES)
        intro = (self.fixed(self.genre.work_intro),) if self.genre.work_intro and not owned else ()
        section = WorkSection(self)
        placed, blocks = section.blocks()
        # What the organisation is (现有党员41名) follows the guiding line.
        opening = (opening[0], *section.basic, *opening[1:])
        self.placed = placed
        themes = [theme for _, theme in blocks]
        problems, problem_themes = problems_section(self, themes, [b for b, _ in blocks])
        plans, plan_themes = plans_section(self, problem_themes, themes)
        work = Section("work", self.heading("work"), intro, tuple(block for block, _ in blocks))
        rectified = rectified_section(self, section.rectified)
        sections = [work, *([rectified] if rectified else []), problems, plans]
        reminders.note(self, placed)
        report = Report(
            title=title,
            opening=opening,
            sections=tuple(sections),
            closing=closing,
            signature=self.signature(),
            todo=tuple(dict.fromkeys(self.todo)),
        )
        return Composition(
            report, tuple(placed), tuple(p.theme for p in problem_themes), tuple(plan_themes)
        )

    def opening(self) -> tuple[Sentence, ...]:
        """The guiding line and 报告如下; what it leaves to name (上级党组织) is 待补充."""
        # Not one the organisation never says of itself (a 党支部 is the grassroots: 向基层延伸).
        fitting = [o for o in self.genre.openings if not self.fit.forbids(self.fit.fill(o) or o)]
        opening = self.fixed(self.choose(fitting or self.genre.openings))
        self.todo.extend(todo for todo in (self.genre.todo(opening.text),) if todo)
        return opening, self.fixed(self.genre.opening_end)

    def heading(self, role: str) -> Sentence:
        options = [(h, self.genre.source) for h in self.genre.headings(role)]
        seen = {text for text, _ in options}
        for phrase in self.c.bank.select(Kind.SECTION_HEADING, role=role):
            text = phrase.template
            suits = not phrase.slots and self.genre.accepts_heading(role, text)
            if suits and text not in seen:
                seen.add(text)
                options.append((text, phrase.id))
        text, source = self.choose(options)
        text = self.fit.fill(text) or text  # the genre's own may name {下阶段}
        self.ledger.use(text)
        return Sentence(text, (source,))

    def ends_with_effect(self, fact: str) -> bool:
        """Whether the writer's fact already ends with an effect clause of its own."""
        clauses = split_clauses(fact)[::2]
        return len(clauses) > 1 and bool(EFFECT_START.match(clauses[-1].strip()))

    def activities_of(self, theme: str) -> str:
        """Everything the writer did in `theme`, run together."""
        return "".join(self.worked.get(theme, ()))

    def closing(self) -> tuple[Sentence, ...]:
        """The genre's closing and one more sentence after it, both its own: the corpus's
        closings open on a bare 接下来，…, which reviewers in rounds JJ–LL struck, and a
        述职 ends 以上述职，请予评议。"""
        return self.fixed(self.genre.closing), self.fixed(self.genre.closing_more)

    def signature(self) -> tuple[Sentence, ...]:
        name = self.answers.name
        lines = tuple(
            self.fixed(line.replace(REPORTER, f"{REPORTER_LABEL}{name}") if name else line)
            for line in self.genre.signature
        )
        self.todo.extend(todo for line in lines if (todo := self.genre.todo(line.text)))
        return lines


def _echoes(text: str, heading: str) -> bool:
    return any(fuzz.ratio(text, clause) >= ECHO for clause in split_clauses(heading)[::2])
