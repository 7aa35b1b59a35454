"""A 公文 title broken into lines: between words, at a natural point, in balanced lines.

GB/T 9704 sets the title in 二号 type, centred; one too long for a line is
broken by meaning — never inside a word — into lines of about equal length
(a trapezoid or a diamond), typically after the unit's name or the period.
Which words a line may start or end with is data (data/titles.toml).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import combinations

from phrasebank import tokens

# Ems of 二号 (22 pt) type across the 156 mm type area: 156 / 7.76.
CAPACITY = 20.0
MAX_LINES = 4
# How many ems of imbalance a preferred break is worth.
PREFERENCE = 3.0

# A period stays on one line: 2026年上半年, 2024年度, 2025年第三季度, 2026年1月.
_PERIOD = re.compile(
    r"\d{4}\s*年(?:度|[上下]半年|第?[一二三四]季度|\d{1,2}月份?|[一二三四]季度)?"
    r"|[上下]半年|第?[一二三四]季度"
)
# Punctuation that may not begin a line (closing) or end one (opening).
_NO_START = set("，。、；：？！）》」』”’…—·")
_NO_END = set("（《「『“‘")


@dataclass(frozen=True)
class BreakWords:
    """The words that steer where a title breaks (data/titles.toml)."""

    before: tuple[str, ...]
    never_end: tuple[str, ...]
    never_start: tuple[str, ...]


def parse_break_words(text: str) -> BreakWords:
    """The break words of a titles.toml; ValueError names a missing or unknown key."""
    raw = tomllib.loads(text)
    expected = {"before", "never_end", "never_start"}
    if set(raw) != expected:
        raise ValueError(
            f"titles.toml: expected keys {', '.join(sorted(expected))}, got {', '.join(raw)}"
        )
    return BreakWords(**{key: tuple(raw[key]) for key in expected})


@cache
def break_words() -> BreakWords:
    text = resources.files("bot.writer.data").joinpath("titles.toml").read_text("utf-8")
    return parse_break_words(text)


def width(text: str) -> float:
    """`text`'s width in ems: Han characters and full-width punctuation 1, digits and Latin ½."""
    return sum(0.5 if unicodedata.east_asian_width(ch) in "NaH" else 1.0 for ch in text)


def title_lines(text: str, capacity: float = CAPACITY) -> list[str]:
    """`text` in the fewest lines of at most `capacity` ems, broken where it reads best.

    Among the ways to break it into that many lines, the most even wins, a
    break at a preferred point counting as `PREFERENCE` ems of evenness. A
    title that cannot be broken to fit stays whole for the word processor to wrap.
    """
    if width(text) <= capacity:
        return [text]
    points = break_points(text)
    for count in range(2, MAX_LINES + 1):
        best: tuple[tuple[float, float], list[str]] | None = None
        for cuts in combinations(sorted(points), count - 1):
            lines = [text[a:b] for a, b in zip((0, *cuts), (*cuts, len(text)), strict=True)]
            widths = [width(line) for line in lines]
            if max(widths) > capacity:
                continue
            spread = max(widths) - min(widths)
            key = (spread - PREFERENCE * sum(points[c] for c in cuts), spread)
            if best is None or key < best[0]:
                best = (key, lines)
        if best is not None:
            return best[1]
    return [text]


def break_points(text: str) -> dict[int, bool]:
    """Offsets where `text` may break, each with whether it is a preferred point."""
    words = break_words()
    offsets, offset = set(), 0
    for token in tokens.tokenizer().lcut(text):
        offset += len(token)
        offsets.add(offset)
    offsets.discard(len(text))
    periods = [m.span() for m in _PERIOD.finditer(text)]
    points: dict[int, bool] = {}
    for at in sorted(offsets):
        head, tail = text[:at], text[at:]
        if (
            any(start < at < end for start, end in periods)
            or tail[0] in _NO_START
            or head[-1] in _NO_END
            or head.endswith(words.never_end)
            or tail.startswith(words.never_start)
        ):
            continue
        at_period = any(at in (start, end) for start, end in periods)
        points[at] = at_period or tail.startswith(words.before)
    return points
