"""Word segmentation with the domain dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest

from phrasebank import tokens


@pytest.mark.parametrize(
    ("text", "domain", "whole"),
    [
        ("落实第一议题制度", ["第一议题"], "第一议题"),
        ("开展廉政谈话", ["廉政谈话"], "廉政谈话"),
    ],
)
def test_domain_terms_stay_whole(text: str, domain: list[str], whole: str) -> None:
    assert whole in tokens.cut(text, domain)


def test_a_domain_term_also_gives_its_parts_as_keys() -> None:
    keys = tokens.keys("开展廉政谈话", ["廉政谈话"])
    assert {"廉政谈话", "廉政", "谈话"} <= set(keys)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("我们开展了工作", {"我们", "了", "开展", "工作"}),  # stopwords
        ("共12次，参加100人", {"12", "100"}),  # bare numbers
        ("学习，讲课。", {"，", "。"}),  # punctuation
    ],
)
def test_keys_drop_what_says_nothing(text: str, absent: set[str]) -> None:
    assert not absent & set(tokens.keys(text))


def test_keys_are_unique_and_in_order() -> None:
    keys = tokens.keys("学习党章，学习党史")
    assert len(keys) == len(set(keys))
    assert keys.index("党章") < keys.index("党史")


def test_the_dictionary_cache_lives_where_it_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never jieba's shared /tmp/jieba.cache, which another user of the machine may own."""
    monkeypatch.setattr(tokens._Shared, "tokenizer", None)
    monkeypatch.setattr(tokens._Shared, "added", set())
    tokens.use_cache(tmp_path / "data")
    try:
        assert tokens.cut("学习党章") == ["学习", "党章"]
        (cache,) = (tmp_path / "data").glob("jieba-*.cache")
        monkeypatch.setattr(tokens._Shared, "tokenizer", None)
        assert tokens.cut("学习党章") == ["学习", "党章"]  # read back from the cache
        cache.write_bytes(b"damaged")
        monkeypatch.setattr(tokens._Shared, "tokenizer", None)
        assert tokens.cut("学习党章") == ["学习", "党章"]  # rebuilt
    finally:
        tokens.use_cache(None)


def test_cutting_block_by_block_is_cutting_whole() -> None:
    """jieba cuts each block on its own: remembered blocks give the same words as lcut."""
    jieba_tokenizer = tokens.tokenizer()
    texts = [
        "坚持“第一议题”制度，全年召开党委会23次，落实1.5%的预算。",
        "abc  def\r\n2026年X-ray 党员-干部#1&2_x",
        "坚持“第一议题”制度，强化理论武装",
        "",
    ]
    for text in texts * 2:
        assert tokens._lcut(jieba_tokenizer, text) == jieba_tokenizer.lcut(text)
