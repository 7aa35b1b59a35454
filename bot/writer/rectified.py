"""Facts that answer an earlier period's problems, and the section a 述职 or a 主体责任
report gives them (二、上年度问题整改情况).

A 述职 is expected to say how the problems its last 述职评议 pointed out were put
right, and a 主体责任 report how last year's 检查考核 findings were; writers give
those facts in their own words (针对上年度述职评议指出的…问题，…), and reviewers
missed the section when they were filed under a theme like this period's work.
A genre without such a section (a summary) leaves them in their theme.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .report import Block, Item, Section, Sentence

if TYPE_CHECKING:
    from .compose import Drafting

# Words naming a period before the report's own.
EARLIER = r"上年度|上一年度|上年|去年|上次|上期|上一轮|前期"
# How a fact names a problem raised then: 上年度述职评议指出的问题, 去年考核反馈的意见.
_RAISED = (
    r"[^。；]{0,24}?(?:指出|反馈|查摆|点评|提出|发现|交办|移交)的?[^。；]{0,30}?(?:问题|意见|不足)"
)
# Words naming last year itself, for the section's {上期}.
LAST_YEAR = r"上年度|上一年度|上年|去年"
# The review that raised the problems, named in the heading when every fact names it.
REVIEWS = ("述职评议", "民主生活会", "组织生活会", "巡察", "考核", "审计")
# How each review raised them, for the intro's {指出}: an audit 指出, it does not 查摆
# (round WW); problems of no one review were 查摆和反馈.
RAISED_BY = {"民主生活会": "查摆", "组织生活会": "查摆", "巡察": "反馈", "考核": "反馈"}
RAISED_ANY = "查摆和反馈"
# A fact opening on the problem it answers, with no 针对 before it.
_BARE = re.compile(rf"(?:{EARLIER}|\d{{4}}年)[^。；，]*?问题，")


# What a fact does about those problems: a meeting that only found them (召开2025年度组织
# 生活会，查摆问题14条) answers none, and is this period's work (round BS).
_MENDED = re.compile(r"整改|销号|解决|纠正|落实|完成|建章立制|建立|修订|制定|规范|化解")


def answers_earlier(text: str, year: int) -> bool:
    """Whether a fact reports work on problems raised in an earlier period."""
    found = re.search(rf"(?:{EARLIER}|{year - 1}年){_RAISED}", text)
    # One opening 针对…问题，… answers it by its form (针对…后备力量不足问题，实施“雁阵计划”,
    # round BX).
    return found is not None and (_MENDED.search(text) is not None or text.startswith("针对"))


def rectified_section(draft: Drafting, facts: list[Sentence]) -> Section | None:
    """The section of the facts answering an earlier period's problems, when the genre has
    one and the writer gave such facts; each fact an item of its own, no lead over it."""
    genre = draft.genre
    if not genre.rectified or not facts:
        return None
    last_year = f"{LAST_YEAR}|{draft.answers.period.year - 1}年"
    named = any(re.search(last_year, fact.text) for fact in facts)
    earlier = "上年度" if named else "前期"
    review = next((r for r in REVIEWS if all(r in fact.text for fact in facts)), "")
    heading = draft.fixed(genre.rectified.replace("{上期}", earlier + review))
    raised = RAISED_BY.get(review, "指出") if review else RAISED_ANY
    said = genre.rectified_intro.replace("{上期}", earlier + review).replace("{指出}", raised)
    intro = (draft.fixed(said),)
    items = tuple(Item((_answering(fact),)) for fact in facts)
    return Section("rectified", heading, intro, (Block(None, (), items),))


def _answering(fact: Sentence) -> Sentence:
    """A fact that opens on the problem it answers, as a writer writes it: 针对…的问题，…"""
    if _BARE.match(fact.text):
        return Sentence(f"针对{fact.text}", fact.sources)
    return fact
