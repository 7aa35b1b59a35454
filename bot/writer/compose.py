"""Composing a report: the writer's answers dressed in the phrasebank's stock wording.

The work section has one subsection per theme worked on (in theme order),
headed by a mined heading of that theme; each activity becomes an item: a
mined lead, the writer's own fact (lightly formalised), and at most one
mined effect clause. Problems are the writer's, or 2–4 mined ones fitting
the themes worked on; plans answer every problem and cover every theme
worked on. Nothing is used twice, and every sentence keeps its sources.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from rapidfuzz import fuzz

from phrasebank.bank import Bank
from phrasebank.matching import TYPICAL_WEIGHT, Classification, Matcher
from phrasebank.phrase import Kind, Phrase
from phrasebank.text import EFFECT_START, split_clauses
from phrasebank.themes import load_lexicon

from .answers import Activity, Answers
from .fit import Fit
from .report import Block, Item, Report, Section, Sentence
from .wording import formalise

T = TypeVar("T")
# Mined problems when the writer gives none (DESIGN: 2–4): the three busiest themes,
# falling back on the themes every unit has problems in.
MINED_PROBLEMS = 3
CAUSES = 2
# An effect clause is added only to facts shorter than this; a long fact has said enough.
EFFECT_MAX_FACT = 90
# A lead this similar (0–100) to a clause of its subsection's heading would only repeat it.
ECHO = 60
# A plan statement longer than this does not make a heading.
HEADING_MAX = 30
# A subsection heading speaks for all its activities: it should name its theme plainly.
HEADING_TYPICAL = 1.0


@dataclass(frozen=True)
class Placed:
    """Where one activity went: its theme (and how sure), the lead it got, its formal text."""

    theme: str
    classification: Classification | None
    lead: str | None
    text: str


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

    def classify(self, activity: Activity) -> Classification:
        return self.matcher.classify(formalise(activity.text) or activity.text)

    def compose(self, answers: Answers) -> Composition:
        return _Draft(self, answers).compose()

    def suggestions(self, answers: Answers, role: str) -> list[str]:
        """What 自动 would write for `role` ("problems" or "plans"): one statement per item.

        Offered to the writer as choices; problems fit the themes worked on,
        plans answer the given problems.
        """
        if role == "problems":
            answers = replace(answers, problems=(), plans=())
            section = 1
        else:
            answers = replace(answers, plans=())
            section = 2
        report = self.compose(answers).report
        items = report.sections[section].blocks[0].items
        return [item.sentences[0].text.rstrip("。") for item in items]


class _Draft:
    """One composition in progress."""

    def __init__(self, composer: Composer, answers: Answers) -> None:
        self.c = composer
        self.matcher = composer.matcher
        self.answers = answers
        self.genre = answers.genre
        self.fit = Fit(answers)
        key = f"{answers.unit}|{answers.period.label}|{self.genre.id}"
        self.seed = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16)
        self.todo: list[str] = []
        # Per theme worked on: the formal text of its activities, in input order.
        self.worked: dict[str, list[str]] = {}

    # --------------------------------------------------------------- helpers

    def stock(self, phrase: Phrase) -> Sentence | None:
        """A phrase filled for this draft and marked used, or None when it does not fit."""
        if not self.fit.allows(phrase):
            return None
        text = self.fit.fill(phrase.template)
        if text is None:
            return None
        self.fit.use(text, phrase)
        return Sentence(text, (phrase.id,))

    def fixed(self, template: str, source: str) -> Sentence:
        text = self.fit.fill(template) or template
        self.fit.use(text)
        return Sentence(text, (source,))

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

    def choose(self, options: Sequence[T]) -> T:
        """One of `options`, the same for the same unit, period and genre."""
        return options[self.seed % len(options)]

    # ----------------------------------------------------------------- parts

    def compose(self) -> Composition:
        answers = self.answers
        # The title names the unit as the writer typed it, party suffix and all.
        title = self.fixed(
            self.genre.title.replace("{单位}", answers.unit), f"genre:{self.genre.id}"
        )
        placed, blocks = self.work()
        themes = [theme for _, theme in blocks]
        problems, problem_themes = self.problems(themes)
        plans, plan_themes = self.plans(problem_themes, themes)
        work = Section("work", self.heading("work"), (), tuple(block for block, _ in blocks))
        sections = [work, problems, plans]
        self.notes(placed)
        report = Report(
            title=title,
            opening=self.opening(),
            sections=tuple(sections),
            closing=self.closing(),
            signature=self.signature(),
            todo=tuple(dict.fromkeys(self.todo)),
        )
        return Composition(
            report, tuple(placed), tuple(t for t, _ in problem_themes), tuple(plan_themes)
        )

    def opening(self) -> tuple[Sentence, ...]:
        wants_self = self.genre.first_person
        candidates = [
            p
            for p in self.c.bank.select(Kind.OPENING)
            if p.template.startswith("{时期}")
            and not p.template.endswith("如下：")
            and ("本人" in p.template) == wants_self
        ]
        candidates.sort(key=lambda p: (-p.frequency, p.id))
        guiding = next((s for p in candidates if (s := self.stock(p)) is not None), None)
        if guiding is None:
            guiding = self.fixed(self.genre.opening, f"genre:{self.genre.id}")
        return guiding, self.fixed(self.genre.opening_end, f"genre:{self.genre.id}")

    def heading(self, role: str) -> Sentence:
        options: list[tuple[str, str]] = [
            (h, f"genre:{self.genre.id}") for h in getattr(self.genre, role)
        ]
        for phrase in self.c.bank.select(Kind.SECTION_HEADING, role=role):
            text = phrase.template
            suits = not phrase.slots and _heading_suits(role, text, self.genre.id)
            if suits and all(text != o for o, _ in options):
                options.append((text, phrase.id))
        text, source = self.choose(options)
        self.fit.use(text)
        return Sentence(text, (source,))

    def work(self) -> tuple[list[Placed | None], list[tuple[Block, str]]]:
        """The work section's blocks, one per theme worked on, in theme order."""
        placed: list[Placed | None] = []
        by_theme: dict[str, list[tuple[int, Activity, str]]] = {}
        seen: set[str] = set()
        for index, activity in enumerate(self.answers.activities, start=1):
            text = formalise(activity.text)
            if not text or text in seen:
                placed.append(None)
                continue
            seen.add(text)
            classification = None if activity.theme else self.matcher.classify(text)
            theme = activity.theme or (classification.theme if classification else "responsibility")
            by_theme.setdefault(theme, []).append((index, activity, text))
            placed.append(Placed(theme, classification, None, text))
        blocks: list[tuple[Block, str]] = []
        for theme in sorted(by_theme, key=self.c.lexicon.ids.index):
            entries = by_theme[theme]
            self.worked[theme] = [text for _, _, text in entries]
            everything = "".join(self.worked[theme])
            heading = self.block_heading(theme, everything)
            items = []
            for index, activity, text in entries:
                item, lead = self.work_item(theme, index, activity, text, heading.text)
                items.append(item)
                current = placed[index - 1]
                assert current is not None
                placed[index - 1] = Placed(theme, current.classification, lead, text)
            blocks.append((Block(heading, (), tuple(items)), theme))
        return placed, blocks

    def block_heading(self, theme: str, text: str) -> Sentence:
        """A mined heading that claims nothing the block's activities do not say.

        严格选人用人 must not head a block of 岗位练兵; when no heading of the
        theme fits, a plan's short statement (加强队伍建设，提升执行力) does,
        and failing that the theme's own name.
        """
        for kind in (Kind.HEADING, Kind.PLAN):
            phrase = self.pick(kind, theme, text, fact=text)
            if phrase is not None and (sentence := self.stock(phrase)) is not None:
                return sentence
        return self.fixed(f"扎实推进{self.c.lexicon.label(theme)}", f"theme:{theme}")

    def work_item(
        self, theme: str, index: int, activity: Activity, text: str, heading: str
    ) -> tuple[Item, str | None]:
        sentences: list[Sentence] = []
        lead_text = None
        lead = self.pick(Kind.LEAD, theme, text, activity.variant, fact=text, unlike=heading)
        if lead is not None and (sentence := self.stock(lead)) is not None:
            lead_text = sentence.text
            sentences.append(Sentence(f"{sentence.text}。", sentence.sources))
        fact = text.removesuffix("。")
        sources: tuple[str, ...] = (f"activity:{index}",)
        if len(fact) < EFFECT_MAX_FACT and not _ends_with_effect(fact):
            effect = self.matched_effect(theme, text, activity.variant)
            if effect is not None:
                fact = f"{fact}，{effect.text}"
                sources += effect.sources
        self.fit.use(fact)
        sentences.append(Sentence(f"{fact}。", sources))
        return Item(tuple(sentences)), lead_text

    def matched_effect(self, theme: str, text: str, variant: int) -> Sentence | None:
        """An effect clause sharing a specific word with the fact, if any does."""
        keys = self.matcher.keys(text)

        def allow(phrase: Phrase) -> bool:
            return self.c.lexicon.entailed(phrase.text, theme, text) and self.fit.allows(phrase)

        ranked = self.matcher.best(Kind.EFFECT, theme, text, count=variant + 3, allow=allow)
        related = [p for p in ranked if self.matcher.shares_specific(keys, p)]
        if not related:
            return None
        return self.stock(related[variant % len(related)])

    def problems(self, worked: list[str]) -> tuple[Section, list[tuple[str, str]]]:
        """The problems section, and the (theme, text) of each problem for the plans to answer."""
        heading = self.heading("problems")
        intro = [self.fixed(self.genre.problems_intro, f"genre:{self.genre.id}")]
        items: list[Item] = []
        answered: list[tuple[str, str]] = []
        if self.answers.problems:
            for index, raw in enumerate(self.answers.problems, start=1):
                text = formalise(raw)
                if not text or not self.fit.is_new(text):
                    continue
                self.fit.use(text)
                items.append(Item((Sentence(text, (f"problem:{index}",)),)))
                answered.append((self.matcher.classify(text).theme, text))
        else:
            for theme in self.spread(worked):
                if len(items) == MINED_PROBLEMS:
                    break
                item, text = self.statement(Kind.PROBLEM, theme, self.activities_of(theme))
                if item is not None:
                    items.append(item)
                    answered.append((theme, text))
        blocks = [Block(None, (), tuple(items))]
        if self.genre.causes:
            causes = []
            for theme, text in answered[:CAUSES]:
                item, _ = self.statement(Kind.CAUSE, theme, text)
                if item is not None:
                    causes.append(item)
            if causes:
                blocks.append(
                    Block(None, (self.fixed("产生问题的原因：", "genre:duty"),), tuple(causes))
                )
        return Section("problems", heading, tuple(intro), tuple(blocks)), answered

    def spread(self, worked: list[str]) -> list[str]:
        """Themes to draw problems from: the busiest themes worked on, then the common ones."""
        ordered = sorted(worked, key=lambda t: (-len(self.worked[t]), self.c.lexicon.ids.index(t)))
        common = ["organization", "responsibility", "integration", "integrity"]
        return list(dict.fromkeys([*ordered, *common]))

    def activities_of(self, theme: str) -> str:
        return "".join(self.worked.get(theme, ()))

    def statement(self, kind: Kind, theme: str, text: str) -> tuple[Item | None, str]:
        """A mined problem, cause or plan: its statement and, when it has one, an elaboration."""
        ranked = self.matcher.best(kind, theme, text, count=1, allow=self.top_level)
        if not ranked:
            # No statement of its own in this theme: an elaboration can stand alone.
            ranked = self.matcher.best(kind, theme, text, count=1, allow=self.fit.allows)
        if not ranked:
            return None, ""
        head = ranked[0]
        sentence = self.stock(head)
        if sentence is None:
            return None, ""
        sentences = [Sentence(sentence.text.rstrip("。") + "。", sentence.sources)]
        if len(head.text) <= 40:
            for child in self.c.bank.children(head.id):
                if (body := self.stock(child)) is not None:
                    sentences.append(body)
                    break
        return Item(tuple(sentences)), sentence.text

    def top_level(self, phrase: Phrase) -> bool:
        return phrase.parent is None and self.fit.allows(phrase)

    def plans(
        self, problems: list[tuple[str, str]], worked: list[str]
    ) -> tuple[Section, list[str]]:
        """The plans section, and the theme each plan answers (none for the writer's own plans)."""
        heading = self.heading("plans")
        intro = (self.fixed(self.genre.plans_intro, f"genre:{self.genre.id}"),)
        items: list[Item] = []
        themes: list[str] = []
        if self.answers.plans:
            for index, raw in enumerate(self.answers.plans, start=1):
                text = formalise(raw)
                if text and self.fit.is_new(text):
                    self.fit.use(text)
                    items.append(Item((Sentence(text, (f"plan:{index}",)),)))
                    themes.append(self.matcher.classify(text).theme)
            if not self.answers.problems:
                # Problems chosen from the phrasebank still need an answer each.
                for theme, text in problems:
                    if theme not in themes:
                        items.append(self.plan_item(theme, text))
                        themes.append(theme)
        else:
            # Closed loop: one plan per theme of a problem, then one per theme worked on.
            targets: dict[str, str] = {}
            for theme, text in problems:
                targets.setdefault(theme, text)
            for theme in worked:
                targets.setdefault(theme, self.activities_of(theme))
            for theme in sorted(targets, key=self.c.lexicon.ids.index):
                items.append(self.plan_item(theme, targets[theme]))
                themes.append(theme)
        return Section("plans", heading, intro, (Block(None, (), tuple(items)),)), themes

    def plan_item(self, theme: str, text: str) -> Item:
        item, _ = self.statement(Kind.PLAN, theme, text)
        if item is not None:
            return item
        label = self.c.lexicon.label(theme)
        return Item((self.fixed(f"持续加强{label}，推动各项工作落地见效。", f"theme:{theme}"),))

    def closing(self) -> tuple[Sentence, ...]:
        for phrase in sorted(self.c.bank.select(Kind.CLOSING), key=lambda p: (-p.frequency, p.id)):
            if (
                phrase.template.startswith("接下来")
                and (sentence := self.stock(phrase)) is not None
            ):
                return (sentence,)
        return (self.fixed(self.genre.closing, f"genre:{self.genre.id}"),)

    def signature(self) -> tuple[Sentence, ...]:
        lines = tuple(self.fixed(line, f"genre:{self.genre.id}") for line in self.genre.signature)
        for line in lines:
            if "XXX年" in line.text or "XX月" in line.text:
                self.todo.append("落款日期（XXXX年XX月XX日）")
            elif "XXX" in line.text:
                self.todo.append("述职人姓名（XXX）")
        return lines

    def notes(self, placed: list[Placed | None]) -> None:
        for index, entry in enumerate(placed, start=1):
            if entry is not None and "XX" in entry.text:
                self.todo.insert(0, f"第{index}项工作中的“XX”：{entry.text}")
        answers = self.answers
        if answers.org is None and answers.party_org != answers.unit:
            self.todo.append(f"党组织名称（已按“{answers.party_org}”填写，请核对）")


def _heading_suits(role: str, text: str, genre: str) -> bool:
    if role == "work":
        return genre != "duty" and "工作" in text and text.endswith("情况")
    if role == "problems":
        return text == "存在问题" if genre != "duty" else "原因" in text
    return text.startswith(("下一步", "下步")) and (genre == "duty") == ("改进" in text)


def _echoes(text: str, heading: str) -> bool:
    return any(fuzz.ratio(text, clause) >= ECHO for clause in split_clauses(heading)[::2])


def _ends_with_effect(fact: str) -> bool:
    clauses = split_clauses(fact)[::2]
    return len(clauses) > 1 and bool(EFFECT_START.match(clauses[-1].strip()))
