"""Browsing the phrasebank: find phrases by words, theme and kind."""

from __future__ import annotations

from rapidfuzz import fuzz

from . import tokens
from .bank import Bank
from .phrase import Kind, Phrase
from .themes import Lexicon, load_lexicon


def search(
    bank: Bank,
    query: str = "",
    *,
    theme: str | None = None,
    kind: Kind | None = None,
    limit: int | None = 20,
    lexicon: Lexicon | None = None,
) -> list[Phrase]:
    """Phrases matching `query` (best first), filtered by theme and kind.

    A phrase matches when it contains the query, shares enough of its words
    (at least half of the query's text: ``不存在的词xyz`` does not match every
    phrase with ``存在``), or belongs to the theme the query names. When the query names a theme
    (``廉政`` → integrity), that theme's phrases come first: the writer is
    looking for its wording, not for every text that mentions the word.
    Without a query, the most frequent phrases come first.
    """
    candidates = bank.select(kind, theme)
    query = query.strip()
    if not query:
        ranked = sorted(candidates, key=lambda p: (-p.frequency, p.kind, p.id))
        return ranked[:limit] if limit else ranked
    lexicon = lexicon or load_lexicon()
    query_keys = set(tokens.keys(query, bank.dictionary)) or {query}
    query_size = sum(len(k) for k in query_keys)
    query_theme = lexicon.decide(query)
    scored: list[tuple[bool, float, Phrase]] = []
    for phrase in candidates:
        in_theme = query_theme is not None and phrase.theme == query_theme
        score = 10.0 if query in phrase.text else 0.0
        shared = query_keys & set(phrase.keys)
        if 2 * sum(len(k) for k in shared) >= query_size:
            score += 3.0 * len(shared)
        if score == 0.0 and len(query) >= 2:
            fuzzy = fuzz.partial_ratio(query, phrase.text)
            score = (fuzzy - 80) / 20 if fuzzy > 80 else 0.0
        if score > 0 or in_theme:
            # A stale campaign's wording is still shown, after the current ones.
            penalty = 5.0 if phrase.stale else 0.0
            scored.append((in_theme, score + phrase.frequency * 0.1 - penalty, phrase))
    scored.sort(key=lambda t: (not t[0], -t[1], len(t[2].text)))
    result = [p for _, _, p in scored]
    return result[:limit] if limit else result
