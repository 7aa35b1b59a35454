"""Word lists that keep foreign, stale and trade-bound wording out of the phrasebank.

The lists themselves live in ``data/terms.toml``; this module loads them once
into frozen objects with compiled patterns.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Stale:
    """A campaign or event of one year."""

    pattern: re.Pattern[str]
    label: str
    year: int


@dataclass(frozen=True)
class Trade:
    """Wording that ties a phrase to one trade, and the compounds that generalise."""

    id: str
    label: str
    slots: tuple[tuple[str, str], ...]
    words: tuple[str, ...]

    def find(self, text: str) -> str | None:
        """The first of this trade's words in `text`, if any."""
        return next((word for word in self.words if word in text), None)


@dataclass(frozen=True)
class Fill:
    """How slots are filled for one kind of unit."""

    id: str
    unit_words: tuple[str, ...]
    values: dict[str, str]


@dataclass(frozen=True)
class Terms:
    noise_lines: tuple[str, ...]
    noise_markers: tuple[str, ...]
    restore: tuple[tuple[re.Pattern[str], str], ...]
    generic_quotes: frozenset[str]
    foreign: tuple[str, ...]
    superiors: tuple[str, ...]
    self_names: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    default_level: int
    stale: tuple[Stale, ...]
    trades: tuple[Trade, ...]
    fills: tuple[Fill, ...]

    def stale_in(self, text: str) -> Stale | None:
        """The first stale campaign `text` names, if any."""
        return next((s for s in self.stale if s.pattern.search(text)), None)

    def level_of(self, name: str | None) -> int:
        """Rank of a unit name in `levels` (0 is the top); unknown names get the default."""
        return next((i for i, level in enumerate(self.levels) if name in level), self.default_level)

    def trade_of(self, text: str) -> str | None:
        """The id of the trade whose words remain in `text`, if any."""
        return next((t.id for t in self.trades if t.find(text)), None)

    def fill_for(self, unit: str) -> Fill:
        """The slot fill for a unit, chosen by the words of its name."""
        for fill in self.fills:
            if any(word in unit for word in fill.unit_words):
                return fill
        return next(f for f in self.fills if f.id == "default")


def _fill(name: str, table: dict[str, Any]) -> Fill:
    values = {k: v for k, v in table.items() if k != "unit_words"}
    return Fill(name, tuple(table.get("unit_words", ())), values)


@cache
def load_terms() -> Terms:
    """The word lists shipped with the package."""
    raw = tomllib.loads(
        resources.files("phrasebank.data").joinpath("terms.toml").read_text("utf-8")
    )
    fills = raw["fills"]
    return Terms(
        noise_lines=tuple(raw["noise"]["lines"]),
        noise_markers=tuple(raw["noise"]["markers"]),
        restore=tuple((re.compile(k), v) for k, v in raw["restore"].items()),
        generic_quotes=frozenset(raw["quotes"]["generic"]),
        foreign=tuple(raw["quotes"]["foreign"]),
        superiors=tuple(sorted(raw["quotes"]["superiors"], key=len, reverse=True)),
        self_names=tuple(raw["quotes"]["self_names"]),
        levels=tuple(tuple(level) for level in raw["quotes"]["levels"]),
        default_level=raw["quotes"]["default_level"],
        stale=tuple(Stale(re.compile(s["pattern"]), s["label"], s["year"]) for s in raw["stale"]),
        trades=tuple(
            Trade(
                id=key,
                label=value["label"],
                slots=tuple((a, b) for a, b in value["slots"]),
                words=tuple(value["words"]),
            )
            for key, value in raw["trades"].items()
        ),
        # "default" last, so that a unit matching no other table falls to it.
        fills=(
            *(_fill(k, v) for k, v in fills.items() if k != "default"),
            _fill("default", fills["default"]),
        ),
    )
