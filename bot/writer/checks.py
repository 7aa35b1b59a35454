"""What looks wrong in the writer's activities, said so the writer can check it.

An activity outside the report's period (by a month, a festival or a year it
names), one that reads as business rather than party work, one whose theme
is a guess, or one that is not Chinese at all is kept as typed, and listed
in 待补充 with what was done with it. The word lists are data/checks.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from phrasebank.text import numeral, read_data

from .period import Period, Span
from .wording import facts

# An activity this short with no count (组织党员观看警示教育片) says what was done but not
# when, how many or how: a report made of such is thin, and the writer is asked for more.
TERSE_ACTIVITY = 14
# What to add to a terse activity whose kind of work says nothing more specific.
DETAILS = "时间、范围、参加人数和具体做法"

_MONTH = re.compile(r"(?<![\d.．\-—至到~～])(\d{1,2}|[一二三四五六七八九十]{1,3})月(?!\d)")
_RANGE = re.compile(r"(\d{1,2})\s*[-—至到~～]\s*(\d{1,2})月")
_TITLED = re.compile(r"《[^《》]*》|“[^“”]{3,}”")
# A day's name in quotes (“七一”前夕) is still a date.
_QUOTED_DAY = re.compile(r"“([^“”]{1,2})”")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?!度)")
# Words of work in the period on something earlier: a follow-up, a comparison.
_FOLLOWS_UP = re.compile(
    r"比|较|同比|反馈|整改|遗留|以来|上半年|下半年|季度|全年|年底|年初|指出|查摆|评议"
)


@dataclass(frozen=True)
class Lists:
    days: dict[str, tuple[int, ...]]
    business: tuple[str, ...]
    party: tuple[str, ...]
    party_work: tuple[str, ...]
    ambiguous: tuple[str, ...]
    planned: tuple[str, ...]
    shortcoming: tuple[str, ...]
    shortcoming_starts: tuple[str, ...]


# Words of another span than the report's (本季度检查 in a year's report; 全年未发生事故
# in a half year's, round BW): a slip the writer should see.
_WHOLE_YEAR = r"全年(?=未|无|没有|共|累计|总计)"
_OTHER_SPAN = {
    Span.YEAR: re.compile(r"本季度|本月"),
    Span.HALF: re.compile(rf"{_WHOLE_YEAR}|本季度"),
    Span.QUARTER: re.compile(rf"{_WHOLE_YEAR}|[上下]半年(?=共)"),
}


@cache
def lists() -> Lists:
    raw = read_data("bot.writer.data", "checks.toml")
    return Lists(
        days={day: tuple(months) for day, months in raw["days"].items()},
        business=tuple(raw["business"]["words"]),
        party=tuple(raw["business"]["party"]),
        party_work=tuple(raw["business"]["party_work"]),
        ambiguous=tuple(raw["business"]["ambiguous"]),
        planned=tuple(raw["business"]["planned"]),
        shortcoming=tuple(raw["business"]["shortcoming"]),
        shortcoming_starts=tuple(raw["business"]["shortcoming_starts"]),
    )


def shortcoming(text: str) -> bool:
    """Whether an activity states a shortcoming (不足：…还不够) rather than work done."""
    words = lists()
    return text.startswith(words.shortcoming_starts) or any(w in text for w in words.shortcoming)


def _month(value: str) -> int | None:
    number = int(value) if value.isdigit() else numeral(value)
    return number if 1 <= number <= 12 else None


def outside(text: str, period: Period) -> str | None:
    """What in `text` places it outside `period` (a month, a festival, a year), if anything.
    A title or name in 《》 or “” is not a date (《…学习纲要（2023年版）》)."""
    text = _QUOTED_DAY.sub(r"\1", _TITLED.sub("", text))
    for year in _YEAR.findall(text):
        # An earlier year the period's work follows up or compares with (2025年巡察反馈的
        # 问题，上半年整改6个; 比2025年提高) places nothing outside the period.
        earlier = int(year) < period.year and _FOLLOWS_UP.search(text)
        if int(year) not in (period.year, period.year + 1) and not earlier:
            return f"{year}年"
    months = set(period.months())
    for low, high in _RANGE.findall(text):
        if not set(range(int(low), int(high) + 1)) & months:
            return f"{low}—{high}月"
    plain = _RANGE.sub("", text)
    for found in _MONTH.finditer(plain):
        month = _month(found.group(1))
        if month is not None and month not in months:
            return found.group()
    # The longer name first: 七一前夕 is June, whatever 七一 alone may be.
    for day, when in sorted(lists().days.items(), key=lambda d: -len(d[0])):
        # 清明以外的祭扫高峰 names 清明 as what the time is not.
        named = re.search(f"(?<!除){day}(?!以外|之外|除外)", plain)
        if named and not set(when) & months:
            return day
        if named:
            plain = plain.replace(day, "")
    return None


def business(text: str) -> str | None:
    """The business word of an activity that names no party work, if it is one."""
    words = lists()
    if any(p in text for p in words.party):
        return None
    return next((w for w in words.business if w in text), None)


def names_party_work(text: str) -> bool:
    """Whether an activity names any party, group or cadre work at all."""
    return any(word in text for word in lists().party_work)


def ambiguous(keywords: list[str]) -> bool:
    """Whether sub-topic `keywords` found in an activity all name party work only beside
    a party word (专项整治)."""
    return bool(keywords) and all(k in lists().ambiguous for k in keywords)


def unreadable(text: str) -> bool:
    """Whether `text` is not Chinese (English, or characters that did not decode)."""
    letters = [ch for ch in text if not ch.isspace() and ch not in "，。、；：！？,.;:!?"]
    chinese = sum("\u4e00" <= ch <= "\u9fff" for ch in letters)
    return not letters or chinese < len(letters) / 3 or "\ufffd" in text


def terse(text: str) -> bool:
    """Whether an activity says only what was done: short, with no figure, count or name."""
    return len(text.strip()) < TERSE_ACTIVITY and not facts(text)


def concerns(
    text: str,
    period: Period,
    theme_label: str,
    unsure: bool,
    details: str = "",
    chosen: bool = False,
) -> list[str]:
    """What the writer should check about one activity, in the words of 待补充; `details`
    is what a fact of its kind of work usually states, asked of a terse one; a theme the
    writer `chosen` is not asked about."""
    found = []
    if unreadable(text):
        found.append("不是中文或无法识别，已照原样写入，请改写成中文")
    planned = next((w for w in lists().planned if w in text), None)
    if planned is not None:
        found.append(f"（“{planned}”）写的是打算而不是已做的工作，已照原样写入，请核对")
    when = outside(text, period)
    if when is not None:
        found.append(f"提到“{when}”，不在{period.label}内，已照原样写入，请核对是否属于本期")
    span = _OTHER_SPAN[period.span].search(text)
    if span is not None:
        found.append(f"写的是“{span.group()}”，与{period.label}不符，已照原样写入，请核对")
    word = None if chosen else business(text)
    if word is not None:
        found.append(
            f"（“{word}”）看起来是业务工作而不是党建工作，已写入“{theme_label}”部分，"
            "请写明与党建的关系或删去"
        )
    elif unsure:
        found.append(
            f"归入“{theme_label}”把握不大，请核对（对话中可用 /theme 调整；"
            '答卷中可把这一项写成 { text = "…", theme = "主题代码" }，主题代码见 README）'
        )
    if terse(text):
        found.append(f"写得比较简略，可补充{details or DETAILS}，报告会更充实")
    return found
