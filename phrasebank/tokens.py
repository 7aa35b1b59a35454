"""Word segmentation with jieba and the domain dictionary.

jieba's own dictionary splits party vocabulary (``第一议题`` → ``第一/议题``);
the domain dictionary, built from the theme lexicon and the corpus' quoted
terms, keeps such terms whole. One jieba tokenizer per process, created on
first use: loading jieba's dictionary is the slowest step of start-up.

jieba would cache its dictionary in one file shared by every user of the
machine (``/tmp/jieba.cache``), which breaks when another user owns it. Here
the cache lives where the caller says (:func:`use_cache`, the data directory)
and is written atomically; with no folder given there is no cache.
"""

from __future__ import annotations

import logging
import marshal
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

import jieba

from .files import write_atomic

log = logging.getLogger(__name__)

# jieba announces its dictionary loading on stderr at INFO level.
jieba.setLogLevel(logging.WARNING)

# Frequent enough that jieba prefers the whole term to any split of it.
DOMAIN_FREQUENCY = 50_000

_WORD = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
_NUMERIC = re.compile(r"^[\d.]+$")
_STOPWORDS = """
的 了 和 与 及 等 在 是 对 把 将 为 以 于 中 上 下 并 又 也 都 而 其 之 着 或 被 从 向 由
一 个 各 有 我 们 我们 本 该 这 那 此 到 让 使 给 就 还 更 很 再 已 已经 进行 开展 工作
"""
STOPWORDS = frozenset(_STOPWORDS.split())


class _Shared:
    """The process-wide tokenizer and the domain terms already added to it."""

    lock = threading.Lock()
    tokenizer: jieba.Tokenizer | None = None
    added: ClassVar[set[str]] = set()
    # The parts of each domain term met so far (mining asks for thousands of them);
    # forgotten when a term is added, since a new word can change how a term splits.
    parts: ClassVar[dict[str, list[str]]] = {}
    # The words of each block of text met so far, forgotten with the parts: jieba
    # cuts each run of letters (its ``re_han_default``) and each stretch between
    # two runs on its own, so a clause many phrases share is cut once.
    blocks: ClassVar[dict[str, list[str]]] = {}
    # The tokenizer the parts and blocks were cut with.
    owner: jieba.Tokenizer | None = None
    cache: Path | None = None


# Blocks remembered at most; then the memory starts again.
_MAX_BLOCKS = 200_000


def use_cache(folder: Path | None) -> None:
    """Keep jieba's dictionary cache in `folder` (None: no cache); call before first use."""
    with _Shared.lock:
        version = getattr(jieba, "__version__", "0")
        _Shared.cache = None if folder is None else folder / f"jieba-{version}.cache"


def _initialized() -> jieba.Tokenizer:
    """A jieba tokenizer with its dictionary loaded, from our cache when there is one."""
    tokenizer = jieba.Tokenizer()
    cache = _Shared.cache
    if cache is not None:
        try:
            tokenizer.FREQ, tokenizer.total = marshal.loads(cache.read_bytes())
            tokenizer.initialized = True
            return tokenizer
        except (OSError, ValueError, EOFError, TypeError):
            pass  # no cache yet, or a damaged one: build it again
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tokenizer.initialized = True
    if cache is not None:
        try:
            write_atomic(cache, marshal.dumps((tokenizer.FREQ, tokenizer.total)))
        except OSError as exc:  # a read-only data directory: simply no cache
            log.debug("could not write the jieba cache %s: %s", cache, exc)
    return tokenizer


def tokenizer(domain_terms: Iterable[str] = ()) -> jieba.Tokenizer:
    """The process-wide jieba tokenizer, with `domain_terms` added to its dictionary."""
    with _Shared.lock:
        if _Shared.tokenizer is None:
            _Shared.tokenizer = _initialized()
        for term in domain_terms:
            if term not in _Shared.added and len(term) > 1:
                _Shared.tokenizer.add_word(term, freq=DOMAIN_FREQUENCY)
                _Shared.added.add(term)
                _Shared.parts.clear()
                _Shared.blocks.clear()
        return _Shared.tokenizer


def cut(text: str, domain_terms: Iterable[str] = ()) -> list[str]:
    """jieba tokens of `text`, punctuation and spaces dropped."""
    return [t for t in tokenizer(domain_terms).lcut(text) if _WORD.search(t)]


def keys(text: str, domain_terms: Iterable[str] = ()) -> list[str]:
    """Content tokens of `text` for search: no stopwords, each once, in order.

    A domain term also gives its parts (``廉政谈话`` → ``廉政``, ``谈话``), so it
    still meets the plainer words of another phrase; ordinary words are not
    split, which would find ``职工`` inside ``本职工作``.
    """
    jieba_tokenizer = tokenizer(domain_terms)
    if _Shared.owner is not jieba_tokenizer:
        _Shared.parts.clear()
        _Shared.blocks.clear()
        _Shared.owner = jieba_tokenizer
    found: list[str] = []
    parts = _Shared.parts
    for token in _lcut(jieba_tokenizer, text):
        found.append(token)
        if len(token) > 2 and token in _Shared.added:
            split = parts.get(token)
            if split is None:
                split = [t for t in jieba_tokenizer.lcut_for_search(token) if t != token]
                parts[token] = split
            found.extend(split)
    return list(
        dict.fromkeys(
            t for t in found if _WORD.search(t) and t not in STOPWORDS and not _NUMERIC.match(t)
        )
    )


def _lcut(jieba_tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    """``jieba_tokenizer.lcut(text)``, each block cut once (see ``_Shared.blocks``)."""
    blocks = _Shared.blocks
    if len(blocks) > _MAX_BLOCKS:
        blocks.clear()
    words: list[str] = []
    for block in jieba.re_han_default.split(text):
        if not block:
            continue
        cut = blocks.get(block)
        if cut is None:
            cut = blocks[block] = jieba_tokenizer.lcut(block)
        words.extend(cut)
    return words
