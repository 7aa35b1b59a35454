"""Plain-text tables that line up with Chinese text (wide characters count twice)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """Columns `text` takes in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


NO_LINE_START = frozenset("，。、；：！？）》」』”’〕】,.;:!?)")


def wrap(text: str, columns: int) -> list[str]:
    """`text` cut into lines of at most `columns` display columns.

    A closing mark never starts a line: the character before it goes down with it.
    """
    lines: list[str] = []
    current = ""
    for ch in text:
        if width(current + ch) > columns:
            carried = ""
            if ch in NO_LINE_START and len(current) > 1:
                current, carried = current[:-1], current[-1]
            lines.append(current)
            current = carried
        current += ch
    lines.append(current)
    return lines


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], total: int = 100, flexible: int = -1
) -> str:
    """A table fitting `total` columns; the `flexible` column wraps, the others keep their width."""
    count = len(headers)
    flexible %= count
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    fixed = sum(w for i, w in enumerate(widths) if i != flexible) + 2 * (count - 1)
    widths[flexible] = max(10, min(widths[flexible], total - fixed))
    out = ["  ".join(pad(h, widths[i]) for i, h in enumerate(headers)).rstrip()]
    out.append("  ".join("─" * w for w in widths))
    for row in rows:
        cells = [
            wrap(str(cell), widths[i]) if i == flexible else [str(cell)]
            for i, cell in enumerate(row)
        ]
        height = max(len(c) for c in cells)
        for line in range(height):
            parts = [pad(c[line] if line < len(c) else "", widths[i]) for i, c in enumerate(cells)]
            out.append("  ".join(parts).rstrip())
    return "\n".join(out)
