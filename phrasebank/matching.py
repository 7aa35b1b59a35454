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
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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


# Bump when what the cached indexes hold changes (their layout, EVIDENCE_KINDS).
INDEX_VERSION = 1

_Postings = dict[str, bytes]


def _positions(values: Iterable[int]) -> bytes:
    return array("i", values).tobytes()


def _ints(data: bytes) -> memoryview:
    return memoryview(data).cast("i")


def index_data(phrases: Sequence[Phrase]) -> tuple[_Postings, dict[str, float], bytes]:
    """Postings (positions as int32 bytes), idf and inverse norms of `phrases`' search keys:
    plain data, so a bank can keep it in its cache folder."""
    lists: dict[str, list[int]] = {}
    for position, phrase in enumerate(phrases):
        for key in set(phrase.keys):
            lists.setdefault(key, []).append(position)
    count = len(phrases)
    idf = {k: math.log((count + 1) / (len(v) + 0.5)) for k, v in lists.items()}
    # Long phrases share more words by chance: scores are divided by sqrt(length).
    norms = array("d", (1 / math.sqrt(max(1, len(set(p.keys)))) for p in phrases))
    return {k: _positions(v) for k, v in lists.items()}, idf, norms.tobytes()


class _Index:
    """Inverted index over the search keys of some phrases, scored with idf."""

    def __init__(
        self,
        phrases: Sequence[Phrase],
        data: tuple[_Postings, dict[str, float], bytes] | None = None,
    ) -> None:
        self.phrases = phrases
        self.postings, self.idf, norms = data if data is not None else index_data(phrases)
        self.inverse_norms = memoryview(norms).cast("d")
        self._common = max(50, int(len(phrases) * COMMON_SHARE))

    def count(self, key: str) -> int:
        """How many of the phrases have `key`."""
        return len(self.postings.get(key, b"")) // 4

    def search(
        self, keys: Iterable[str], count: int, allow: Allow | None = None
    ) -> list[tuple[float, Phrase]]:
        """The best `count` phrases sharing tokens with `keys`, best first, with their scores."""
        wanted = sorted({k for k in keys if k in self.postings}, key=self.count)
        scores: dict[int, float] = {}
        inverse = self.inverse_norms
        for key in wanted:
            posting = _ints(self.postings[key])
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
        # Built once per bank file and kept beside it: a large bank is not read
        # phrase by phrase when a chat or a draft starts.
        positions, postings, idf, norms = bank.derived(
            f"evidence-{INDEX_VERSION}", self._evidence_data
        )
        phrases = bank.phrases
        self._evidence = _Index([phrases[i] for i in _ints(positions)], (postings, idf, norms))
        self._members: dict[tuple[str, str], bytes] = bank.derived(
            f"members-{INDEX_VERSION}", self._members_data
        )
        self._groups: dict[tuple[Kind, str], tuple[_Index, list[Phrase]]] = {}
        tokens.tokenizer(bank.dictionary)

    def _evidence_data(self) -> tuple[bytes, _Postings, dict[str, float], bytes]:
        positions = [i for i, p in enumerate(self.bank) if p.theme and p.kind in EVIDENCE_KINDS]
        phrases = self.bank.phrases
        return (_positions(positions), *index_data([phrases[i] for i in positions]))

    def _members_data(self) -> dict[tuple[str, str], bytes]:
        members: dict[tuple[str, str], list[int]] = {}
        for position, phrase in enumerate(self.bank):
            if phrase.theme:
                members.setdefault((str(phrase.kind), phrase.theme), []).append(position)
        return {key: _positions(value) for key, value in members.items()}

    def keys(self, text: str) -> list[str]:
        return tokens.keys(text, self.bank.dictionary)

    def shares_specific(self, keys: Iterable[str], phrase: Phrase) -> bool:
        """Whether `phrase` shares a specific word with `keys` (not merely 党员 or 工作)."""
        limit = max(2, int(len(self._evidence.phrases) * SPECIFIC_SHARE))
        count = self._evidence.count
        return any(count(k) <= limit for k in set(keys) & set(phrase.keys))

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
            everything = self.bank.phrases
            members = self._members.get((str(kind), theme), b"")
            phrases = [everything[i] for i in _ints(members)]

            def build() -> tuple[bytes, _Postings, dict[str, float], bytes]:
                order = sorted(
                    range(len(phrases)),
                    key=lambda i: (
                        -self._typical(phrases[i], theme),
                        -phrases[i].frequency,
                        phrases[i].id,
                    ),
                )
                return (_positions(order), *index_data(phrases))

            # The typical order follows the lexicon: its digest is in the name.
            name = f"group-{INDEX_VERSION}-{kind}-{theme}-{self.lexicon.digest}"
            order, postings, idf, norms = self.bank.derived(name, build)
            index = _Index(phrases, (postings, idf, norms))
            self._groups[key] = (index, [phrases[i] for i in _ints(order)])
        return self._groups[key]
