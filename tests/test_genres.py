"""The genres and their data (bot/writer/data/genres.toml): every row well-formed and used."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from importlib import resources
from typing import Any

import pytest

from bot.errors import InputError
from bot.writer import answers as answers_module
from bot.writer import period
from bot.writer.compose import Composer
from bot.writer.genres import GENRE_IDS, ROLES, Genre, Rule, genres, parse, parse_genres
from bot.writer.render import to_text
from bot.writer.report import Report
from phrasebank.bank import Bank
from phrasebank.phrase import Kind

from .conftest import DATA

RAW: dict[str, Any] = tomllib.loads(
    resources.files("bot.writer.data").joinpath("genres.toml").read_text("utf-8")
)
ALIASES = [(genre, alias) for genre, row in RAW.items() for alias in row["aliases"]]
PLACEHOLDERS = [
    (genre, p["text"], p["todo"]) for genre, row in RAW.items() for p in row["placeholders"]
]
HEADING_RULES = [(genre, role) for genre, row in RAW.items() for role in row["mined_headings"]]


@pytest.fixture(scope="module")
def composer(bank: Bank) -> Composer:
    return Composer(bank)


def report_of(composer: Composer, genre: Genre) -> Report:
    loaded = answers_module.load(DATA / "answers" / "tax_quarter_summary.toml")
    return composer.compose(replace(loaded, genre=genre)).report


def test_the_interface_ids_are_the_rows() -> None:
    assert tuple(RAW) == GENRE_IDS == tuple(genres())


@pytest.mark.parametrize("genre_id", GENRE_IDS)
def test_each_genre_is_well_formed(genre_id: str) -> None:
    genre = genres()[genre_id]
    assert ("{时期}" in genre.title or "{年度时期}" in genre.title) and (
        any(name in genre.title for name in ("{单位全称}", "{党组织全称}", "{党组织名称}"))
    )
    for role in ROLES:
        assert genre.headings(role), role
    assert genre.opening_end.endswith("如下：")
    assert genre.signature and genre.placeholders
    assert genre.openings
    for opening in genre.openings:
        assert ("本人" in opening) == genre.first_person
        # The guiding thought and the congress of the period, never a fixed year's.
        assert "{指导思想}" in opening and "{会议精神}" in opening


@pytest.mark.parametrize(("genre_id", "alias"), ALIASES)
def test_every_alias_finds_its_genre(genre_id: str, alias: str) -> None:
    assert parse(alias).id == genre_id
    assert parse(f" {alias}。").id == genre_id


@pytest.mark.parametrize(
    ("typed", "genre_id"),
    [("1", "summary"), ("3", "duty"), ("DUTY", "duty"), ("responsibility", "responsibility")],
)
def test_numbers_and_ids_find_their_genre(typed: str, genre_id: str) -> None:
    assert parse(typed).id == genre_id


@pytest.mark.parametrize("typed", ["", "4", "0", "随便写写"])
def test_an_unknown_genre_lists_the_choices(typed: str) -> None:
    with pytest.raises(InputError, match=r"请选择：1\. 党建工作总结（summary）"):
        parse(typed)


@pytest.mark.parametrize(("genre_id", "text", "todo"), PLACEHOLDERS)
def test_every_placeholder_is_in_the_opening_or_signature_and_listed_to_fill(
    composer: Composer, genre_id: str, text: str, todo: str
) -> None:
    """XXXX年XX月XX日 in the signature, 上级党组织 in the opening (where the one chosen says
    it): the writer is told, and only then."""
    genre = genres()[genre_id]
    report = report_of(composer, genre)
    said = any(text in line.text for line in (*report.opening, *report.signature))
    assert said == (todo in report.todo)
    if "XX" in text:
        assert said


@pytest.mark.parametrize("genre_id", GENRE_IDS)
def test_the_causes_text_appears_only_where_the_genre_has_one(
    composer: Composer, genre_id: str
) -> None:
    genre = genres()[genre_id]
    quarter = to_text(report_of(composer, genre))  # tax_quarter_summary is a quarter's
    loaded = answers_module.load(DATA / "answers" / "tax_quarter_summary.toml")
    year = replace(loaded, genre=genre, period=period.parse("2026年"))
    annual = to_text(composer.compose(year).report)
    for span, draft in (("quarter", quarter), ("year", annual)):
        heading = next(line for line in draft.splitlines() if "二、" in line)
        if genre.has_causes(span):
            # The causes follow the problems, and the problems heading says so.
            assert genre.causes in draft and "原因" in heading
        else:
            assert genre.causes not in draft and "原因" not in heading
    # A quarter's summary analyses no causes; a year's does, as a 述职 always does.
    assert genre.has_causes("year") and genre.has_causes("quarter") == (genre_id == "duty")


@pytest.mark.parametrize(("genre_id", "role"), HEADING_RULES)
def test_every_heading_rule_accepts_a_mined_heading(bank: Bank, genre_id: str, role: str) -> None:
    genre = genres()[genre_id]
    mined = [p.template for p in bank.select(Kind.SECTION_HEADING, role=role) if not p.slots]
    assert any(genre.accepts_heading(role, text) for text in mined), mined


@pytest.mark.parametrize(
    ("genre_id", "role", "heading", "accepted"),
    [
        ("summary", "work", "重点工作开展情况", True),
        ("summary", "work", "持续推进政治机关建设", False),
        ("duty", "work", "重点工作开展情况", False),
        ("summary", "problems", "存在问题", True),
        ("summary", "problems", "存在问题及原因分析", False),
        ("duty", "problems", "存在问题及原因分析", True),
        ("duty", "problems", "存在问题", False),
        ("responsibility", "plans", "下一步工作建议", False),  # 建议 is not a unit's own plan
        ("responsibility", "plans", "下步改进措施", False),
        ("duty", "plans", "下步改进措施", True),
        ("duty", "plans", "下一步工作建议", False),
    ],
)
def test_a_genre_takes_only_the_mined_headings_that_suit_it(
    genre_id: str, role: str, heading: str, accepted: bool
) -> None:
    assert genres()[genre_id].accepts_heading(role, heading) is accepted


@pytest.mark.parametrize(
    ("rule", "text", "accepted"),
    [
        (Rule(equals=("存在问题",)), "存在问题", True),
        (Rule(equals=("存在问题",)), "存在问题及原因分析", False),
        (Rule(starts_with=("下一步", "下步")), "下步改进措施", True),
        (Rule(starts_with=("下一步",)), "2020年工作思路", False),
        (Rule(ends_with=("情况",)), "工作情况", True),
        (Rule(not_ends_with=("如下：",)), "现将有关情况报告如下：", False),
        (Rule(contains=("工作", "履职")), "履职情况", True),
        (Rule(excludes=("本人",)), "本人认真履行职责", False),
        (Rule(contains=("工作",), ends_with=("情况",)), "工作谋划", False),
    ],
)
def test_a_rule_needs_every_condition_it_names(rule: Rule, text: str, accepted: bool) -> None:
    assert rule.accepts(text) is accepted


def _row(**change: Any) -> str:
    """genres.toml text holding the summary row, with `change` made to it."""
    row = {**RAW["summary"], **change}
    return "[summary]\n" + "\n".join(f"{key} = {_toml(value)}" for key, value in row.items())


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return '"' + str(value) + '"'


def test_the_shipped_row_round_trips() -> None:
    assert parse_genres(_row())["summary"] == genres()["summary"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"mined_heading": {}}, "unknown keys mined_heading"),
        ({"mined_headings": {"work": {"startswith": ["工作"]}}}, "unknown conditions startswith"),
        ({"mined_headings": {"work": {}}}, "at least one condition"),
        ({"mined_headings": {"causes": {"contains": ["原因"]}}}, "unknown roles causes"),
    ],
)
def test_a_misspelt_key_is_named(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_genres(_row(**change))


def test_a_missing_key_is_named() -> None:
    text = "\n".join(line for line in _row().splitlines() if not line.startswith("aliases"))
    with pytest.raises(ValueError, match="missing keys aliases"):
        parse_genres(text)
