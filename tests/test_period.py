"""Parsing report periods from what writers type."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.errors import InputError
from bot.writer import period
from bot.writer.period import Period, Span

TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2026年第三季度", "2026年第三季度"),
        ("2026年三季度", "2026年第三季度"),
        ("2026年第3季度", "2026年第三季度"),
        ("2026Q3", "2026年第三季度"),
        ("2026 q4", "2026年第四季度"),
        ("2026年上半年", "2026年上半年"),
        ("2026下半年", "2026年下半年"),
        ("2026年", "2026年"),
        ("2026年度", "2026年"),
        ("2026", "2026年"),
        ("二〇二六年第一季度", "2026年第一季度"),
        ("本季度", "2026年第四季度"),
        ("上季度", "2026年第三季度"),
        ("今年上半年", "2026年上半年"),
        ("去年", "2025年"),
        (" 2026年 第三季度。", "2026年第三季度"),
        ("2026年1-6月", "2026年上半年"),
        ("2026年1—6月", "2026年上半年"),
        ("2026年1至6月", "2026年上半年"),
        ("2026年1月-6月", "2026年上半年"),
        ("2026年7~12月份", "2026年下半年"),
        ("2026年7到9月", "2026年第三季度"),
        ("2026年10-12月", "2026年第四季度"),
        ("2026年一至三月", "2026年第一季度"),
        ("2026年1-12月", "2026年"),
        ("2000年", "2000年"),
        ("2027年", "2027年"),
    ],
)
def test_parse(text: str, label: str) -> None:
    assert period.parse(text, TODAY).label == label


@pytest.mark.parametrize(
    "text", ["2026年第五季度", "下周", "", "   ", "1999年", "2026年13月", "😀"]
)
def test_unparseable_periods_get_examples(text: str) -> None:
    with pytest.raises(InputError, match="2026年第三季度"):
        period.parse(text, TODAY)


@pytest.mark.parametrize("text", ["1999年", "2100年", "2028年上半年"])
def test_years_run_from_2000_to_next_year(text: str) -> None:
    with pytest.raises(InputError, match="不在可写的范围内（2000～2027 年）"):
        period.parse(text, TODAY)


@pytest.mark.parametrize("text", ["2026年1-9月", "2026年1—9月", "2026年3至5月", "2026年2-13月"])
def test_months_that_make_no_period_say_what_to_write(text: str) -> None:
    with pytest.raises(InputError) as caught:
        period.parse(text, TODAY)
    message = str(caught.value)
    assert "不是标准的报告时间段" in message and "1-6、7-12 月" in message
    assert "2026年第三季度" in message


@pytest.mark.parametrize(
    ("value", "during", "since", "ahead"),
    [
        (Period(2026, Span.QUARTER, 3), "本季度", "本季度以来", "四季度"),
        (Period(2026, Span.QUARTER, 4), "本季度", "本季度以来", "新的一年"),
        (Period(2026, Span.HALF, 1), "上半年", "上半年以来", "下半年"),
        (Period(2026, Span.HALF, 2), "下半年", "下半年以来", "新的一年"),
        (Period(2026, Span.YEAR), "全年", "今年以来", "新的一年"),
    ],
)
def test_period_words(value: Period, during: str, since: str, ahead: str) -> None:
    # The plans of a first half look to the second; of a year, to the new one.
    assert value.words == {
        "时期": value.label,
        "年度时期": "2026年度" if value.span is Span.YEAR else value.label,
        "期间": during,
        "期间以来": since,
        "下阶段": ahead,
        "下步": "下半年" if ahead == "下半年" else "下一步",
    }


def test_recent_periods_offer_current_and_previous() -> None:
    labels = [p.label for p in period.recent(TODAY)]
    assert labels == [
        "2026年第四季度",
        "2026年第三季度",
        "2026年下半年",
        "2026年上半年",
        "2026年",
        "2025年",
    ]
    assert Period(2026, Span.QUARTER, 1).previous().label == "2025年第四季度"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("上半年", "2026年上半年"),
        ("第三季度", "2026年第三季度"),
        ("三季度", "2026年第三季度"),
        ("Q2", "2026年第二季度"),
    ],
)
def test_a_half_or_quarter_without_a_year_is_this_years(text: str, label: str) -> None:
    assert period.parse(text, TODAY).label == label
