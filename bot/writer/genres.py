"""The three genres of report: titles, headings, fixed wording and their rules (data/genres.toml).

Everything that differs between genres is data: which mined headings,
openings and closings a genre accepts, the words a writer may type for it,
and what its signature leaves for the writer to fill in.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any

from bot.errors import InputError

from .period import Span

GENRE_IDS = ("summary", "responsibility", "duty")
ROLES = ("work", "problems", "plans")


@dataclass(frozen=True)
class Rule:
    """Which texts qualify: a text passes when it meets every condition given."""

    equals: tuple[str, ...] = ()
    starts_with: tuple[str, ...] = ()
    ends_with: tuple[str, ...] = ()
    not_ends_with: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()

    def accepts(self, text: str) -> bool:
        return (
            (not self.equals or text in self.equals)
            and (not self.starts_with or text.startswith(self.starts_with))
            and (not self.ends_with or text.endswith(self.ends_with))
            and not (self.not_ends_with and text.endswith(self.not_ends_with))
            and (not self.contains or any(word in text for word in self.contains))
            and not any(word in text for word in self.excludes)
        )


@dataclass(frozen=True)
class Placeholder:
    """A stand-in the signature leaves (XXX), and how the 待补充 list names it."""

    text: str
    todo: str


@dataclass(frozen=True)
class Genre:
    id: str
    label: str
    aliases: tuple[str, ...]
    title: str
    first_person: bool
    work: tuple[str, ...]
    problems: tuple[str, ...]
    plans: tuple[str, ...]
    openings: tuple[str, ...]  # the guiding line; a draft takes one
    opening_end: str
    problems_intro: str
    causes: str  # introduces the analysis of causes; empty when the genre has none
    causes_spans: tuple[str, ...]  # the periods (quarter, half, year) whose report has causes
    problems_causes: tuple[str, ...]  # problems headings when causes follow the problems
    plans_intro: str
    closing: str
    closing_more: str  # the second closing sentence
    signature: tuple[str, ...]
    forbid: tuple[str, ...]  # words no stock sentence says (a 述职 blames no one else)
    work_intro: str  # opens the work section (主体责任: 第一责任人, 一岗双责); may be empty
    placeholders: tuple[Placeholder, ...]
    usual_themes: tuple[str, ...]  # what a report of the genre usually covers
    mined_headings: tuple[tuple[str, Rule], ...]  # (role, rule); a role without one takes none
    # Heads the section of facts answering an earlier period's problems; empty: the genre
    # has none, and such facts stay in their theme.
    rectified: str = ""
    rectified_intro: str = ""
    rectified_example: str = ""  # how the chat suggests such a fact be typed
    # What the writer's own role looks like in the facts (书记, 第一责任人, 本人), how
    # many facts should show it, and how the chat asks for one when fewer do.
    role_words: tuple[str, ...] = ()
    role_facts: int = 0
    role_reminder: str = ""
    # Themes the genre is about, whose subsection stands however few its facts: a 主体责任
    # report's lone 巡察 整改 is its 主体责任, where a summary folds it into 党风廉政.
    core_themes: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """How a sentence of the genre's own wording names its source."""
        return f"genre:{self.id}"

    def headings(self, role: str) -> tuple[str, ...]:
        """The genre's own level-1 headings for `role`."""
        return {
            "work": self.work,
            "problems": self.problems,
            "problems_causes": self.problems_causes or self.problems,
            "plans": self.plans,
        }[role]

    def has_causes(self, span: str) -> bool:
        """Whether a report of this genre for a period of `span` analyses its problems' causes."""
        return bool(self.causes) and span in self.causes_spans

    def accepts_heading(self, role: str, text: str) -> bool:
        """Whether a mined level-1 heading of `role` may head this genre's section."""
        rule = dict(self.mined_headings).get(role)
        return rule is not None and rule.accepts(text)

    def todo(self, line: str) -> str | None:
        """What a signature line leaves for the writer to fill in, if anything."""
        return next((p.todo for p in self.placeholders if p.text in line), None)


def parse_genres(text: str) -> dict[str, Genre]:
    """The genres of a genres.toml; ValueError names a missing or unknown key."""
    return {key: _genre(key, value) for key, value in tomllib.loads(text).items()}


def _genre(key: str, value: dict[str, Any]) -> Genre:
    names = {f.name for f in fields(Genre)} - {"id"}
    if unknown := sorted(set(value) - names):
        raise ValueError(f"genres.toml [{key}]: unknown keys {', '.join(unknown)}")
    optional = {
        "mined_headings",
        "forbid",
        "work_intro",
        "causes_spans",
        "problems_causes",
        "rectified",
        "rectified_intro",
        "rectified_example",
        "role_words",
        "role_facts",
        "role_reminder",
        "core_themes",
    }
    if missing := sorted(names - set(value) - optional):
        raise ValueError(f"genres.toml [{key}]: missing keys {', '.join(missing)}")
    headings = value.get("mined_headings", {})
    if unknown := sorted(set(headings) - set(ROLES)):
        raise ValueError(f"genres.toml [{key}.mined_headings]: unknown roles {', '.join(unknown)}")
    return Genre(
        id=key,
        label=value["label"],
        aliases=tuple(value["aliases"]),
        title=value["title"],
        first_person=value["first_person"],
        work=tuple(value["work"]),
        problems=tuple(value["problems"]),
        plans=tuple(value["plans"]),
        openings=tuple(value["openings"]),
        opening_end=value["opening_end"],
        problems_intro=value["problems_intro"],
        causes=value["causes"],
        causes_spans=tuple(value.get("causes_spans", [s.value for s in Span])),
        problems_causes=tuple(value.get("problems_causes", ())),
        plans_intro=value["plans_intro"],
        closing=value["closing"],
        closing_more=value["closing_more"],
        forbid=tuple(value.get("forbid", ())),
        work_intro=value.get("work_intro", ""),
        signature=tuple(value["signature"]),
        placeholders=tuple(Placeholder(p["text"], p["todo"]) for p in value["placeholders"]),
        usual_themes=tuple(value["usual_themes"]),
        mined_headings=tuple(
            (role, _rule(rule, f"{key}.mined_headings.{role}")) for role, rule in headings.items()
        ),
        rectified=value.get("rectified", ""),
        rectified_intro=value.get("rectified_intro", ""),
        rectified_example=value.get("rectified_example", ""),
        role_words=tuple(value.get("role_words", ())),
        role_facts=value.get("role_facts", 0),
        role_reminder=value.get("role_reminder", ""),
        core_themes=tuple(value.get("core_themes", ())),
    )


def _rule(raw: dict[str, Any], where: str) -> Rule:
    conditions = {f.name for f in fields(Rule)}
    if unknown := sorted(set(raw) - conditions):
        raise ValueError(f"genres.toml {where}: unknown conditions {', '.join(unknown)}")
    if not raw:
        raise ValueError(f"genres.toml {where}: a rule needs at least one condition")
    return Rule(**{name: tuple(words) for name, words in raw.items()})


@cache
def genres() -> dict[str, Genre]:
    text = resources.files("bot.writer.data").joinpath("genres.toml").read_text("utf-8")
    return parse_genres(text)


def choices_text() -> str:
    return "；".join(f"{i}. {genres()[g].label}（{g}）" for i, g in enumerate(GENRE_IDS, start=1))


def parse(text: str) -> Genre:
    """A genre from its id, its number (1–3) or its Chinese name."""
    value = text.strip().lower().rstrip("。.")
    if value.isdigit() and 1 <= int(value) <= len(GENRE_IDS):
        return genres()[GENRE_IDS[int(value) - 1]]
    if value in genres():
        return genres()[value]
    for genre in genres().values():
        if value and any(
            value == w or (len(value) >= 2 and value in w) or w in value for w in genre.aliases
        ):
            return genre
    raise InputError(f"没能识别报告类型“{text.strip()[:20]}”。请选择：{choices_text()}")
