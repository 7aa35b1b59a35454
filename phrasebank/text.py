"""The text layer the miner and the writer share: how Chinese report text is read.

Chinese numerals both ways, invisible and control characters, a text's
letters for comparison (:func:`normal`), splitters that never cut inside
quotes or brackets, the cleaning every corpus line and every typed answer
gets, measure words and the openings of effect clauses.
The words live in ``data/text.toml``; this module holds the mechanism.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .terms import Terms, load_terms

# ---------------------------------------------------------------- numerals

NUMERALS = "一二三四五六七八九十"
_VALUES = {ch: i for i, ch in enumerate(NUMERALS, start=1)}
_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def numeral(text: str) -> int:
    """Value of a Chinese numeral up to 99 (一 … 十 … 九十九); 0 when it is none."""
    if "十" not in text:
        return _VALUES[text[-1]] if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (_VALUES[tens] if tens else 1) * 10 + (_VALUES[ones] if ones else 0)


def chinese_number(number: int) -> str:
    """零, 一 … 十, 十一 … 九十九: how outlines number their parts."""
    if number <= 10:
        return NUMERALS[number - 1] if number else "零"
    tens, ones = divmod(number, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def arabic_digits(text: str) -> str:
    """Chinese digits written one by one as Arabic ones: 二〇二六 → 2026."""
    return text.translate(_DIGITS)


# -------------------------------------------------------------- characters

# C0 controls except tab and newline: what XML and one-line output cannot hold.
C0 = "\x00-\x08\x0b-\x1f"
CONTROL = C0 + "\x7f-\x9f"
# Controls, zero-width characters, bidirectional marks and the byte-order mark.
INVISIBLE = CONTROL + "\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
_PUNCT = re.compile(r"[\s，。；：、！？“”‘’（）《》—…·]")


def strip_invisible(text: str) -> str:
    """`text` without control, zero-width and direction characters."""
    return _INVISIBLE.sub("", text)


def sanitize(text: str) -> str:
    """What a writer typed, without terminal escapes, control or invisible characters."""
    return strip_invisible(_ANSI.sub("", text))


def normal(text: str) -> str:
    """A text's letters only: two wordings that differ in punctuation are the same."""
    return _PUNCT.sub("", text)


# --------------------------------------------------------------- splitting

# Brackets a split never cuts through; the writer's text also uses ASCII ones.
BRACKETS = {"“": "”", "‘": "’", "《": "》", "（": "）"}
_TYPED_BRACKETS = BRACKETS | {"(": ")"}


def _cuts(text: str, separators: str, brackets: dict[str, str]) -> Iterator[int]:
    """Positions of `separators` in `text` outside any bracket or quote."""
    depth = 0
    openers = "".join(brackets)
    closers = "".join(brackets.values())
    # Only separators and brackets matter: the regex skips the rest of the text in C.
    for match in _specials(separators + openers + closers).finditer(text):
        ch = match.group()
        if ch in openers:
            depth += 1
        elif ch in closers and depth:
            depth -= 1
        elif ch in separators and depth == 0:
            yield match.start()


@cache
def _specials(characters: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(characters)}]")


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, each keeping its final 。！？; quotes are never split."""
    out: list[str] = []
    start = 0
    for i in _cuts(text, "。！？", BRACKETS):
        out.append(text[start : i + 1])
        start = i + 1
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def split_clauses(text: str) -> list[str]:
    """Clauses and their separators, alternating: [clause, sep, clause, …]; quotes stay whole."""
    parts: list[str] = []
    start = 0
    for i in _cuts(text, "，；：", BRACKETS):
        parts.extend((text[start:i], text[i]))
        start = i + 1
    parts.append(text[start:])
    return parts


def split_semicolons(text: str) -> list[str]:
    """`text` split at ；or ; outside quotes and brackets (开展“学思想；强党性”活动 stays whole)."""
    parts: list[str] = []
    start = 0
    for i in _cuts(text, "；;", _TYPED_BRACKETS):
        parts.append(text[start:i])
        start = i + 1
    parts.append(text[start:])
    return parts


# ---------------------------------------------------------------- cleaning

# Full-width Latin letters and digits (ＸＸ, １２) become ASCII, so that the
# miner's placeholder and number patterns see them; CJK punctuation is kept.
_FULL_WIDTH_ALNUM = {
    code: code - 0xFEE0
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACED_TITLE = re.compile(rf"^[{_CJK}](?:[ \t\u3000]+[{_CJK}]){{2,}}$")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(r"[,;:!?()]")
_DOUBLED = re.compile(r"([，。；：、！？])[，、]+|，+(?=[。；：！？])|。{2,}")
# Not around ‘’: they sit inside a writer's title (“守好‘救命钱’ 做好残联工作”), whose
# space is the title's own (round AP).
_SPACE_AROUND_PUNCT = re.compile(r"\s*([，。；：、！？“”（）《》])\s*")


def clean_line(text: str, terms: Terms | None = None) -> str:
    """One line as the miner and the writer read it: invisible characters, noise and
    spaced-out titles gone, punctuation full width and single.

    A line holding one of the noise lines of `terms` is dropped whole (``""``).
    """
    terms = terms or load_terms()
    text = strip_invisible(text).translate(_FULL_WIDTH_ALNUM).replace("\u00a0", " ")
    if any(noise in text for noise in terms.noise_lines):
        return ""
    for marker in terms.noise_markers:
        text = text.replace(marker, "")
    text = text.strip(" \t\u3000")
    if _SPACED_TITLE.match(text):
        text = re.sub(r"[ \t\u3000]+", "", text)
    if _HALF_PUNCT.search(text) or '"' in text:
        text = _full_width(text)
    text = _SPACE_AROUND_PUNCT.sub(r"\1", text)
    text = _DOUBLED.sub(lambda m: m.group(1) or "", text)
    return text.strip()


def _full_width(text: str) -> str:
    """Half-width punctuation next to Chinese text becomes full width; 1,000 and 8:30 stay."""

    def replace(match: re.Match[str]) -> str:
        ch = match.group()
        i = match.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch in ",:" and before.isdigit() and after.isdigit():
            return ch
        if ch in "()" and not (is_cjk(before) or is_cjk(after) or _is_cjk_near(text, i)):
            return ch
        return _HALF_TO_FULL[ch]

    text = _HALF_PUNCT.sub(replace, text)
    return _pair_quotes(text)


def is_cjk(ch: str) -> bool:
    """Whether `ch` is a CJK character or full-width punctuation."""
    return bool(ch) and (
        "\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )


def _is_cjk_near(text: str, i: int) -> bool:
    window = text[max(0, i - 6) : i + 7]
    return any(is_cjk(ch) for ch in window)


def _pair_quotes(text: str) -> str:
    """ASCII double quotes in Chinese text become alternating “ ”."""
    if '"' not in text or not any(is_cjk(ch) for ch in text):
        return text
    out: list[str] = []
    opening = True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


# ------------------------------------------------------------------- words


def read_data(package: str, name: str) -> dict[str, Any]:
    """A TOML data file shipped in `package` (``phrasebank.data``, ``bot.writer.data``)."""
    return tomllib.loads(resources.files(package).joinpath(name).read_text("utf-8"))


@cache
def data() -> dict[str, Any]:
    """``data/text.toml`` as read."""
    return read_data("phrasebank.data", "text.toml")


# Words by their characters: a key "" marks the end of a word.
_Trie = dict[str, "_Trie"]


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of literal words in which none hides a longer one.

    It matches as ``w1|w2|…`` sorted longest first would (at each position the
    longest word, then shorter ones on backtracking), but is written as a trie
    of the words' characters: the regex engine then tries one branch per
    character instead of every word in turn, which for the theme lexicon's
    hundreds of keywords is several times faster.
    """
    trie: _Trie = {}
    empty = False
    for word in words:
        empty = empty or not word
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    branches = _branches(trie)
    # The empty word, if any, comes last, as it would sorted by length.
    return "|".join(branches) + ("|" if empty else "")


def _branches(node: _Trie) -> list[str]:
    """The regex of each word continuing below `node`, one per next character;
    a word ending further down is tried only after every longer one."""
    out: list[str] = []
    for ch, child in node.items():
        if not ch:
            continue
        below = _branches(child)
        if not below:
            out.append(re.escape(ch))
            continue
        body = below[0] if len(below) == 1 else f"(?:{'|'.join(below)})"
        if "" in child:
            body = f"(?:{body})?"
        out.append(re.escape(ch) + body)
    return out


@dataclass(frozen=True)
class Rule:
    """A rewriting rule of a data file, with the examples that show what it does."""

    pattern: re.Pattern[str]
    replace: str
    examples: tuple[tuple[str, str], ...] = ()

    def apply(self, text: str) -> str:
        return self.pattern.sub(self.replace, text)


_REFERENCE = re.compile(r"<([a-z_]+)>")


def expand(pattern: str, lists: dict[str, list[str]], fragments: dict[str, str]) -> str:
    """`pattern` with each ``<name>`` replaced: a list of words becomes a group of
    literal alternatives, a fragment is regex the code supplies."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in fragments:
            return fragments[name]
        return f"(?:{alternatives(lists[name])})"

    return _REFERENCE.sub(one, pattern)


def rules(
    rows: Iterable[dict[str, Any]],
    lists: dict[str, list[str]] | None = None,
    fragments: dict[str, str] | None = None,
) -> tuple[Rule, ...]:
    """Compiled rules from data rows: ``pattern``, ``replace``, ``examples = [[in, out], …]``."""
    return tuple(
        Rule(
            re.compile(expand(row["pattern"], lists or {}, fragments or {})),
            row["replace"],
            tuple((a, b) for a, b in row.get("examples", ())),
        )
        for row in rows
    )


def starts(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching a text that opens with one of `words`."""
    return re.compile(rf"^(?:{alternatives(words)})")


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding any of `words`."""
    return re.compile(alternatives(words))


@cache
def measures(*, count: bool | None = None, classify: bool | None = None) -> tuple[str, ...]:
    """Measure words; `count` and `classify` select by the data's flags."""
    out: list[str] = []
    for row in data()["measure"]:
        if count is not None and row["count"] != count:
            continue
        if classify is not None and row.get("classify", row["count"]) != classify:
            continue
        out.extend(row["words"])
    return tuple(dict.fromkeys(out))


@cache
def _counts() -> re.Pattern[str]:
    people = alternatives(("名", "位", "户", "批"))
    return re.compile(
        rf"\d+(?:\.\d+)?\s*(?:余|多)?(?:{alternatives(measures(classify=True))})"
        rf"|(?<![一二两三四五六七八九十])[一二两三四五六七八九十]+(?:{people})"
    )


def without_counts(text: str) -> str:
    """`text` with its counts left out: 发展1名预备党员 and 发展两名党员 both name 发展党员.

    Digits go with any counting measure word; Chinese numerals only with the
    measures of people, so 两个维护 and 一岗双责 stay whole.
    """
    return _counts().sub("", text)


# How an effect clause opens: 确保…, 推动…, 为…
EFFECT_START = starts(data()["effect"]["starts"])


def shares_stretch(a: str, b: str, length: int) -> bool:
    """Whether `a` and `b` share `length` or more consecutive characters."""
    return any(a[i : i + length] in b for i in range(len(a) - length + 1))
