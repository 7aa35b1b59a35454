"""The problems section, its analysis of causes, and the plans that answer the problems.

Problems are the writer's, or 2–4 mined ones fitting the themes worked on;
plans answer every problem (closed loop) and cover every theme worked on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from phrasebank.phrase import Kind, Phrase

from .report import Block, Item, Section, Sentence
from .wording import formalise

if TYPE_CHECKING:
    from .compose import Drafting

# Mined problems when the writer gives none (DESIGN: 2–4): the three busiest themes,
# falling back on the themes every unit has problems in.
MINED_PROBLEMS = 3
COMMON_PROBLEM_THEMES = ("organization", "responsibility", "integration", "integrity")
CAUSES = 2
# A statement this short is followed by its first fitting elaboration.
ELABORATE_MAX = 40


def problems_section(draft: Drafting, worked: list[str]) -> tuple[Section, list[tuple[str, str]]]:
    """The problems section, and the (theme, text) of each problem for the plans to answer."""
    heading = draft.heading("problems")
    intro = (draft.fixed(draft.genre.problems_intro),)
    items: list[Item] = []
    answered: list[tuple[str, str]] = []
    if draft.answers.problems:
        for index, raw in enumerate(draft.answers.problems, start=1):
            text = formalise(raw)
            if not text or not draft.ledger.is_new(text):
                continue
            draft.ledger.use(text)
            items.append(Item((Sentence(text, (f"problem:{index}",)),)))
            answered.append((draft.matcher.classify(text).theme, text))
    else:
        for theme in _spread(draft, worked):
            if len(items) == MINED_PROBLEMS:
                break
            item, text = statement(draft, Kind.PROBLEM, theme, draft.activities_of(theme))
            if item is not None:
                items.append(item)
                answered.append((theme, text))
    blocks = [Block(None, (), tuple(items))]
    if draft.genre.causes:
        causes = []
        for theme, text in answered[:CAUSES]:
            item, _ = statement(draft, Kind.CAUSE, theme, text)
            if item is not None:
                causes.append(item)
        if causes:
            blocks.append(Block(None, (draft.fixed(draft.genre.causes),), tuple(causes)))
    return Section("problems", heading, intro, tuple(blocks)), answered


def plans_section(
    draft: Drafting, problems: list[tuple[str, str]], worked: list[str]
) -> tuple[Section, list[str]]:
    """The plans section, and the theme each plan answers (none for the writer's own plans)."""
    heading = draft.heading("plans")
    intro = (draft.fixed(draft.genre.plans_intro),)
    items: list[Item] = []
    themes: list[str] = []
    if draft.answers.plans:
        for index, raw in enumerate(draft.answers.plans, start=1):
            text = formalise(raw)
            if text and draft.ledger.is_new(text):
                draft.ledger.use(text)
                items.append(Item((Sentence(text, (f"plan:{index}",)),)))
                themes.append(draft.matcher.classify(text).theme)
        if not draft.answers.problems:
            # Problems chosen from the phrasebank still need an answer each.
            for theme, text in problems:
                if theme not in themes:
                    items.append(_plan_item(draft, theme, text))
                    themes.append(theme)
    else:
        # Closed loop: one plan per theme of a problem, then one per theme worked on.
        targets: dict[str, str] = {}
        for theme, text in problems:
            targets.setdefault(theme, text)
        for theme in worked:
            targets.setdefault(theme, draft.activities_of(theme))
        for theme in sorted(targets, key=draft.c.lexicon.ids.index):
            items.append(_plan_item(draft, theme, targets[theme]))
            themes.append(theme)
    return Section("plans", heading, intro, (Block(None, (), tuple(items)),)), themes


def statement(draft: Drafting, kind: Kind, theme: str, text: str) -> tuple[Item | None, str]:
    """A mined problem, cause or plan: its statement and, when it has one, an elaboration."""

    def top_level(phrase: Phrase) -> bool:
        return phrase.parent is None and draft.fit.allows(phrase)

    ranked = draft.matcher.best(kind, theme, text, count=1, allow=top_level)
    if not ranked:
        # No statement of its own in this theme: an elaboration can stand alone.
        ranked = draft.matcher.best(kind, theme, text, count=1, allow=draft.fit.allows)
    if not ranked:
        return None, ""
    head = ranked[0]
    sentence = draft.stock(head)
    if sentence is None:
        return None, ""
    sentences = [Sentence(sentence.text.rstrip("。") + "。", sentence.sources)]
    if len(head.text) <= ELABORATE_MAX:
        for child in draft.c.bank.children(head.id):
            if (body := draft.stock(child)) is not None:
                sentences.append(body)
                break
    return Item(tuple(sentences)), sentence.text


def _spread(draft: Drafting, worked: list[str]) -> list[str]:
    """Themes to draw problems from: the busiest themes worked on, then the common ones."""
    order = draft.c.lexicon.ids.index
    ordered = sorted(worked, key=lambda t: (-len(draft.worked[t]), order(t)))
    return list(dict.fromkeys([*ordered, *COMMON_PROBLEM_THEMES]))


def _plan_item(draft: Drafting, theme: str, text: str) -> Item:
    item, _ = statement(draft, Kind.PLAN, theme, text)
    if item is not None:
        return item
    label = draft.c.lexicon.label(theme)
    return Item((draft.fixed(f"持续加强{label}，推动各项工作落地见效。", f"theme:{theme}"),))
