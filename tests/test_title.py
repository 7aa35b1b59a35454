"""Breaking 公文 titles: between jieba words, at natural points, in balanced lines."""

from __future__ import annotations

import pytest

from bot.writer.title import (
    CAPACITY,
    break_points,
    break_words,
    parse_break_words,
    title_lines,
    width,
)
from phrasebank import tokens

# Titles the drafts produce, and longer ones a writer may type.
TITLES = [
    "江北市交通运输局2026年上半年落实全面从严治党主体责任情况报告",
    "国家税务总局临江县税务局2026年第三季度党建工作总结",
    "东湖街道党工委书记2026年度抓党建工作述职报告",
    "宁川县人民医院2026年上半年落实全面从严治党主体责任情况报告",
    "中共某某公司支部委员会2024年度党建工作总结",
    "中共国家税务总局临江县税务局委员会2026年上半年落实全面从严治党主体责任和党风廉政建设情况的报告",
]


def word_boundaries(text: str) -> set[int]:
    offsets, offset = set(), 0
    for token in tokens.tokenizer().lcut(text):
        offset += len(token)
        offsets.add(offset)
    return offsets


@pytest.mark.parametrize("title", TITLES)
def test_lines_fit_break_between_words_and_are_balanced(title: str) -> None:
    lines = title_lines(title)
    assert "".join(lines) == title
    assert len(lines) >= 2
    assert all(width(line) <= CAPACITY for line in lines)
    boundaries = word_boundaries(title)
    offset = 0
    for line in lines[:-1]:
        offset += len(line)
        assert offset in boundaries, f"{title}: break inside a word at {line}|"
    widths = [width(line) for line in lines]
    assert max(widths) - min(widths) <= 4, lines


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        # After the period (the unit's name and the period read as one line).
        (TITLES[0], ["江北市交通运输局2026年上半年", "落实全面从严治党主体责任情况报告"]),
        (TITLES[3], ["宁川县人民医院2026年上半年", "落实全面从严治党主体责任情况报告"]),
        # After the unit's name, before the period.
        (TITLES[1], ["国家税务总局临江县税务局", "2026年第三季度党建工作总结"]),
        # After the secretary, before the period: a line never starts with 书记.
        (TITLES[2], ["东湖街道党工委书记", "2026年度抓党建工作述职报告"]),
        (
            "柳川县市场监督管理局城关市场监管所党支部书记2026年上半年抓党建工作述职报告",
            ["柳川县市场监督管理局城关市场监管所", "党支部书记2026年上半年抓党建工作述职报告"],
        ),
    ],
)
def test_breaks_at_the_natural_point(title: str, lines: list[str]) -> None:
    assert title_lines(title) == lines


@pytest.mark.parametrize("title", ["2026年上半年工作总结", "短标题"])
def test_a_short_title_stays_one_line(title: str) -> None:
    assert title_lines(title) == [title]


def test_never_breaks_inside_a_period() -> None:
    title = "某某单位2025年第三季度党建工作总结"
    points = break_points(title)
    start = title.index("2025")
    end = title.index("季度") + 2
    assert not [p for p in points if start < p < end]
    assert points[start] and points[end]


def test_an_unbreakable_title_stays_whole() -> None:
    # Every break would start a line with 工作 or 总结.
    assert title_lines("党建工作总结", capacity=2) == ["党建工作总结"]


def test_width_counts_digits_as_half() -> None:
    assert width("2026年") == 3
    assert width("“七一”") == 4


def test_break_words_file_is_well_formed() -> None:
    words = break_words()
    for group in (words.before, words.never_end, words.never_start):
        assert group
        assert all(isinstance(w, str) and w for w in group)
        assert len(set(group)) == len(group)
    assert not set(words.before) & set(words.never_start)


@pytest.mark.parametrize(
    "text", ["before = []", "before = []\nnever_end = []\nnever_start = []\nx = 1"]
)
def test_parse_break_words_names_missing_and_unknown_keys(text: str) -> None:
    with pytest.raises(ValueError, match=r"titles\.toml"):
        parse_break_words(text)
