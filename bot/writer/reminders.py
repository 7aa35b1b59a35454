"""What a report of its genre and period usually tells that the writer has not.

A report's length and substance come from the writer's facts: the themes its genre
usually covers, how last period's problems were put right (a 述职 or 主体责任 report's
own section), the writer's own part as 书记 or 本人, and about as many activities as
such a report states. The chat says these once at /done; the draft's 待补充 list says
them to a writer who drafts from an answers file and is asked nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .checks import concerns
from .genres import Genre
from .period import Period, Span
from .rectified import answers_earlier
from .subtopics import load_subtopics

if TYPE_CHECKING:
    from .compose import Drafting
    from .work import Placed

THEORY = "theory"
# How many activities a report of each period usually states.
TYPICAL_ACTIVITIES = {Span.QUARTER: 10, Span.HALF: 15, Span.YEAR: 20}
SPAN_NAMES = {Span.QUARTER: "一个季度", Span.HALF: "半年", Span.YEAR: "全年"}


@dataclass(frozen=True)
class Missing:
    """What the facts leave out; each empty when nothing is missing."""

    untouched: tuple[str, ...] = ()  # themes the genre usually covers, none told
    rectified_example: str = ""  # a fact of last period's problems put right, to type
    role_reminder: str = ""  # the genre's own reminder of the writer's part
    few: int = 0  # how many activities such a report usually states, when fewer are told


def missing(genre: Genre, period: Period, texts: Sequence[str], themes: Collection[str]) -> Missing:
    """What a report of `genre` and `period` usually tells that `texts`, the writer's
    activities placed under `themes`, do not."""
    untouched = tuple(t for t in genre.usual_themes if t not in themes)
    rectified = genre.rectified and period.span != Span.QUARTER
    answered = any(answers_earlier(text, period.year) for text in texts)
    shown = sum(any(word in text for word in genre.role_words) for text in texts)
    typical = TYPICAL_ACTIVITIES[period.span]
    return Missing(
        untouched=untouched,
        rectified_example=genre.rectified_example if rectified and not answered else "",
        role_reminder=genre.role_reminder if shown < genre.role_facts else "",
        few=typical if len(texts) < typical else 0,
    )


def note(d: Drafting, placed: list[Placed | None]) -> None:
    """待补充: placeholders the writer left, what looks wrong in an activity, then what a
    report of the genre usually tells that the activities do not."""
    for index, entry in enumerate(placed, start=1):
        if entry is None:
            continue
        if "XX" in entry.text:
            d.todo.insert(0, f"第{index}项工作中的“XX”：{entry.text}")
        low = entry.classification is not None and entry.classification.low
        unsure = low and not d.c.names_subtopic(entry.text)
        kind = load_subtopics().get(entry.subtopic or "")
        label, details = d.c.lexicon.label(entry.theme), kind.details if kind else ""
        # A theme the writer chose is theirs: no 看起来是业务工作 over it (round CA).
        chosen = d.answers.activities[index - 1].chosen
        own = concerns(entry.text, d.answers.period, label, unsure, details, chosen)
        found = (*entry.concerns, *own)
        placed[index - 1] = replace(entry, concerns=found)
        d.todo.extend(f"第{index}项工作{c}：{entry.text}" for c in found)
    told = [entry for entry in placed if entry is not None]
    texts, themes = [e.text for e in told], {e.theme for e in told}
    # A fact joined to another theme's subsection (one 第一议题 under 理论学习) still
    # tells of its own.
    themes |= {e.classification.theme for e in told if e.classification is not None}
    # So does a study its sub-topic joins to theory (重要论述 学习10次, round BZ): it is
    # theory work whatever heading it stands under; no other joining says so much.
    kinds = [load_subtopics().get(e.subtopic or "") for e in told]
    themes |= {THEORY for kind in kinds if kind is not None and THEORY in kind.joins}
    lacking = missing(d.genre, d.answers.period, texts, themes)
    d.todo.extend(todo(lacking, d.genre, d.answers.period, len(told), d.c.lexicon.label))
    answers = d.answers
    if answers.org is None and answers.party_org != answers.unit:
        d.todo.append(f"党组织名称（已按“{answers.party_org}”填写，请核对）")


def todo(
    missing: Missing, genre: Genre, period: Period, count: int, label: Callable[[str], str]
) -> list[str]:
    """`missing` in the words of 待补充; `label` names a theme."""
    found = []
    if missing.untouched:
        labels = "、".join(label(theme) for theme in missing.untouched)
        found.append(f"{genre.label}一般写到{labels}方面的工作，本期还没有写到；如有，请补充")
    if missing.rectified_example:
        found.append(
            f"{genre.label}一般单列上年度问题的整改情况；如有，请补充一条，"
            f"例如：{missing.rectified_example}"
        )
    if missing.role_reminder:
        found.append(missing.role_reminder.removeprefix("提醒："))
    if missing.few:
        found.append(
            f"本期写了{count}项工作，{SPAN_NAMES[period.span]}的报告一般写{missing.few}项左右；"
            "报告的篇幅来自您写的工作，每项写清做法、范围和数字，报告就更充实"
        )
    return found
