"""Matching a writer's activity to the phrasebank: its theme, its lead, its effect clauses.

Classification adds two kinds of evidence: the theme lexicon's keywords in
the activity, and the themes of the mined phrases most like it. Likeness is
an idf-weighted overlap of jieba tokens found through an inverted index, so
one activity costs a few postings lists, not a scan of the bank. (Plain
``token_set_ratio`` would not do: it scores 100 whenever one token set
contains the other, so a two-word activity matches every phrase holding
those two words.)
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from rapidfuzz import fuzz

from . import tokens
from .bank import Bank
from .phrase import Kind, Phrase
from .text import alternatives, measures
from .themes import Lexicon, load_lexicon

# Kinds whose theme says something about what work sounds like.
EVIDENCE_KINDS = frozenset(
    {Kind.LEAD, Kind.SENTENCE, Kind.HEADING, Kind.EFFECT, Kind.PLAN, Kind.PROBLEM}
)
NEIGHBOURS = 12
# The phrase neighbours' vote, relative to one strong lexicon keyword (3).
NEIGHBOUR_WEIGHT = 3.0
# Below this share of the evidence, the chat asks which theme is meant.
LOW_CONFIDENCE = 0.5
# Evidence below this (about one strong keyword) is too thin to trust.
THIN_EVIDENCE = 3.0
# Weight of a phrase's own keyword score for its theme when ranking wordings.
TYPICAL_WEIGHT = 0.3
# A token in at most this share of the bank's phrases says something specific.
SPECIFIC_SHARE = 0.06
# Tokens in more than this share of an index's phrases say little; they are
# only used when the rarer tokens find nothing.
COMMON_SHARE = 0.03

Allow = Callable[[Phrase], bool]
_COUNT = re.compile(rf"\d+(?:\.\d+)?\s*(?:余|多)?(?:{alternatives(measures(classify=True))})")


@dataclass(frozen=True)
class Classification:
    text: str
    theme: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]  # (theme, share of the evidence), best first
    low: bool
    neighbours: tuple[str, ...] = ()  # ids of the phrases that voted

    def likely(self, count: int = 3) -> list[str]:
        """The `count` likeliest themes, best first."""
        return [theme for theme, _ in self.ranking[:count]]


@dataclass
class _Index:
    """Inverted index over the search keys of some phrases, scored with idf."""

    phrases: list[Phrase]
    postings: dict[str, list[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    inverse_norms: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        for position, phrase in enumerate(self.phrases):
            for key in set(phrase.keys):
                self.postings.setdefault(key, []).append(position)
        count = len(self.phrases)
        self.idf = {k: math.log((count + 1) / (len(v) + 0.5)) for k, v in self.postings.items()}
        # Long phrases share more words by chance: scores are divided by sqrt(length).
        self.inverse_norms = [1 / math.sqrt(max(1, len(set(p.keys)))) for p in self.phrases]
        self._common = max(50, int(count * COMMON_SHARE))

    def search(
        self, keys: Iterable[str], count: int, allow: Allow | None = None
    ) -> list[tuple[float, Phrase]]:
        """The best `count` phrases sharing tokens with `keys`, best first, with their scores."""
        wanted = sorted(
            {k for k in keys if k in self.postings}, key=lambda k: len(self.postings[k])
        )
        scores: dict[int, float] = {}
        inverse = self.inverse_norms
        for key in wanted:
            posting = self.postings[key]
            if len(posting) > self._common and scores:
                break
            weight = self.idf[key]
            get = scores.get
            for position in posting:
                scores[position] = get(position, 0.0) + weight * inverse[position]
        best = heapq.nlargest(count * 4 if allow else count, scores.items(), key=itemgetter(1))
        out = [(score, self.phrases[i]) for i, score in best]
        if allow:
            out = [(s, p) for s, p in out if allow(p)]
        return out[:count]


class Matcher:
    """Classifies activities and finds their wording in one bank."""

    def __init__(self, bank: Bank, lexicon: Lexicon | None = None) -> None:
        self.bank = bank
        self.lexicon = lexicon or load_lexicon()
        self._evidence = _Index([p for p in bank if p.theme and p.kind in EVIDENCE_KINDS])
        self._groups: dict[tuple[Kind, str], tuple[_Index, list[Phrase]]] = {}
        self._members: dict[tuple[Kind, str], list[Phrase]] = {}
        for phrase in bank:
            if phrase.theme:
                self._members.setdefault((phrase.kind, phrase.theme), []).append(phrase)
        tokens.tokenizer(bank.dictionary)

    def keys(self, text: str) -> list[str]:
        return tokens.keys(text, self.bank.dictionary)

    def shares_specific(self, keys: Iterable[str], phrase: Phrase) -> bool:
        """Whether `phrase` shares a specific word with `keys` (not merely 党员 or 工作)."""
        limit = max(2, int(len(self._evidence.phrases) * SPECIFIC_SHARE))
        postings = self._evidence.postings
        return any(len(postings.get(k, ())) <= limit for k in set(keys) & set(phrase.keys))

    def classify(self, text: str) -> Classification:
        """The theme of one activity, with a confidence; low confidence says: ask the writer."""
        # 发展1个党员 is 发展党员: a count between words hides the keyword.
        plain = _COUNT.sub("", text)
        totals = self.lexicon.scores(plain)
        hits = self._evidence.search(self.keys(plain), NEIGHBOURS)
        if hits:
            top = hits[0][0]
            votes: dict[str, float] = {}
            for rank, (score, phrase) in enumerate(hits):
                # Nearer phrases vote more; a weak match votes little however many there are.
                weight = (score / top) / (1 + rank * 0.25)
                votes[phrase.theme or ""] = votes.get(phrase.theme or "", 0.0) + weight
            most = max(votes.values())
            strength = min(1.0, top / 4.0)
            for theme, vote in votes.items():
                totals[theme] = totals.get(theme, 0.0) + NEIGHBOUR_WEIGHT * strength * vote / most
        order = {t: i for i, t in enumerate(self.lexicon.ids)}
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))
        evidence = sum(totals.values())
        if not ranked or evidence <= 0:
            fallback = tuple((t, 0.0) for t in self.lexicon.ids)
            return Classification(text, self.lexicon.ids[0], 0.0, fallback, True)
        shares = tuple((theme, score / evidence) for theme, score in ranked)
        confidence = shares[0][1] * min(1.0, ranked[0][1] / THIN_EVIDENCE)
        return Classification(
            text,
            ranked[0][0],
            round(confidence, 3),
            shares,
            confidence < LOW_CONFIDENCE,
            tuple(p.id for _, p in hits[:5]),
        )

    def best(
        self,
        kind: Kind,
        theme: str,
        text: str,
        count: int = 5,
        allow: Allow | None = None,
        typical: float = TYPICAL_WEIGHT,
    ) -> list[Phrase]:
        """Phrases of `kind` in `theme` that fit `text`, best first, then the rest of the theme.

        The tail keeps the list useful when nothing shares a word with the
        text: another wording is always available, most typical first.
        `typical` weighs how plainly a phrase speaks of its theme against how
        much it shares with the text (a heading should name its theme; a lead
        should fit its activity).
        """
        index, typical_order = self._group(kind, theme)
        hits = index.search(self.keys(text), count * 2, allow)
        scores = {p.id: score for score, p in hits}
        # Candidates: the best overlaps, and the most typical phrases of the theme.
        candidates = {p.id: p for _, p in hits}
        for phrase in typical_order:
            if len(candidates) >= len(scores) + count * 2:
                break
            if phrase.id not in candidates and (allow is None or allow(phrase)):
                candidates[phrase.id] = phrase

        def rank(phrase: Phrase) -> tuple[float, bool, str]:
            score = scores.get(phrase.id, 0.0) + typical * self._typical(phrase, theme)
            # Where an organisation's own phrase fits as well, its own wording wins.
            return (
                -(score + 0.01 * fuzz.partial_ratio(phrase.text, text)),
                not phrase.own,
                phrase.id,
            )

        return sorted(candidates.values(), key=rank)[:count]

    def _typical(self, phrase: Phrase, theme: str) -> float:
        """How plainly a phrase speaks of its theme: its own keyword score, capped."""
        return min(self.lexicon.scores(phrase.text).get(theme, 0.0), 6.0)

    def _group(self, kind: Kind, theme: str) -> tuple[_Index, list[Phrase]]:
        """The index of one kind and theme, and its phrases from most to least typical."""
        key = (kind, theme)
        if key not in self._groups:
            phrases = self._members.get(key, [])
            order = sorted(phrases, key=lambda p: (-self._typical(p, theme), -p.frequency, p.id))
            self._groups[key] = (_Index(phrases), order)
        return self._groups[key]
