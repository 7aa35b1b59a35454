"""Labelled example activities (data/examples.toml), and the sub-topic of those most like
an activity that names no sub-topic keyword.

Keywords name most work, but writers often leave the telling noun out
(带支部党员去红旗渠参观学习, 新吸收2名同志入党). Such an activity takes the
sub-topic its nearest examples agree on. Likeness is the cosine of
idf-weighted character pairs, counted once each; counts, titles in 《》,
punctuation and generic words (组织, 党员, 每季度) are left out first, since
they say nothing about the kind of work.
A vote too weak, or examples too unlike, give no sub-topic: an item without a
lead is better than a lead that misnames its fact.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from phrasebank.text import read_data

from .subtopics import worded

# How many of the most alike examples vote.
VOTERS = 5
# Below this likeness (0–1) an example says nothing about an activity.
LEAST_LIKENESS = 0.22
# The winning sub-topic needs this share of the votes cast.
LEAST_SHARE = 0.5
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Example:
    text: str
    theme: str
    subtopic: str


@cache
def _generic() -> re.Pattern[str]:
    words = read_data("bot.writer.data", "examples.toml")["generic"]
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def pairs(text: str) -> set[str]:
    """The character pairs of `text`'s Chinese runs; counts, titles and the generic words
    (组织, 党员, 每季度 …) left out, and no pair spans a gap they leave."""
    plain = _generic().sub(" ", worded(text))
    runs = _NOT_HAN.split(plain)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


class Examples:
    """The labelled examples, indexed by their character pairs."""

    def __init__(self, examples: tuple[Example, ...]) -> None:
        self.all = examples
        self._pairs = [pairs(e.text) for e in examples]
        counts = Counter(p for found in self._pairs for p in found)
        total = len(examples)
        self._idf = {p: math.log((total + 1) / (n + 0.5)) for p, n in counts.items()}
        self._postings: dict[str, list[int]] = {}
        for position, found in enumerate(self._pairs):
            for pair in found:
                self._postings.setdefault(pair, []).append(position)
        self._norms = [self._norm(found) for found in self._pairs]

    def _norm(self, found: set[str]) -> float:
        return math.sqrt(sum(self._idf.get(p, 0.0) ** 2 for p in found))

    def alike(
        self, text: str, theme: str | None = None, leave_out: str | None = None
    ) -> list[tuple[float, Example]]:
        """Examples sharing character pairs with `text` (of `theme` when given), most alike
        first; `leave_out` skips an example with that very text."""
        found = pairs(text)
        norm = self._norm(found)
        if not norm:
            return []
        scores: dict[int, float] = {}
        for pair in found:
            weight = self._idf.get(pair, 0.0) ** 2
            for position in self._postings.get(pair, ()):
                scores[position] = scores.get(position, 0.0) + weight
        ranked = []
        for position, score in scores.items():
            example = self.all[position]
            if (theme is not None and example.theme != theme) or example.text == leave_out:
                continue
            ranked.append((score / (norm * self._norms[position]), example))
        ranked.sort(key=lambda pair: (-pair[0], pair[1].text))
        return ranked

    def nearest(
        self, text: str, theme: str | None = None, leave_out: str | None = None
    ) -> str | None:
        """The sub-topic id the examples most like `text` agree on, or None."""
        voters = [
            (likeness, example)
            for likeness, example in self.alike(text, theme, leave_out)[:VOTERS]
            if likeness >= LEAST_LIKENESS
        ]
        if not voters:
            return None
        votes: dict[str, float] = {}
        for likeness, example in voters:
            votes[example.subtopic] = votes.get(example.subtopic, 0.0) + likeness
        best = max(votes, key=lambda subtopic: (votes[subtopic], subtopic))
        return best if votes[best] >= LEAST_SHARE * sum(votes.values()) else None


@cache
def load_examples() -> Examples:
    raw = read_data("bot.writer.data", "examples.toml")
    return Examples(tuple(Example(e["text"], e["theme"], e["subtopic"]) for e in raw["activity"]))
