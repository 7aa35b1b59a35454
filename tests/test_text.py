"""The shared text layer: numerals, characters, splitters, cleaning, and the rows of text.toml."""

from __future__ import annotations

import re

import pytest

from phrasebank import text

NUMBERS = [
    (1, "一"),
    (9, "九"),
    (10, "十"),
    (11, "十一"),
    (20, "二十"),
    (35, "三十五"),
    (99, "九十九"),
]


@pytest.mark.parametrize(("number", "chinese"), NUMBERS)
def test_numerals_both_ways(number: int, chinese: str) -> None:
    assert text.chinese_number(number) == chinese
    assert text.numeral(chinese) == number


@pytest.mark.parametrize(
    ("written", "digits"), [("二〇二六", "2026"), ("二零二五年", "2025年"), ("第三季度", "第3季度")]
)
def test_arabic_digits(written: str, digits: str) -> None:
    assert text.arabic_digits(written) == digits


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("开展\u200b学习", "开展学习"),  # zero-width space
        ("\ufeff召开会议", "召开会议"),  # byte-order mark
        ("\x1b[31m红色\x1b[0m", "红色"),  # terminal colours
        ("党员\x07大会", "党员大会"),  # bell
        ("\u202e倒序", "倒序"),  # direction override
    ],
)
def test_sanitize_leaves_only_what_a_reader_sees(typed: str, clean: str) -> None:
    assert text.sanitize(typed) == clean


def test_normal_ignores_punctuation() -> None:
    assert text.normal("开展“三会一课”，落实制度。") == text.normal("开展三会一课落实制度")


@pytest.mark.parametrize(
    ("source", "sentences"),
    [
        ("开展学习。效果明显！还有不足", ["开展学习。", "效果明显！", "还有不足"]),
        ("开展“学思想。强党性”活动。好。", ["开展“学思想。强党性”活动。", "好。"]),
    ],
)
def test_split_sentences(source: str, sentences: list[str]) -> None:
    assert text.split_sentences(source) == sentences


@pytest.mark.parametrize(
    ("source", "parts"),
    [
        ("甲，乙；丙", ["甲", "，", "乙", "；", "丙"]),
        ("坚持“干多干好，有为有位”导向，推动", ["坚持“干多干好，有为有位”导向", "，", "推动"]),
        ("《关于A，B的通知》", ["《关于A，B的通知》"]),
    ],
)
def test_split_clauses(source: str, parts: list[str]) -> None:
    assert text.split_clauses(source) == parts


@pytest.mark.parametrize(
    ("source", "parts"),
    [
        ("学习；讲课;慰问", ["学习", "讲课", "慰问"]),
        ("开展“学思想；强党性”活动；慰问", ["开展“学思想；强党性”活动", "慰问"]),
        ("召开会议(研究A;B)；学习", ["召开会议(研究A;B)", "学习"]),
    ],
)
def test_split_semicolons(source: str, parts: list[str]) -> None:
    assert text.split_semicolons(source) == parts


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("本文系作者原创投稿，仅供学习参考，请勿照搬照抄！", ""),
        ("##paidbegin##（三）落实重点任务。", "（三）落实重点任务。"),
        ("情  况  报  告", "情况报告"),
        ("坚决抵制错误言论，，加强分析", "坚决抵制错误言论，加强分析"),
        ("开展学习,效果良好", "开展学习，效果良好"),
        ("共1,000人,8:30开始", "共1,000人，8:30开始"),
        ('开展"读书月"活动', "开展“读书月”活动"),
        ("ＸＸ局开展１２次", "XX局开展12次"),
    ],
)
def test_clean_line(raw: str, clean: str) -> None:
    assert text.clean_line(raw) == clean


# ------------------------------------------------------------- text.toml rows


@pytest.mark.parametrize("row", text.data()["measure"], ids=lambda row: row["example"])
def test_measure_rows(row: dict[str, object]) -> None:
    """A row's example is a count exactly when the row says its words count."""
    example = str(row["example"])
    counts = re.search(rf"\d+(?:{text.alternatives(text.measures(count=True))})", example)
    assert bool(counts) == row["count"]
    assert any(word in example for word in text.measures())


@pytest.mark.parametrize("clause", text.data()["effect"]["examples"])
def test_effect_start_rows(clause: str) -> None:
    assert text.EFFECT_START.match(clause)


def test_a_plain_statement_is_no_effect() -> None:
    assert not text.EFFECT_START.match("召开党员大会")


def test_alternatives_match_as_longest_first() -> None:
    """The trie of words finds what the words sorted longest first would, backtracking too."""
    words = ["党员", "党员先锋岗", "党", "干部", "干部职工", "a.b", "先锋"]
    plain = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    samples = ["党员先锋岗和党员干部职工", "党员先锋", "a.b axb 党先锋", "党员先锋岗岗"]
    for wrap in ("{}", "^(?:{})", "(?:{})岗", "(?:{})(?:先锋岗)?职工"):
        old, new = re.compile(wrap.format(plain)), re.compile(wrap.format(text.alternatives(words)))
        for sample in samples:
            assert [m.span() for m in old.finditer(sample)] == [
                m.span() for m in new.finditer(sample)
            ]
    assert text.alternatives(["名", ""]) == "名|"
