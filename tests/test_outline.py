"""Outline parsing, checked against expectations written by reading each seed document."""

from __future__ import annotations

from typing import Any

import pytest

from phrasebank import corpus, mining
from phrasebank.candidates import CAUSE_SENTENCE
from phrasebank.corpus import Document, Line
from phrasebank.outline import Role, cues, parse, parse_paragraph, role_of
from phrasebank.text import numeral, split_sentences

from .conftest import SEEDS, load_data

EXPECTED = load_data("outlines.toml")["document"]


def _document(lines: list[str], name: str = "doc") -> Document:
    return Document(name, name, "utf-8", tuple(Line(i, t) for i, t in enumerate(lines, 1)))


@pytest.fixture(scope="module")
def outlines() -> dict[str, Any]:
    return {path.stem: parse(corpus.load(path)) for path in sorted(SEEDS.glob("*.txt"))}


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["name"][:3] for e in EXPECTED])
def test_seed_outline(expected: dict[str, Any], outlines: dict[str, Any]) -> None:
    outline = outlines[expected["name"]]
    assert (outline.title or "") == expected["title"]
    assert outline.year == expected["year"]
    assert [str(r) for r in outline.roles()] == expected["roles"]
    assert [len(s.items) for s in outline.sections] == expected["items"]
    assert [s.number for s in outline.sections] == list(range(1, len(expected["roles"]) + 1))
    assert outline.opening[0].text.startswith(expected["opening_starts"])
    for sub in expected.get("subsections", []):
        section = outline.sections[sub["section"]]
        assert [s.heading for s in section.subsections] == sub["headings"]
        assert [s.number for s in section.subsections] == sub["numbers"]
        assert [len(s.items) for s in section.subsections] == sub["items"]
        for sub_index, item_index, children in sub.get("nested", []):
            assert len(section.subsections[sub_index].items[item_index].children) == children
    if "warning" in expected:
        assert any(expected["warning"] in w for w in outline.warnings)
    else:
        assert outline.warnings == ()
    assert len(outline.closing) == expected.get("closing", 0)


def test_001_skipped_subsection_is_tolerated(outlines: dict[str, Any]) -> None:
    outline = outlines["001_df5559c9bb46c938"]
    work = outline.sections[0]
    assert [s.marker for s in work.subsections][-2:] == ["（四）", "（六）"]
    # Everything after the gap is still parsed: 以党建带群建 has its three items.
    assert [i.lead for i in work.subsections[-1].items] == [
        "政治引领有力度",
        "干部队伍有活力",
        "争先创优成果有分量",
    ]


def test_002_has_no_problems_section(outlines: dict[str, Any]) -> None:
    assert Role.PROBLEMS not in outlines["002_7e5c7862565c6be2"].roles()


def test_003_problems_come_from_the_closing_paragraph(outlines: dict[str, Any]) -> None:
    outline = outlines["003_b553d8833129bc82"]
    expected = next(e for e in EXPECTED if e["name"] == outline.document)
    assert outline.closing[0].intro.startswith("2023年上半年，**市税务局党委始终")
    # The closing paragraph is no longer part of the last subsection.
    assert "例如" not in outline.sections[-1].subsections[-1].paragraphs[-1].text
    raws = mining.collect(outline)
    problems = [r.text for r in raws if r.kind == "problem"]
    assert problems == expected["closing_problems"]


def test_004_paid_markers_removed_and_causes_split(outlines: dict[str, Any]) -> None:
    outline = outlines["004_f345fad9f8974940"]
    document = corpus.load(SEEDS / "004_f345fad9f8974940.txt")
    assert "paid" not in document.text
    work, problems, plans = outline.sections
    # ##paidbegin## opened the line of （三）; the heading survives intact.
    assert work.subsections[2].heading == "落实重点任务，不断提升工作质效"
    assert problems.heading == "存在问题及原因分析"
    assert problems.role is Role.PROBLEMS
    causes = [p for p in problems.paragraphs if p.role is Role.CAUSES]
    assert len(causes) == 1
    expected = next(e for e in EXPECTED if e["name"] == outline.document)
    assert [i.lead for i in causes[0].items] == expected["causes"]
    # The problems themselves are the three subsections, not the causes.
    assert all("原因" not in s.heading for s in problems.subsections)
    assert plans.heading == "下步改进措施"


def test_document_without_outline_still_yields_sentences() -> None:
    outline = parse(
        _document(["今年我们认真开展了学习，效果很好。", "组织党员参加志愿服务活动，群众满意。"])
    )
    assert outline.sections == ()
    assert any("未识别到一级标题" in w for w in outline.warnings)
    raws = mining.collect(outline)
    assert [r.text for r in raws if r.kind == "sentence"] == [
        "今年我们认真开展了学习，效果很好。",
        "组织党员参加志愿服务活动，群众满意。",
    ]


def test_items_one_per_line_continue_the_list() -> None:
    outline = parse(
        _document(
            [
                "一、存在问题",
                "一是学习不够深入。有的同志学习浮于表面。",
                "二是制度落实不严。",
                "三是创新不足。",
            ]
        )
    )
    assert [i.number for i in outline.sections[0].items] == [1, 2, 3]
    assert [i.lead for i in outline.sections[0].items] == [
        "学习不够深入",
        "制度落实不严",
        "创新不足",
    ]


def test_item_numbering_gap_is_a_warning_not_a_failure() -> None:
    warnings: list[str] = []
    paragraph = parse_paragraph("一是甲。二是乙。四是丁。", 7, warnings)
    assert [i.number for i in paragraph.items] == [1, 2, 4]
    assert warnings and "第7行" in warnings[0]


def test_item_markers_inside_words_are_not_items() -> None:
    paragraph = parse_paragraph("坚持统一是前提，这是唯一是非标准。", 1)
    assert paragraph.items == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23)],
)
def test_numeral(text: str, value: int) -> None:
    assert numeral(text) == value


def test_split_sentences_keeps_quotes_whole() -> None:
    text = "开展“学思想。强党性”活动。效果明显！还有不足"
    assert split_sentences(text) == ["开展“学思想。强党性”活动。", "效果明显！", "还有不足"]


@pytest.mark.parametrize(
    ("heading", "role"),
    [(h, row["role"]) for row in cues()["role"] for h in row["examples"]],
)
def test_role_cue_rows(heading: str, role: str) -> None:
    """Each row of data/cues.toml gives its examples its role."""
    assert role_of(heading) == role


@pytest.mark.parametrize(
    ("name", "example"),
    [
        (name, example)
        for name in ("cause_paragraph", "closing", "listing", "shortcoming")
        for example in cues()[name]["examples"]
    ],
)
def test_cue_rows_find_their_examples(name: str, example: str) -> None:
    words = cues()[name].get("words") or cues()[name]["starts"]
    assert any(word in example for word in words)


@pytest.mark.parametrize(("sentence", "cause"), cues()["cause_sentence"]["examples"])
def test_cause_sentence_rows(sentence: str, cause: str) -> None:
    assert CAUSE_SENTENCE.sub("", sentence) == cause
