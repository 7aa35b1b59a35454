"""Report periods: a quarter, a half year or a year, parsed from what a writer types.

``2026年第三季度``, ``2026年三季度``, ``2026Q3``, ``2026年上半年``, ``2026年``,
``今年第三季度``, ``上季度``, month ranges that make a period (``2026年1-6月``,
``2026年7至9月``) … all parse; anything else gets a Chinese error with examples.
Years run from 2000 to next year: reports look back, and a plan may look one
year ahead. A period also knows the words a report uses for it
(``本季度``, ``上半年``, ``全年``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from bot.errors import InputError
from phrasebank.text import arabic_digits, numeral

QUARTERS = "一二三四"
EXAMPLES = "2026年第三季度、2026年上半年、2026年下半年、2026年"
FIRST_YEAR = 2000
STANDARD_MONTHS = "季度是 1-3、4-6、7-9、10-12 月，半年是 1-6、7-12 月，全年是 1-12 月"


class Span(StrEnum):
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


@dataclass(frozen=True, order=True)
class Period:
    year: int
    span: Span
    number: int = 0  # quarter 1–4, half 1–2, 0 for a year

    @property
    def label(self) -> str:
        if self.span is Span.QUARTER:
            return f"{self.year}年第{QUARTERS[self.number - 1]}季度"
        if self.span is Span.HALF:
            return f"{self.year}年{'上' if self.number == 1 else '下'}半年"
        return f"{self.year}年"

    @property
    def last_month(self) -> int:
        """The period's last month (1–12)."""
        if self.span is Span.QUARTER:
            return self.number * 3
        if self.span is Span.HALF:
            return self.number * 6
        return 12

    def months(self) -> range:
        """The months the period covers."""
        length = {Span.QUARTER: 3, Span.HALF: 6, Span.YEAR: 12}[self.span]
        return range(self.last_month - length + 1, self.last_month + 1)

    @property
    def words(self) -> dict[str, str]:
        """Slot values for the period words of stock phrases."""
        if self.span is Span.QUARTER:
            during, since = "本季度", "本季度以来"
        elif self.span is Span.HALF:
            during = "上半年" if self.number == 1 else "下半年"
            since = f"{during}以来"
        else:
            during, since = "全年", "今年以来"
        # What the plans look to: the next quarter, the rest of the year after a first
        # half, the new year after a year, a second half or a fourth quarter.
        if self.span is Span.QUARTER and self.number < 4:
            ahead = f"{QUARTERS[self.number]}季度"
        elif self.span is Span.HALF and self.number == 1:
            ahead = "下半年"
        else:
            ahead = "新的一年"
        # A plans heading says 下半年 after a first half, else 下一步.
        step = "下半年" if ahead == "下半年" else "下一步"
        return {
            "时期": self.label,
            # A 述职's title names a year as 2026年度 (…党委书记2026年度抓党建工作述职报告).
            "年度时期": f"{self.year}年度" if self.span is Span.YEAR else self.label,
            "期间": during,
            "期间以来": since,
            "下阶段": ahead,
            "下步": step,
        }

    def previous(self) -> Period:
        if self.span is Span.YEAR:
            return Period(self.year - 1, Span.YEAR)
        count = 4 if self.span is Span.QUARTER else 2
        if self.number > 1:
            return Period(self.year, self.span, self.number - 1)
        return Period(self.year - 1, self.span, count)

    def __str__(self) -> str:
        return self.label


def current(span: Span, today: dt.date) -> Period:
    if span is Span.QUARTER:
        return Period(today.year, span, (today.month - 1) // 3 + 1)
    if span is Span.HALF:
        return Period(today.year, span, 1 if today.month <= 6 else 2)
    return Period(today.year, span)


def recent(today: dt.date) -> list[Period]:
    """The periods a writer most likely reports on: this and the last quarter, half year, year."""
    out: list[Period] = []
    for span in (Span.QUARTER, Span.HALF, Span.YEAR):
        now = current(span, today)
        out += [now, now.previous()]
    return out


_QUARTER = re.compile(r"^(?:第)?([一二三四1-4])季度?$|^q([1-4])$", re.IGNORECASE)
_RELATIVE_YEAR = {
    "今年": 0,
    "本年": 0,
    "本年度": 0,
    "去年": -1,
    "上年": -1,
    "上一年": -1,
    "明年": 1,
}


def parse(text: str, today: dt.date | None = None) -> Period:
    """A period from free text; raises :class:`InputError` with examples when it cannot."""
    today = today or dt.date.today()
    raw = text
    text = re.sub(r"[\s　，,。.]", "", text).strip()
    text = arabic_digits(text) if re.match(r"^[〇零一二三四五六七八九]{4}年", text) else text
    if not text:
        raise InputError(f"请告诉我报告的时间段，例如：{EXAMPLES}")
    relative = _relative(text, today)
    if relative is not None:
        return relative
    if not re.match(r"^\d", text):
        # 上半年, 第三季度 without a year: this year's.
        try:
            return _rest(today.year, text, raw)
        except InputError:
            pass
    match = re.match(r"^(\d{4})(?:年度?)?(.*)$", text)
    if not match:
        raise InputError(f"没能看懂时间段“{raw.strip()[:30]}”。请写成：{EXAMPLES}")
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= today.year + 1:
        raise InputError(
            f"年份 {year} 不在可写的范围内（{FIRST_YEAR}～{today.year + 1} 年）。请写成：{EXAMPLES}"
        )
    return _rest(year, match.group(2), raw)


_MONTH = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_MONTHS = re.compile(rf"^{_MONTH}月?份?[-‐–—―~～至到]{_MONTH}月份?$")
_MONTH_SPANS = {
    (1, 3): (Span.QUARTER, 1),
    (4, 6): (Span.QUARTER, 2),
    (7, 9): (Span.QUARTER, 3),
    (10, 12): (Span.QUARTER, 4),
    (1, 6): (Span.HALF, 1),
    (7, 12): (Span.HALF, 2),
    (1, 12): (Span.YEAR, 0),
}


def _months(year: int, rest: str) -> Period | None:
    """`1-6月` and the like: the period those months make, or an error saying what to write."""
    found = _MONTHS.match(rest)
    if found is None:
        return None
    first, last = (int(m) if m.isdigit() else numeral(m) for m in found.groups())
    if (first, last) in _MONTH_SPANS:
        span, number = _MONTH_SPANS[first, last]
        return Period(year, span, number)
    raise InputError(
        f"{first}-{last} 月不是标准的报告时间段：{STANDARD_MONTHS}。"
        f"请改写成其中一种，例如 {year}年第三季度、{year}年上半年、{year}年"
    )


def _rest(year: int, rest: str, raw: str) -> Period:
    rest = rest.removeprefix("年")
    if (months := _months(year, rest)) is not None:
        return months
    if rest in ("", "全年", "度", "年度"):
        return Period(year, Span.YEAR)
    if rest in ("上半年", "上半年度", "h1", "H1"):
        return Period(year, Span.HALF, 1)
    if rest in ("下半年", "下半年度", "h2", "H2"):
        return Period(year, Span.HALF, 2)
    if quarter := _QUARTER.match(rest):
        value = quarter.group(1) or quarter.group(2)
        number = int(value) if value.isdigit() else QUARTERS.index(value) + 1
        return Period(year, Span.QUARTER, number)
    raise InputError(f"没能看懂时间段“{raw.strip()[:30]}”。请写成：{EXAMPLES}")


def _relative(text: str, today: dt.date) -> Period | None:
    if text in ("本季度", "这个季度", "本季"):
        return current(Span.QUARTER, today)
    if text in ("上季度", "上个季度", "上一季度"):
        return current(Span.QUARTER, today).previous()
    for word, offset in sorted(_RELATIVE_YEAR.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(word):
            return _rest(today.year + offset, text[len(word) :], text)
    return None
