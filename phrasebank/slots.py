"""Turning a corpus sentence into a reusable template: nothing of its source unit,
year or trade survives as text.

Numbers, placeholders (``XX``, ``*``), years, dates and document titles become
*fact slots* that only the writer can fill; the unit's own names, the bodies
above it, period words and generalisable trade words become *context slots*
that a draft fills for the writer's unit. Clauses naming another unit's
slogans, brands or places are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .terms import Stale, Terms
from .text import Rule, alternatives, measures, read_data, rules, split_clauses

# Every other slot ({单位}, {党组织}, {党委}, {机关}, {上级}, {时期}, {期间}, {期间以来}
# and the trade slots such as {业务}) a draft fills from the unit, period and trade.
# Slots only a fact the writer typed can fill.
FACT_SLOTS = frozenset({"年份", "时间", "数量", "比例", "名称", "文件"})

# How a slot reads in a phrase's display text (DESIGN: no digits, no XX).
NEUTRAL = {
    "单位": "本单位",
    "党组织": "党组织",
    "党委": "党委",
    "机关": "机关",
    "上级": "上级党组织",
    "时期": "本期",
    "期间": "本期",
    "期间以来": "今年以来",
} | {slot: f"〔{slot}〕" for slot in FACT_SLOTS}

SLOT = re.compile(r"\{([^{}]+)\}")

_PLACEHOLDER = r"(?:XX|X(?![A-Za-z])|\*{1,3})"
_MEASURE = rf"(?:余|多)?(?:{alternatives(measures())})"
_NUMBER = rf"(?:\d+(?:\.\d+)?|{_PLACEHOLDER})"
_YEAR = r"(?:19|20)\d\d"

# Order matters: wider patterns first, so that a year is not read as a number.
# The flag marks a pattern that needs a digit, X or * (a _NUMBER or _PLACEHOLDER):
# a text with none of them skips it, and no replacement brings one in.
_FACT_PATTERNS: tuple[tuple[re.Pattern[str], str, bool], ...] = tuple(
    (re.compile(pattern), replacement, numeric)
    for pattern, replacement, numeric in (
        (rf"{_NUMBER}月{_NUMBER}日", "{时间}", True),
        (rf"{_NUMBER}[-—~至]{_NUMBER}月(?:底|份)?", "{时间}", True),
        (rf"(?<![\d.]){_NUMBER}月(?:份|底|初|中旬|下旬)?(?!度)", "{时间}", True),
        (rf"{_NUMBER}[%％]", "{比例}", True),
        (rf"{_PLACEHOLDER}年(?:度)?", "{年份}", True),
        (r"[\d.]+·\d+", "{时间}", True),
        (rf"{_NUMBER}(?={_MEASURE})", "{数量}", True),
        (
            r"(?<![第统唯单同专])[一两二三四五六七八九十百千]+(?=名(?!义|称|单|片|牌|誉)|位同志|人次|余人)",
            "{数量}",
            False,
        ),
        (r"[一二三]等奖", "{名称}等奖", False),
        (_PLACEHOLDER, "{名称}", True),
        (r"\d+(?:\.\d+)?", "{数量}", True),
    )
)
_NUMERIC = re.compile(r"[\dX*]")

_PERIOD_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"(?:今年上半年|今年|上半年|下半年|本年度)以来", "{期间以来}"),
        (r"(?<![去明前])(?:今年|全年|本年度)(?!度|初|底|末)", "{期间}"),
        (r"(?<![今去明])(?:上半年|下半年)(?!以来)", "{期间}"),
    )
)

_PERIOD_TAIL = r"年(?:度)?(?:上半年|下半年|第[一二三四]季度|前三季度)?"
# A placeholder year opening a sentence of an opening (``XX年，…``).
_LEADING_PERIOD = re.compile(rf"^{_PLACEHOLDER}{_PERIOD_TAIL}(?=[，在])")
_OTHER_YEAR = re.compile(rf"{_YEAR}{_PERIOD_TAIL}")
_TITLE = re.compile(r"《[^《》]*》")
_QUOTE = re.compile(r"“([^“”]*)”|‘([^‘’]*)’")
_ASCII_WORD = re.compile(r"[A-Za-z]")
_TITLE_WITH_SLOT = re.compile(r"《[^《》]*\{[^《》]*》")
_DOUBLE_SLOT = re.compile(r"(\{[^{}]+\})(?:[、和及与]\1)+")
# A placeholder place name before a generalised word adds nothing: XX税务事业.
_NAME_BEFORE_SLOT = re.compile(r"\{名称\}(?=\{(?:事业|业务|中心工作|系统|单位|党组织)\})")


@dataclass(frozen=True)
class Templated:
    """A sentence made reusable."""

    template: str
    slots: tuple[str, ...]
    stale: Stale | None
    trade: str | None

    @property
    def fact_slots(self) -> tuple[str, ...]:
        return tuple(s for s in self.slots if s in FACT_SLOTS)


def slots_of(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(SLOT.findall(template)))


def render(template: str, values: dict[str, str]) -> str:
    """Fill the slots named in `values`; others stay as ``{slot}``."""
    return SLOT.sub(lambda m: values.get(m.group(1), m.group()), template)


class Templater:
    """Makes sentences of one document reusable.

    `self_name` is the word the document uses most for its own unit (``区局``);
    other unit words of the same family (``市局`` in a 区局 document) are read as
    bodies above it.
    """

    def __init__(self, terms: Terms, generic_quotes: Iterable[str], self_name: str | None) -> None:
        self.terms = terms
        self.generic = frozenset(generic_quotes)
        self.self_name = self_name
        # Corpora repeat themselves (copied reports, stock sentences): template each text once.
        self._memo: dict[tuple[str, int | None], Templated | None] = {}
        level = terms.level_of(self_name)
        above = [n for i, names in enumerate(terms.levels) if i < level for n in names]
        below = [n for i, names in enumerate(terms.levels) if i > level for n in names]
        self._superior_names = re.compile("|".join(map(re.escape, [*terms.superiors, *above])))
        self._below_names = (
            re.compile(rf"(?:{'|'.join(map(re.escape, below))})(?!长)") if below else None
        )
        self._foreign = re.compile("|".join(map(re.escape, terms.foreign)))
        trade_slots = sorted(
            ((word, slot) for trade in terms.trades for word, slot in trade.slots),
            key=lambda pair: len(pair[0]),
            reverse=True,
        )
        self._trade_slots = trade_slots

    def quote_is_generic(self, quoted: str) -> bool:
        if re.search(rf"\d|{_PLACEHOLDER}", quoted):
            return False
        return quoted in self.generic

    def template(self, text: str, *, year: int | None = None) -> Templated | None:
        """The reusable form of `text`, or None when nothing reusable is left.

        `year` is the year of the source report: a date in that year (with its
        half or quarter) is the report's own period, any other year a fact.
        """
        key = (text, year)
        if key not in self._memo:
            self._memo[key] = self._template(text, year)
        return self._memo[key]

    def _template(self, text: str, year: int | None) -> Templated | None:
        for pattern, replacement in self.terms.restore:
            text = pattern.sub(replacement, text)
        stale = self.terms.stale_in(text)
        # Each pattern is tried only when the text holds a character it cannot match
        # without (a 《, a 年, a digit): the same result, without most of the scans.
        if "《" in text:
            text = _TITLE.sub(self._title, text)
        text = self._drop_foreign_clauses(text)
        if not text:
            return None
        if "年" in text:
            if year is not None:
                text = re.sub(rf"(?<!\d){year}{_PERIOD_TAIL}", "{时期}", text)
            text = _LEADING_PERIOD.sub("{时期}", text)
            text = _OTHER_YEAR.sub("{年份}", text)
        text = self._unit_names(text)
        for word, slot in self._trade_slots:
            text = text.replace(word, f"{{{slot}}}")
        if "年" in text:
            for pattern, replacement in _PERIOD_PATTERNS:
                text = pattern.sub(replacement, text)
        numeric = _NUMERIC.search(text) is not None
        for pattern, replacement, needs_number in _FACT_PATTERNS:
            if numeric or not needs_number:
                text = pattern.sub(replacement, text)
        if "{" in text:
            text = _DOUBLE_SLOT.sub(r"\1", text)
            text = _NAME_BEFORE_SLOT.sub("", text)
            # A title with anything generalised in it names a document the writer's unit
            # may not have.
            if "《" in text:
                text = _TITLE_WITH_SLOT.sub("{文件}", text)
        text = _tidy(text)
        letters = SLOT.sub("", text)
        if not text or _ASCII_WORD.search(letters):
            return None
        return Templated(text, slots_of(text), stale, self.terms.trade_of(letters))

    def _title(self, match: re.Match[str]) -> str:
        title = match.group()
        if re.search(rf"\d|{_PLACEHOLDER}|年", title) or self._names_unit(title):
            return "{文件}"
        return title

    def _names_unit(self, text: str) -> bool:
        names = [n for level in self.terms.levels for n in level]
        return any(n in text for n in names) or bool(self._superior_names.search(text))

    def _drop_foreign_clauses(self, text: str) -> str:
        if not ("“" in text or "‘" in text or self._has_foreign(text)):
            # No clause quotes anything or names a foreign word: all are kept.
            return text.lstrip("，；：").rstrip("，；")
        parts = split_clauses(text)
        kept: list[str] = []
        for i in range(0, len(parts), 2):
            clause = parts[i]
            sep = parts[i + 1] if i + 1 < len(parts) else ""
            if self._is_foreign(clause):
                # Keep a sentence-final separator the dropped clause carried.
                if not sep and kept:
                    kept[-1] = ""
                continue
            kept.extend((clause, sep))
        return "".join(kept).lstrip("，；：").rstrip("，；")

    def _is_foreign(self, clause: str) -> bool:
        for match in _QUOTE.finditer(clause):
            quoted = match.group(1) if match.group(1) is not None else match.group(2)
            if not self.quote_is_generic(quoted):
                return True
        return self._has_foreign(clause)

    def _has_foreign(self, text: str) -> bool:
        return bool(self.terms.foreign and self._foreign.search(text))

    def _unit_names(self, text: str) -> str:
        names = unit_rules()
        for rule in names.leadership:
            text = rule.apply(text)
        text = self._superior_names.sub("{上级}", text)
        if self._below_names:
            text = self._below_names.sub("基层单位", text)
        for rule in names.own:
            text = rule.apply(text)
        if self.self_name:
            text = text.replace(f"{self.self_name}党委", "{党组织}")
            text = text.replace(self.self_name, "{单位}")
        for rule in names.rest:
            text = rule.apply(text)
        return text


@dataclass(frozen=True)
class UnitRules:
    """How a source unit's names become slots (``data/units.toml``), in three stages:
    before the bodies above the unit are slotted, before its self-name is, and after."""

    leadership: tuple[Rule, ...]
    own: tuple[Rule, ...]
    rest: tuple[Rule, ...]


@cache
def unit_rules() -> UnitRules:
    raw = read_data("phrasebank.data", "units.toml")
    fragments = {"placeholder": _PLACEHOLDER}
    stages = (rules(raw[stage], raw["lists"], fragments) for stage in ("leadership", "own", "rest"))
    return UnitRules(*stages)


_TIDY = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^[，、；：。\s]+", ""),
        (r"[，、；：]+([。！？])", r"\1"),
        (r"([，；：、])[，；：、]+", r"\1"),
        (r"（\s*）|“\s*”", ""),
    )
)


def _tidy(text: str) -> str:
    for pattern, replacement in _TIDY:
        text = pattern.sub(replacement, text)
    return text.strip()
