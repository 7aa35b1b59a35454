"""The nine themes of party work and the keyword lexicon that recognises them.

Theme ids are part of the interface (DESIGN.md); the keywords live in
``data/themes.toml``. Scoring matches keywords leftmost-longest, so that
``党员先锋岗`` counts once for its own theme and not again as ``党员``.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from .text import alternatives

STRONG = 3.0
WEAK = 1.0


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    order: int
    strong: tuple[str, ...]
    words: tuple[str, ...]
    umbrella: tuple[str, ...] = ()


class Lexicon:
    """Keyword lists of all themes, compiled into one leftmost-longest matcher."""

    def __init__(self, themes: Iterable[Theme]) -> None:
        self.themes = tuple(sorted(themes, key=lambda t: t.order))
        self.ids = tuple(t.id for t in self.themes)
        self._by_id = {t.id: t for t in self.themes}
        weights: dict[str, dict[str, float]] = {}
        for theme in self.themes:
            for word in theme.words:
                weights.setdefault(word, {})[theme.id] = WEAK
            for word in theme.strong:
                weights.setdefault(word, {})[theme.id] = STRONG
        self._weights = {k: tuple(v.items()) for k, v in weights.items()}
        # Leftmost-longest: at each position the longest keyword found there.
        self._pattern = re.compile(alternatives(self._weights))
        # Names what is computed from these keywords (a cached index), so that a
        # change of wording is noticed.
        self.digest = hashlib.sha1(repr(self.themes).encode()).hexdigest()[:12]

    def __getitem__(self, theme_id: str) -> Theme:
        return self._by_id[theme_id]

    def __contains__(self, theme_id: object) -> bool:
        return theme_id in self._by_id

    def label(self, theme_id: str) -> str:
        return self._by_id[theme_id].label

    def keywords(self) -> frozenset[str]:
        return frozenset(self._weights)

    def scores(self, text: str) -> dict[str, float]:
        """Summed keyword weights per theme; themes with no keyword are absent."""
        return dict(self._scores(text))

    @lru_cache(maxsize=8192)  # noqa: B019 - one lexicon per process, cached texts are small
    def _scores(self, text: str) -> tuple[tuple[str, float], ...]:
        totals: dict[str, float] = {}
        weights = self._weights
        for keyword in self._pattern.findall(text):
            for theme_id, weight in weights[keyword]:
                totals[theme_id] = totals.get(theme_id, 0.0) + weight
        return tuple(totals.items())

    @lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process; stock phrases recur
    def claims(self, text: str) -> frozenset[str]:
        """The strong keywords `text` uses: what it says was done, specifically."""
        return frozenset(
            k for k in self._pattern.findall(text) if any(w == STRONG for _, w in self._weights[k])
        )

    def entailed(self, phrase_text: str, theme: str, fact: str) -> bool:
        """Whether a stock phrase claims nothing the writer's fact does not say.

        Each strong keyword of the phrase must occur in the fact, or name the
        theme itself (its umbrella words): 强化宣传 fits any publicity work,
        进行廉政家访 only a home visit.
        """
        umbrella = self._by_id[theme].umbrella
        return all(k in fact or k in umbrella for k in self.claims(phrase_text))

    def votes(self, own: str, context: Iterable[tuple[str, float]] = ()) -> dict[str, float]:
        """Theme scores of `own` text plus weighted votes of its context.

        Each context text votes with its scores divided by its top score, times
        its weight: a heading says which theme it leans to, however long it is.
        """
        totals = self.scores(own)
        for text, weight in context:
            scores = self._scores(text)  # read only: no copy
            if not scores:
                continue
            top = max(score for _, score in scores)
            for theme_id, score in scores:
                totals[theme_id] = totals.get(theme_id, 0.0) + weight * score / top
        return totals

    def decide(self, own: str, context: Iterable[tuple[str, float]] = ()) -> str | None:
        """The best theme by :meth:`votes`, or None when nothing scores; ties go to the earlier."""
        totals = self.votes(own, context)
        if not totals:
            return None
        return max(self.ids, key=lambda t: (totals.get(t, 0.0), -self._by_id[t].order))


@cache
def load_lexicon() -> Lexicon:
    """The lexicon shipped with the package."""
    text = resources.files("phrasebank.data").joinpath("themes.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    return Lexicon(
        Theme(
            id=key,
            label=value["label"],
            order=value["order"],
            strong=tuple(value["strong"]),
            words=tuple(value["words"]),
            umbrella=tuple(value.get("umbrella", ())),
        )
        for key, value in raw.items()
    )


THEME_IDS: tuple[str, ...] = (
    "politics",
    "theory",
    "responsibility",
    "organization",
    "integrity",
    "ideology",
    "integration",
    "cadres",
    "culture",
)
