"""Distinct variant reports grown from the five seeds, for measuring the miner at scale.

Repeating the seeds measures nothing: copies de-duplicate to the same 439
phrases. A variant keeps a seed's outline (its markers and section roles) and
rewrites what is under it: each sentence is reworded with synonyms, some of
its clauses are taken from other reports, paragraphs are borrowed from other
seeds, and numbers, years and quoted names change. The result reads like
another unit's report of the same kind, and mines into phrases of its own.

Deterministic: variant `k` of a given `seed` is always the same text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from phrasebank import corpus
from phrasebank.build import bundled_corpus
from phrasebank.outline import LEVEL1, LEVEL2

# Rewrites that keep a sentence plausible while making it a different string.
SYNONYMS = (
    ("加强", "强化"),
    ("推进", "推动"),
    ("深入", "扎实"),
    ("不断", "持续"),
    ("全面", "切实"),
    ("提升", "提高"),
    ("落实", "贯彻落实"),
    ("建设", "建设工作"),
    ("开展", "组织开展"),
    ("进一步", "更好地"),
    ("机制", "制度机制"),
    ("氛围", "良好氛围"),
    ("严格", "从严"),
    ("认真", "扎实"),
    ("积极", "主动"),
    ("组织", "安排"),
    ("健全", "完善"),
    ("及时", "第一时间"),
    ("确保", "保证"),
    ("提供", "给予"),
    ("引导", "带动"),
    ("形成", "营造"),
    ("有效", "切实有效"),
    ("重点", "关键"),
    ("突出", "聚焦"),
    ("围绕", "紧扣"),
    ("党员", "党员干部"),
    ("干部", "干部职工"),
    ("学习", "学习研讨"),
    ("教育", "教育引导"),
)
OPENERS = ("同时，", "此外，", "另一方面，", "在此基础上，", "与此同时，", "")
PLACES = [
    "临江",
    "青山",
    "白沙",
    "东岭",
    "南湖",
    "西坪",
    "北河",
    "石桥",
    "金川",
    "玉溪",
    "长岗",
    "平阳",
    "云台",
    "清水",
    "丰乐",
    "柳林",
]
BRAND_HEADS = [
    "春风",
    "先锋",
    "红帆",
    "清风",
    "暖心",
    "红色",
    "初心",
    "同心",
    "星火",
    "连心",
    "旗帜",
    "铁军",
]
BRAND_TAILS = ["驿站", "工程", "课堂", "行动", "品牌", "服务队", "工作室", "讲堂"]

_SENTENCE = re.compile(r"[^。！？]*[。！？]?")
_CLAUSE = re.compile(r"[^，；]+[，；]?")
_ITEM = re.compile(r"^[一二三四五六七八九十]+(?:是|要)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?<!\d)(20[12]\d)(?=年)")
_QUOTED = re.compile(r"“([^“”]{2,8})”")


@cache
def _seeds() -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(line.text for line in corpus.load(path).lines)
        for path in sorted(bundled_corpus().glob("*.txt"))
    )


@cache
def _pools() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Body clauses, body paragraphs and short clauses of all the seeds, to borrow from."""
    clauses: list[str] = []
    paragraphs: list[str] = []
    for lines in _seeds():
        for text in lines[1:]:
            if LEVEL1.match(text) or LEVEL2.match(text) or len(text) < 40:
                continue
            paragraphs.append(text)
            for sentence in _SENTENCE.findall(text):
                clauses.extend(
                    c.rstrip("，；。")
                    for c in _CLAUSE.findall(sentence.rstrip("。！？"))
                    if 6 <= len(c) <= 30 and not _ITEM.match(c)
                )
    unique = tuple(dict.fromkeys(clauses))
    return unique, tuple(paragraphs), tuple(c for c in unique if len(c) <= 14)


class _Rewriter:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.shift = rng.randint(-4, 3)
        self.brands: dict[str, str] = {}

    def sentence(self, sentence: str) -> str:
        rng = self.rng
        end = sentence[-1] if sentence and sentence[-1] in "。！？" else ""
        parts = _CLAUSE.findall(sentence[: len(sentence) - len(end)])
        clauses, pool = [], _pools()[0]
        for index, part in enumerate(parts):
            sep = part[-1] if part[-1] in "，；" else ""
            clause = part[: len(part) - len(sep)]
            if index and rng.random() < 0.45:
                clause = rng.choice(pool)
            elif (marker := _ITEM.match(clause)) and rng.random() < 0.5:
                # An item's lead, from another report: 一是 + a short clause.
                clause = marker.group() + rng.choice(_pools()[2])
            clauses.append(self.words(clause) + (sep or ("，" if index < len(parts) - 1 else "")))
        if len(parts) > 1 and rng.random() < 0.6:
            clauses.insert(-1, rng.choice(pool) + "，")
        opener = rng.choice(OPENERS) if not _ITEM.match(sentence) else ""
        return opener + "".join(clauses) + end

    def words(self, text: str) -> str:
        rng = self.rng
        for old, new in rng.sample(SYNONYMS, 20):
            if old in text and new not in text and rng.random() < 0.7:
                text = text.replace(old, new, 1)
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + self.shift), text)
        text = _NUMBER.sub(lambda m: self.number(m.group()), text)
        return _QUOTED.sub(lambda m: f"“{self.brand(m.group(1))}”", text)

    def number(self, text: str) -> str:
        if len(text) == 4 and text.startswith("20"):
            return text  # a year, shifted already
        return str(self.rng.randint(2, 300))

    def brand(self, quoted: str) -> str:
        if quoted not in self.brands:
            self.brands[quoted] = self.rng.choice(BRAND_HEADS) + self.rng.choice(BRAND_TAILS)
        return self.brands[quoted]

    def paragraph(self, text: str) -> str:
        if self.rng.random() < 0.15:
            text = self.rng.choice(_pools()[1])
        return "".join(self.sentence(s) for s in _SENTENCE.findall(text) if s)

    def heading(self, text: str) -> str:
        # Level-1 headings carry the section's role (存在问题, 下一步): only their numbers change.
        if LEVEL1.match(text):
            return _YEAR.sub(lambda m: str(int(m.group(1)) + self.shift), text)
        return self.words(text)


def variant(index: int, seed: int = 12) -> str:
    """The text of variant report `index`: a seed's outline, reworded and recombined."""
    rng = random.Random(seed * 1_000_003 + index)
    lines = _seeds()[index % len(_seeds())]
    rewriter = _Rewriter(rng)
    place = rng.choice(PLACES)
    out = [f"{place}{rewriter.heading(lines[0])}"]
    for text in lines[1:]:
        if LEVEL1.match(text) or LEVEL2.match(text):
            out.append(rewriter.heading(text))
        else:
            out.append(rewriter.paragraph(text))
    return "\n".join(out) + "\n"


def variants(count: int, seed: int = 12) -> Iterator[tuple[str, str]]:
    """`count` distinct variant reports as (file name, text)."""
    for index in range(count):
        yield f"variant_{index:05d}.txt", variant(index, seed)


def write_variants(folder: Path, count: int, seed: int = 12) -> list[Path]:
    """Write `count` variant reports into `folder`; their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in variants(count, seed):
        path = folder / name
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths
