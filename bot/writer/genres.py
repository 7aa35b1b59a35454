"""The three genres of report: titles, level-1 headings and fixed wording (data/genres.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.errors import InputError

GENRE_IDS = ("summary", "responsibility", "duty")

# Words a writer may type for a genre, besides its id and number.
_ALIASES = {
    "summary": ("党建工作总结", "党建总结", "工作总结", "总结"),
    "responsibility": ("主体责任", "全面从严治党", "从严治党", "主体责任报告", "情况报告"),
    "duty": ("述职", "书记述职", "述职报告", "抓党建述职", "第一责任人"),
}


@dataclass(frozen=True)
class Genre:
    id: str
    label: str
    title: str
    first_person: bool
    work: tuple[str, ...]
    problems: tuple[str, ...]
    plans: tuple[str, ...]
    opening_end: str
    problems_intro: str
    plans_intro: str
    closing: str
    signature: tuple[str, ...]
    causes: bool
    opening: str


@cache
def genres() -> dict[str, Genre]:
    text = resources.files("bot.writer.data").joinpath("genres.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    return {
        key: Genre(
            id=key,
            label=value["label"],
            title=value["title"],
            first_person=value["first_person"],
            work=tuple(value["work"]),
            problems=tuple(value["problems"]),
            plans=tuple(value["plans"]),
            opening_end=value["opening_end"],
            problems_intro=value["problems_intro"],
            plans_intro=value["plans_intro"],
            closing=value["closing"],
            signature=tuple(value["signature"]),
            causes=value["causes"],
            opening=value["opening"],
        )
        for key, value in raw.items()
    }


def choices_text() -> str:
    return "；".join(f"{i}. {genres()[g].label}（{g}）" for i, g in enumerate(GENRE_IDS, start=1))


def parse(text: str) -> Genre:
    """A genre from its id, its number (1–3) or its Chinese name."""
    value = text.strip().lower().rstrip("。.")
    if value.isdigit() and 1 <= int(value) <= len(GENRE_IDS):
        return genres()[GENRE_IDS[int(value) - 1]]
    if value in genres():
        return genres()[value]
    for genre_id, words in _ALIASES.items():
        if value and any(
            value == w or (len(value) >= 2 and value in w) or w in value for w in words
        ):
            return genres()[genre_id]
    raise InputError(f"没能识别报告类型“{text.strip()[:20]}”。请选择：{choices_text()}")
