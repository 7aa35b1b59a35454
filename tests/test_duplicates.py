"""The near-duplicate index: the same best match as a scan of every string, found
from a few postings lists."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from benchmarks.variants import variant
from phrasebank import corpus, mining
from phrasebank.duplicates import NearIndex, shared_floor
from phrasebank.phrase import Phrase
from phrasebank.terms import load_terms
from phrasebank.text import normal

# Few letters, so that random strings are often near one another.
TEXTS = st.text(alphabet="党建工作学习落实责任", min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(strings=st.lists(TEXTS, max_size=30), query=TEXTS, cutoff=st.sampled_from([85, 90]))
def test_best_is_the_best_of_a_full_scan(strings: list[str], query: str, cutoff: int) -> None:
    index = NearIndex()
    for text in strings:
        index.add(text)
    expected = process.extractOne(query, strings, scorer=fuzz.ratio, score_cutoff=cutoff)
    found = index.best(query, cutoff)
    if expected is None:
        assert found is None
    else:
        assert found == (expected[0], expected[1], expected[2])


@pytest.mark.parametrize("q", [2, 3, 4])
@pytest.mark.parametrize("length", [1, 5, 19, 20, 60, 160])
def test_shared_floor_never_exceeds_what_a_close_string_shares(length: int, q: int) -> None:
    # A query and the query with every tenth letter deleted score at least 90.
    query = "".join(chr(0x4E00 + i) for i in range(length))
    close = "".join(c for i, c in enumerate(query) if i % 10 != 9)
    assert fuzz.ratio(query, close) >= 90
    shared = max(0, len(close) - q + 1) if len(close) >= q else 0
    grams = len({query[i : i + q] for i in range(len(query) - q + 1)})
    assert shared_floor(length, 90, q) <= min(shared, grams)


def _scan_merge(phrases: list[Phrase]) -> list[Phrase]:
    """Merging as it was done before the index: every kept template scored."""
    kept: list[Phrase] = []
    exact: dict[tuple[str, str], int] = {}
    normals: dict[str, list[str]] = {}
    positions: dict[str, list[int]] = {}
    aliases: dict[str, str] = {}
    for phrase in phrases:
        letters = normal(phrase.template)
        index = exact.get((phrase.kind, letters))
        if index is None and letters:
            found = process.extractOne(
                letters,
                normals.get(phrase.kind, []),
                scorer=fuzz.ratio,
                score_cutoff=mining.MERGE_SIMILARITY_SHORT,
            )
            if found is not None and (
                found[1] >= mining.MERGE_SIMILARITY
                or max(len(letters), len(found[0])) < mining.SHORT
            ):
                index = positions[phrase.kind][found[2]]
        if index is None:
            exact[(phrase.kind, letters)] = len(kept)
            normals.setdefault(phrase.kind, []).append(letters)
            positions.setdefault(phrase.kind, []).append(len(kept))
            kept.append(phrase)
            continue
        exact[(phrase.kind, letters)] = index
        first = kept[index]
        aliases[phrase.id] = first.id
        kept[index] = replace(
            first,
            sources=(first.sources + phrase.sources)[: mining.MAX_SOURCES],
            frequency=first.frequency + phrase.frequency,
            era=max(filter(None, (first.era, phrase.era)), default=None),
            stale=first.stale or phrase.stale,
        )
    return [replace(p, parent=aliases.get(p.parent, p.parent)) if p.parent else p for p in kept]


def test_merging_variant_reports_keeps_what_the_full_scan_kept(
    seed_documents: list[corpus.Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [
        corpus.Document(
            f"variant_{k}", "", "utf-8", corpus.clean_lines(variant(k).splitlines(), load_terms())
        )
        for k in range(12)
    ]
    unmerged: list[list[Phrase]] = []
    merge = mining.merge

    def keep(phrases: list[Phrase]) -> list[Phrase]:
        unmerged.append(list(phrases))
        return merge(unmerged[-1])

    monkeypatch.setattr(mining, "merge", keep)
    mining.mine([*seed_documents, *documents])
    merged = merge(unmerged[0])
    assert len(merged) < len(unmerged[0])
    assert merged == _scan_merge(unmerged[0])
