"""What may go into one draft, how its slots are filled, and the ledger of what it holds.

A phrase fits a draft when it names no stale campaign of another year, no
trade the unit is not in, no fact the writer did not give (fact slots), no
first person outside a 述职 report, and has not been used in the draft yet
(the :class:`Ledger` knows). Filling replaces the context slots with the
unit, its party organisation, the period's words and the trade's wording;
a guard rejects any result that still carries another trade's words.
"""

from __future__ import annotations

import re

from phrasebank.phrase import Phrase
from phrasebank.slots import SLOT, render
from phrasebank.terms import Terms, load_terms
from phrasebank.text import normal

from .answers import Answers
from .profile import guidance as guidance_at
from .superior import superior

FIRST_PERSON = re.compile(r"我|本人")
SUPERIOR = "上级党组织"
# A stretch of this many characters already in the draft makes a phrase a repeat.
OVERLAP = 8
# Stock wording sharing this long a stretch with what the draft holds says it again.
REPEAT = 10
# Set phrases a draft says once: the second 向纵深发展 is what a reader notices.
SET_PHRASES = (
    "向纵深发展",
    "落到实处",
    "走深走实",
    "不折不扣",
    "落地见效",
    "见行见效",
    "入脑入心",
    "同向发力",
    "再上新台阶",
    "落细落实",
    "抓在手上",
    "扛在肩上",
    "层层",
    # Said by a framing, then by an item's practice, three sentences apart (round AF).
    "首要政治任务",
    "重要政治任务",
    "的重要途径",
    "的重要抓手",
    "的重要载体",
    # A practice, then a plan's measure or a heading, in one draft (rounds AT to AY).
    "亮身份",
    "作表率",
    "分内之事",
    # A framing, then the closing (rounds AT to AW).
    "一以贯之",
    "以上率下",
    # A framing's 读原著、学原文、悟原理, then a practice's 读原文、悟原理 (round AZ).
    "悟原理",
)


class Ledger:
    """What one draft already says: the texts written and the phrases used."""

    def __init__(self) -> None:
        self._ids: set[str] = set()
        self._texts: set[str] = set()
        self._stretches: set[str] = set()  # every REPEAT-long stretch of the texts
        self._set_phrases: set[str] = set()  # the SET_PHRASES said

    def use(self, text: str, phrase: Phrase | None = None) -> None:
        letters = normal(text)
        self._texts.add(letters)
        self._stretches.update(_stretches(letters))
        self._set_phrases.update(p for p in SET_PHRASES if p in letters)
        if phrase is not None:
            self._ids.add(phrase.id)

    def used_id(self, phrase_id: str) -> bool:
        return phrase_id in self._ids

    def is_new(self, text: str) -> bool:
        """Whether `text` says something the draft has not said: not the same, not a part of
        what is there (an effect clause already written), not containing it, and no
        stretch of it said again (不折不扣…落实 twice in one subsection), no set phrase
        said again."""
        letters = normal(text)
        if letters in self._texts or not self._stretches.isdisjoint(_stretches(letters)):
            return False
        if any(p in letters for p in self._set_phrases):
            return False
        return not any(
            len(shorter) >= OVERLAP and shorter in longer
            for used in self._texts
            for shorter, longer in ((used, letters), (letters, used))
        )


def _stretches(letters: str) -> set[str]:
    return {letters[i : i + REPEAT] for i in range(len(letters) - REPEAT + 1)}


class Fit:
    """The filter and the slot values of one draft; its ledger rules out repeats."""

    def __init__(
        self, answers: Answers, ledger: Ledger | None = None, terms: Terms | None = None
    ) -> None:
        self.terms = terms or load_terms()
        self.answers = answers
        self.ledger = ledger if ledger is not None else Ledger()
        profile = answers.profile
        fill = self.terms.fill_for(answers.unit)
        # A unit of a trade that has its own word list may use that trade's phrases.
        self.trade = fill.id if any(t.id == fill.id for t in self.terms.trades) else None
        guidance = guidance_at(answers.period.year, answers.period.last_month)
        # Stock phrases call the unit and its party body by their short names (我局,
        # 局党委); the full names are for the title, the opening and the signature.
        self.values = {
            **fill.values,
            **profile.values(),
            **answers.period.words,
            "指导思想": guidance.thought,
            "会议精神": guidance.congress,
            "上级": superior(profile, (a.text for a in answers.activities)) or SUPERIOR,
        }
        self.forbidden = (
            profile.forbidden()
            + answers.genre.forbid
            + _other_periods(answers.period.span)
            + UNSAID_FACILITIES
        )
        # A unit that is not a 机关 does not speak of 机关党建.
        if not profile.kind.agency:
            self.forbidden += ("{机关}",)
        # Nor is a word forbidden that the writer's facts show the unit has: a 馆's branch
        # whose facts name its 领导班子 has 班子成员 (round CB: its 一岗双责 got no plan).
        facts = "".join(activity.text for activity in answers.activities)
        self.forbidden = tuple(
            word
            for word in self.forbidden
            if not (word in SHOWN_BY_FACTS and re.search(SHOWN_BY_FACTS[word], facts))
        )
        self.first_person = answers.genre.first_person
        self._stale_years = {s.label: s.year for s in self.terms.stale}

    def allows(self, phrase: Phrase) -> bool:
        if phrase.fact_slots or self.ledger.used_id(phrase.id):
            return False
        if phrase.stale and self._stale_years.get(phrase.stale) != self.answers.period.year:
            return False
        if phrase.trade is not None and phrase.trade != self.trade:
            return False
        if FIRST_PERSON.search(phrase.template) and not self.first_person:
            return False
        if any(word in phrase.template for word in self.forbidden):
            return False
        filled = self.fill(phrase.template)
        return filled is not None and self.ledger.is_new(filled)

    def forbids(self, text: str) -> bool:
        """Whether `text` says something this unit never says of itself (机关, 各党支部 …)."""
        return any(word in text for word in self.forbidden)

    def never_says(self, template: str) -> bool:
        """Whether this unit never says `template` filled for it (a 政协's 做好惠企服务)."""
        return self.forbids(self.fill(template) or template)

    def fill(self, template: str) -> str | None:
        """`template` with its slots filled, or None when it cannot be used for this unit."""
        # {业务} of a 工会 is 工会工作: 与{业务}工作同部署 says 工作 once.
        # Nor is 服务 said twice of a unit whose people served are its 服务对象 (round CC).
        text = render(template, self.values).replace("工作工作", "工作")
        text = text.replace("服务服务对象", "服务好服务对象")
        if SLOT.search(text):
            return None
        if self.trade is None and self.terms.trade_of(text):
            return None
        return text


# Facilities a stock phrase would claim the unit has (依托党建文化走廊…): reviewers in
# rounds OO, PP and QQ struck the plan that names them.
UNSAID_FACILITIES = ("党建文化走廊",)

# Words a unit's body forbids that its facts may show it has after all (the words, what
# in the facts shows it).
SHOWN_BY_FACTS = {
    "班子成员": r"领导班子|班子成员",
    # Round CI: a branch that names its 派驻纪检组 may say it accepts its supervision.
    "纪检": r"派驻纪检|纪检(?:监察)?组",
    "纪检组": r"派驻纪检|纪检(?:监察)?组",
    "联系点": r"联系点",
}

# Words that name a span of time other than the report's own.
_PERIOD_WORDS = {"quarter": ("本季度", "一季度", "二季度"), "half": ("半年",), "year": ("全年",)}


def _other_periods(span: str) -> tuple[str, ...]:
    return tuple(w for other, words in _PERIOD_WORDS.items() if other != span for w in words)
