"""Browsing the phrasebank (``zongjie phrases``): what a writer finds for a query."""

from __future__ import annotations

import pytest

from phrasebank.bank import Bank
from phrasebank.phrase import Kind
from phrasebank.search import search


@pytest.mark.parametrize(
    ("query", "theme"),
    [("廉政", "integrity"), ("主题党日", "organization"), ("意识形态", "ideology")],
)
def test_a_query_naming_a_theme_shows_that_theme_first(bank: Bank, query: str, theme: str) -> None:
    found = search(bank, query, limit=5)
    assert found
    assert all(p.theme == theme for p in found)


@pytest.mark.parametrize(("kind", "theme"), [(Kind.LEAD, "theory"), (Kind.EFFECT, None)])
def test_filters_hold(bank: Bank, kind: Kind, theme: str | None) -> None:
    found = search(bank, "", kind=kind, theme=theme, limit=None)
    assert found
    assert all(p.kind is kind and (theme is None or p.theme == theme) for p in found)


def test_without_a_query_the_most_frequent_come_first(bank: Bank) -> None:
    found = search(bank, limit=10)
    frequencies = [p.frequency for p in found]
    assert frequencies == sorted(frequencies, reverse=True)


@pytest.mark.parametrize("limit", [1, 3, 20])
def test_limit(bank: Bank, limit: int) -> None:
    assert len(search(bank, "学习", limit=limit)) == limit


def test_a_query_that_matches_nothing_finds_nothing(bank: Bank) -> None:
    assert search(bank, "火星探测器发射") == []


@pytest.mark.parametrize("query", ["不存在的词xyz", "存在的词xyz"])
def test_one_shared_word_of_a_longer_query_is_not_a_match(bank: Bank, query: str) -> None:
    """Regression: ``不存在的词xyz`` listed twenty problem phrases because they hold 存在."""
    assert search(bank, query) == []


def test_half_of_a_two_word_query_still_matches(bank: Bank) -> None:
    found = search(bank, "廉政 火星", limit=5)
    assert found and all("廉政" in p.text or p.theme == "integrity" for p in found)
