"""What may go into one draft, and how its slots are filled.

A phrase fits a draft when it names no stale campaign of another year, no
trade the unit is not in, no fact the writer did not give (fact slots), no
first person outside a 述职 report, and has not been used in the draft yet.
Filling replaces the context slots with the unit, its party organisation,
the period's words and the trade's wording; a guard rejects any result
that still carries another trade's words.
"""

from __future__ import annotations

import re

from phrasebank.phrase import Phrase
from phrasebank.slots import SLOT, render
from phrasebank.terms import Terms, load_terms
from phrasebank.text import normal, party_body

from .answers import Answers

FIRST_PERSON = re.compile(r"我|本人")
SUPERIOR = "上级党组织"
# A stretch of this many characters already in the draft makes a phrase a repeat.
OVERLAP = 8


class Fit:
    """The filter, the slot values and the record of what a draft already holds."""

    def __init__(self, answers: Answers, terms: Terms | None = None) -> None:
        self.terms = terms or load_terms()
        self.answers = answers
        fill = self.terms.fill_for(answers.unit)
        # A unit of a trade that has its own word list may use that trade's phrases.
        self.trade = fill.id if any(t.id == fill.id for t in self.terms.trades) else None
        self.values = {
            **fill.values,
            **answers.period.words,
            "单位": answers.unit_name,
            "党组织": answers.party_org,
            "党委": party_body(answers.party_org),
            "上级": SUPERIOR,
        }
        self.first_person = answers.genre.first_person
        self._stale_years = {s.label: s.year for s in self.terms.stale}
        self._used_ids: set[str] = set()
        self._used_texts: set[str] = set()

    def allows(self, phrase: Phrase) -> bool:
        if phrase.id in self._used_ids or phrase.fact_slots:
            return False
        if phrase.stale and self._stale_years.get(phrase.stale) != self.answers.period.year:
            return False
        if phrase.trade is not None and phrase.trade != self.trade:
            return False
        if FIRST_PERSON.search(phrase.template) and not self.first_person:
            return False
        filled = self.fill(phrase.template)
        return filled is not None and self.is_new(filled)

    def fill(self, template: str) -> str | None:
        """`template` with its slots filled, or None when it cannot be used for this unit."""
        text = render(template, self.values)
        if SLOT.search(text):
            return None
        if self.trade is None and self.terms.trade_of(text):
            return None
        return text

    def use(self, text: str, phrase: Phrase | None = None) -> None:
        self._used_texts.add(normal(text))
        if phrase is not None:
            self._used_ids.add(phrase.id)

    def is_new(self, text: str) -> bool:
        """Whether `text` says something the draft has not said: not the same, not a part of
        what is there (an effect clause already written), not containing it."""
        letters = normal(text)
        if letters in self._used_texts:
            return False
        return not any(
            len(shorter) >= OVERLAP and shorter in longer
            for used in self._used_texts
            for shorter, longer in ((used, letters), (letters, used))
        )
