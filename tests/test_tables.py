"""Plain-text tables whose columns line up when cells hold Chinese (two columns a character)."""

from __future__ import annotations

import pytest

from bot.shells.tables import pad, table, width, wrap
from phrasebank.bank import Bank


@pytest.mark.parametrize(
    ("text", "columns"),
    [("", 0), ("abc", 3), ("廉政", 4), ("第1季度", 7), ("（一）", 6), ("ＡＢ", 4), ("a，b", 4)],
)
def test_width_counts_wide_characters_twice(text: str, columns: int) -> None:
    assert width(text) == columns


@pytest.mark.parametrize(
    ("text", "columns", "lines"),
    [
        ("开展廉政谈话", 4, ["开展", "廉政", "谈话"]),
        ("开展廉政谈话", 5, ["开展", "廉政", "谈话"]),
        ("ab廉政", 3, ["ab", "廉", "政"]),
        ("short", 10, ["short"]),
        ("", 10, [""]),
    ],
)
def test_wrap_never_passes_the_column_limit(text: str, columns: int, lines: list[str]) -> None:
    assert wrap(text, columns) == lines
    assert "".join(lines) == text


@pytest.mark.parametrize(
    ("text", "padded"), [("廉政", "廉政  "), ("ab", "ab    "), ("长长长", "长长长")]
)
def test_pad_fills_to_the_display_width(text: str, padded: str) -> None:
    assert pad(text, 6) == padded


def test_columns_line_up_with_mixed_scripts() -> None:
    out = table(
        ["主题", "代码", "数量"], [["党风廉政建设", "integrity", "12"], ["理论武装", "theory", "3"]]
    )
    lines = out.splitlines()
    assert lines[0].split() == ["主题", "代码", "数量"]
    assert set(lines[1]) <= {"─", " "}
    # Every column starts at the same display position on every line.
    starts = [
        width(line[: line.index(cell)])
        for line, cell in zip(lines[2:], ["integrity", "theory"], strict=True)
    ]
    assert starts[0] == starts[1] == width("党风廉政建设") + 2
    assert width(lines[0][: lines[0].index("代码")]) == starts[0]


def test_the_flexible_column_wraps_to_fit_the_total() -> None:
    text = "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻新时代党的建设总要求"
    out = table(["编号", "短语", "出处"], [["lead-1", text, "001"]], total=40, flexible=1)
    lines = out.splitlines()
    assert all(width(line) <= 40 for line in lines)
    body = lines[2:]
    assert len(body) > 1
    assert (
        "".join(line.split()[1] if i == 0 else line.split()[0] for i, line in enumerate(body))
        == text
    )
    assert body[0].endswith("001") and "001" not in "".join(body[1:])


def test_a_narrow_terminal_still_leaves_ten_columns_to_read() -> None:
    out = table(["编号", "短语"], [["lead-1", "开展廉政谈话全覆盖谈话提醒"]], total=5, flexible=1)
    assert max(width(line.split()[-1]) for line in out.splitlines()[2:]) <= 10
    assert width(out.splitlines()[1].split()[1]) == 10


def test_the_last_column_is_flexible_by_default() -> None:
    out = table(["a", "b"], [["x", "y" * 200]], total=50)
    assert all(width(line) <= 50 for line in out.splitlines())


def test_a_closing_mark_never_starts_a_line() -> None:
    assert wrap("一二三，四", 6) == ["一二", "三，四"]


def test_phrases_at_80_columns_stay_readable(bank: Bank) -> None:
    """Regression: at COLUMNS=80 the phrase column was squeezed to five characters."""
    from bot.shells.listing import phrase_table
    from phrasebank.search import search
    from phrasebank.themes import load_lexicon

    found = search(bank, "廉政", limit=5)
    printed = phrase_table(found, load_lexicon(), 80)
    assert all(width(line) <= 80 for line in printed.splitlines())
    for phrase in found:
        # Each phrase reads in lines of the terminal's width, not a few characters a line.
        assert phrase.text[:30] in printed.replace("\n  ", "")
    assert phrase_table(found, load_lexicon(), 200).splitlines()[0].startswith("编号")
