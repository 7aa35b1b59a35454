"""Measuring the classifier: accuracy on labelled activities, and leave-one-document-out.

Leave-one-document-out mines all documents but one, then classifies the held
-out document's work items (hand-labelled by their opening characters): it
shows how well the bank carries over to a report it has never seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .corpus import Document
from .matching import Matcher
from .mining import mine
from .outline import Item, Role, parse


@dataclass(frozen=True)
class Labelled:
    text: str
    theme: str


@dataclass
class Score:
    total: int = 0
    correct: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (text, expected, got)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, text: str, expected: str, got: str) -> None:
        self.total += 1
        if expected == got:
            self.correct += 1
        else:
            self.misses.append((text, expected, got))


def accuracy(matcher: Matcher, items: Sequence[Labelled]) -> Score:
    score = Score()
    for item in items:
        score.add(item.text, item.theme, matcher.classify(item.text).theme)
    return score


def work_items(document: Document) -> list[str]:
    """The texts of a document's work items, and of its work subsections without items."""
    texts: list[str] = []

    def walk(items: Sequence[Item]) -> None:
        for item in items:
            texts.append(item.text)
            walk(item.children)

    for section in parse(document).sections:
        if section.role not in (Role.WORK, Role.OVERVIEW):
            continue
        walk(section.items)
        for sub in section.subsections:
            if sub.items:
                walk(sub.items)
            else:
                texts.append(sub.heading + "。" + "".join(p.text for p in sub.paragraphs))
    return texts


def leave_one_out(
    documents: Sequence[Document], labels: Sequence[tuple[str, str, str]]
) -> dict[str, Score]:
    """Per held-out document, the classifier's score on its labelled work items.

    `labels` are (document name, opening characters of the item, theme).
    """
    scores: dict[str, Score] = {}
    for held_out in documents:
        bank = mine([d for d in documents if d is not held_out])
        matcher = Matcher(bank)
        texts = work_items(held_out)
        score = Score()
        for name, starts, theme in labels:
            if name != held_out.name:
                continue
            text = next((t for t in texts if t.startswith(starts)), None)
            if text is None:
                raise LookupError(f"{name}: no work item starts with {starts!r}")
            score.add(text, theme, matcher.classify(text).theme)
        scores[held_out.name] = score
    return scores
