"""Finding a phrase's nearest earlier wording without comparing it with every phrase.

Mining once compared each new template with every kept template of its kind
(``rapidfuzz.process.extractOne``), so a corpus twice as large took four
times as long to merge. :class:`NearIndex` answers the same question, with the
same answer, from an inverted index of character bigrams.

Why it finds everything the scan found: a string within a ``fuzz.ratio``
cutoff of the query differs from it by few insertions and deletions, and each
of those breaks at most two of the query's bigrams; so such a string shares at
least ``T`` of the query's ``G`` bigrams (counted with repeats), ``T``
following from the cutoff and the query's length, and so at least
``T - (G - D)`` of its ``D`` distinct ones. By pigeonhole it then shares one
of *any* ``G - T + 1`` of those, and the index looks up only the rarest.
Every string found is scored exactly as before. (Longer grams work the same
way, each edit breaking more of them.)
"""

from __future__ import annotations

from functools import cache

from rapidfuzz import fuzz, process

# Scores are compared with this slack, so that a rounding in rapidfuzz never
# makes the bound miss a string the scan would have found.
_SLACK = 1e-6
# Gram lengths indexed, in the order a query tries them: trigrams are rarer, so a
# query looks at fewer candidates; bigrams still bound short strings. (Measured on
# variant reports: 4-grams, or choosing per query the length with the shortest
# postings, cost more than they saved.)
GRAM_LENGTHS = (3, 2)


def _grams(text: str, q: int) -> set[str]:
    """The distinct `q`-grams of `text`."""
    return {text[i : i + q] for i in range(len(text) - q + 1)}


@cache
def shared_floor(length: int, cutoff: float, q: int = 2) -> int:
    """Fewest `q`-grams (with repeats) a string scoring `cutoff` against a `length`-long
    query must share with it; 0 or less when no such floor exists.

    Deleting one of the query's characters breaks at most `q` of its grams,
    inserting one at most ``q - 1``.
    """
    floor = length
    for other in range(2 * length + 2):
        total = length + other
        if total == 0:
            continue
        # Indel distance d scores 100 * (1 - d / total); the largest d meeting the cutoff:
        distance = int(total * (100 - cutoff) / 100 + _SLACK)
        common = -(-(total - distance) // 2)  # longest common subsequence, at least
        if common > min(length, other):
            continue
        deletions, insertions = length - common, other - common
        floor = min(floor, length - q + 1 - q * deletions - (q - 1) * insertions)
    return floor


class NearIndex:
    """Strings added one by one; for a query, the most similar of them above a cutoff."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._postings: dict[int, dict[str, list[int]]] = {q: {} for q in GRAM_LENGTHS}
        # The grams of the last query: a string not found is usually added next.
        self._grams: tuple[str, dict[int, set[str]]] = ("", {})

    def add(self, text: str) -> int:
        """Index `text`; its position."""
        position = len(self.strings)
        self.strings.append(text)
        known = self._grams if self._grams[0] == text else (text, {})
        for q, postings in self._postings.items():
            for gram in known[1].get(q) or _grams(text, q):
                postings.setdefault(gram, []).append(position)
        return position

    def best(self, text: str, cutoff: float) -> tuple[str, float, int] | None:
        """``(string, score, position)`` of the best `fuzz.ratio` match at or above
        `cutoff`, the earliest among equals; None when there is none.

        The same answer as ``process.extractOne(text, strings, scorer=fuzz.ratio,
        score_cutoff=cutoff)``.
        """
        # The longest grams that bound the query: the rarest, so the fewest candidates.
        probe = None
        for q in GRAM_LENGTHS:
            probe = self._probe(text, cutoff, q)
            if probe is not None:
                break
        if probe == []:
            return None  # too few grams shared for anything to be close enough
        if probe is not None:
            positions = sorted(set().union(*probe))
        else:
            positions = list(range(len(self.strings)))
        strings = self.strings
        found = process.extractOne(
            text, [strings[p] for p in positions], scorer=fuzz.ratio, score_cutoff=cutoff
        )
        if found is None:
            return None
        return found[0], found[1], positions[found[2]]

    def _probe(self, text: str, cutoff: float, q: int) -> list[list[int]] | None:
        """The postings to look up with `q`-grams: [] when no string can be close
        enough, None when `q`-grams cannot tell."""
        grams = _grams(text, q)
        if self._grams[0] != text:
            self._grams = (text, {})
        self._grams[1][q] = grams
        # The floor counts repeated grams; each repeat in the query may stand for
        # a shared gram that is not another distinct one.
        floor = shared_floor(len(text), cutoff, q) - (len(text) - q + 1 - len(grams))
        if floor <= 0:
            return None
        postings = self._postings[q]
        known = [posting for posting in map(postings.get, grams) if posting is not None]
        # Grams never indexed count among the probed ones: nothing shares them.
        probe = len(known) - floor + 1
        if probe <= 0:
            return []
        known.sort(key=len)
        return known[:probe]
