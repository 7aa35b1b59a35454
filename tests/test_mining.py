"""The mined phrasebank as a whole: counts, cleanliness of every phrase, merging, dictionary."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from phrasebank import corpus, mining, tokens
from phrasebank.bank import Bank
from phrasebank.phrase import THEMED_KINDS, Kind
from phrasebank.slots import SLOT
from phrasebank.themes import THEME_IDS

from .conftest import load_data

FOREIGN = load_data("foreign.toml")


def test_five_documents_and_enough_phrases_of_each_kind(bank: Bank) -> None:
    assert len(bank.documents) == 5
    kinds = bank.by_kind()
    assert kinds["lead"] >= 60
    assert kinds["problem"] >= 10
    assert kinds["plan"] >= 15
    assert kinds["effect"] >= 30
    for kind in ("title", "opening", "section_heading", "heading", "sentence", "cause", "closing"):
        assert kinds.get(kind, 0) > 0, kind


@pytest.mark.parametrize("theme", THEME_IDS)
def test_every_theme_has_at_least_15_phrases(bank: Bank, theme: str) -> None:
    assert bank.by_theme().get(theme, 0) >= 15


def test_themes_where_due_and_only_there(bank: Bank) -> None:
    for phrase in bank:
        if phrase.kind in THEMED_KINDS:
            assert phrase.theme in THEME_IDS, phrase
        else:
            assert phrase.theme is None, phrase


def _display_text_violations(text: str) -> list[str]:
    found = []
    if re.search(r"[0-9０-９]", text):
        found.append("digit")
    for group in ("slogans", "places", "placeholders", "noise"):
        found += [f"{group}:{w}" for w in FOREIGN[group] if w in text]
    found += [f"self:{w}" for w in FOREIGN["self_names"] if w in text]
    if SLOT.search(text):
        found.append("slot marker")
    return found


def test_no_phrase_text_carries_anything_foreign(bank: Bank) -> None:
    bad = {p.id: (p.text, v) for p in bank if (v := _display_text_violations(p.text))}
    assert bad == {}


def test_no_template_carries_anything_foreign_outside_its_slots(bank: Bank) -> None:
    bad = {
        p.id: (p.template, v)
        for p in bank
        if (v := _display_text_violations(SLOT.sub("", p.template)))
    }
    assert bad == {}


def test_stale_campaigns_are_marked(bank: Bank) -> None:
    for phrase in bank:
        if any(word in phrase.template for word in FOREIGN["stale"]):
            assert phrase.stale, phrase.template
    assert any(p.stale == "党史学习教育" for p in bank)
    assert all(p.era in (2019, 2021, 2023) for p in bank)


def test_trade_words_are_templated_or_marked(bank: Bank) -> None:
    tax = ("税收", "纳税", "征管", "税费", "税务")
    for phrase in bank:
        if any(word in phrase.template for word in tax):
            assert phrase.trade == "tax", phrase.template
    assert any("{业务}" in p.template for p in bank)
    assert any("{服务对象}" in p.template or "{中心工作}" in p.template for p in bank)


def test_anonymised_name_is_restored(bank: Bank) -> None:
    assert not any("A新时代" in p.template for p in bank)
    assert any("习近平新时代" in p.template and p.source.document.startswith("004") for p in bank)


def test_structural_templates_have_their_slots(bank: Bank) -> None:
    titles = [p.template for p in bank.select(Kind.TITLE)]
    assert "{时期}党建和党风廉政建设工作情况报告" in titles
    openings = [p.template for p in bank.select(Kind.OPENING)]
    assert any(t.startswith("{时期}，{党组织}坚持以习近平新时代") for t in openings)
    assert any(t.endswith("现将有关情况报告如下：") for t in openings)


def test_every_source_points_at_a_real_line(
    bank: Bank, seed_documents: list[corpus.Document]
) -> None:
    lines = {(d.name, line.number) for d in seed_documents for line in d.lines}
    for phrase in bank:
        assert phrase.frequency == len(phrase.sources)  # five documents: no cap reached
        for source in phrase.sources:
            assert (source.document, source.line) in lines


def test_parents_exist_and_share_the_kind(bank: Bank) -> None:
    children = [p for p in bank if p.parent]
    assert children
    for child in children:
        parent = bank.get(child.parent or "")
        assert parent is not None and parent.kind == child.kind


def test_duplicates_merge_with_frequency(seed_documents: list[corpus.Document]) -> None:
    first = seed_documents[0]
    twin = corpus.Document("twin", "twin.txt", first.encoding, first.lines)
    single = mining.mine([first])
    double = mining.mine([first, twin])
    assert len(double) == len(single)
    assert all(p.frequency == 2 for p in double)
    assert {s.document for p in double for s in p.sources} == {first.name, "twin"}


def test_sources_are_capped_but_frequency_counts_every_copy(
    seed_documents: list[corpus.Document],
) -> None:
    first = seed_documents[0]
    copies = [
        corpus.Document(f"copy{i}", f"copy{i}.txt", first.encoding, first.lines) for i in range(30)
    ]
    merged = mining.mine(copies)
    assert all(p.frequency == 30 and len(p.sources) == mining.MAX_SOURCES for p in merged)


def test_near_duplicates_merge() -> None:
    a = corpus.Document(
        "a",
        "a",
        "utf-8",
        (corpus.Line(1, "一、工作情况"), corpus.Line(2, "一是压实党建责任。认真落实。")),
    )
    b = corpus.Document(
        "b",
        "b",
        "utf-8",
        (corpus.Line(1, "一、工作情况"), corpus.Line(2, "一是压实党建工作责任。认真落实。")),
    )
    leads = [p for p in mining.mine([a, b]) if p.kind == Kind.LEAD]
    assert len(leads) == 1 and leads[0].frequency == 2


def test_phrase_ids_are_unique_and_stable(
    bank: Bank, seed_documents: list[corpus.Document]
) -> None:
    ids = [p.id for p in bank]
    assert len(ids) == len(set(ids))
    assert [p.id for p in mining.mine(seed_documents)] == ids


def test_no_template_repeats_within_a_kind(bank: Bank) -> None:
    counts = Counter((p.kind, p.template) for p in bank)
    assert [k for k, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("term", ["第一议题", "三会一课", "一岗双责", "主题党日", "两个维护"])
def test_domain_dictionary_keeps_terms_whole(bank: Bank, term: str) -> None:
    assert term in bank.dictionary
    assert term in tokens.cut(f"认真落实{term}制度要求", bank.dictionary)


def test_search_keys_come_from_the_domain_tokenizer(bank: Bank) -> None:
    phrase = next(p for p in bank if "“第一议题”" in p.text)
    assert "第一议题" in phrase.keys
