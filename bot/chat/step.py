"""What every step shares: its context, its outcome, and moving along the declared edges.

A step is a pure function: it takes a :class:`Context` (the composer, today,
the writer's remembered unit), the conversation and the writer's input, and
returns an :class:`Outcome` — the new conversation, the replies, and a unit
to remember in the writer's profile. Nothing is stored until the engine
saves the outcome, so a step that fails changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.writer import genres, period
from bot.writer.answers import Activity, Answers
from bot.writer.compose import Composer
from bot.writer.render import to_text, todo_text
from phrasebank.own import Earlier
from phrasebank.themes import Lexicon

from . import texts
from .buttons import Button, Kind
from .conversation import Choice, Conversation, Reply
from .states import REVISABLE, TRANSITIONS, After, Role, State


@dataclass(frozen=True)
class Context:
    """What a step may consult besides the conversation."""

    composer: Composer
    today: dt.date
    remembered_unit: Callable[[], str | None]  # from the writer's profile, read when needed
    # The organisation's imported reports with plans, latest first, read when needed.
    earlier_reports: Callable[[], tuple[Earlier, ...]] = tuple

    @property
    def lexicon(self) -> Lexicon:
        return self.composer.lexicon


class Act(StrEnum):
    """What a step asks the engine to do once the conversation is saved."""

    FORGET = "forget"  # delete the organisation's own reports and bank
    BRANDS_OWN = "brands_own"  # the quoted names found are the organisation's own
    BRANDS_NOT = "brands_not"  # they are not


@dataclass(frozen=True)
class Outcome:
    """What a step did: the new conversation, what to say, and what to remember."""

    conversation: Conversation
    replies: tuple[Reply, ...] = ()
    ask: bool = False  # end with the question the (new) state asks
    unit: str | None = None  # a unit to remember in the writer's profile
    act: Act | None = None


def said(conversation: Conversation, *replies: Reply, ask: bool = False) -> Outcome:
    return Outcome(conversation, replies, ask)


def go(conversation: Conversation, happened: str) -> Conversation:
    """Move along the declared transition for what happened in the current state."""
    return replace(conversation, state=TRANSITIONS[(conversation.state, happened)])


def expired(conversation: Conversation) -> Outcome:
    return said(conversation, Reply(texts.EXPIRED), ask=True)


def answers_of(conversation: Conversation, today: dt.date) -> Answers | None:
    """The conversation as answers for the composer, once unit, period and genre are known."""
    if not (conversation.unit and conversation.period and conversation.genre):
        return None
    return Answers(
        unit=conversation.unit,
        period=period.parse(conversation.period, today),
        genre=genres.genres()[conversation.genre],
        activities=tuple(
            Activity(e.text, e.theme, e.variant, e.plan, e.chosen) for e in conversation.entries
        ),
        problems=() if Role.PROBLEMS in conversation.auto else conversation.problems,
        plans=() if Role.PLANS in conversation.auto else conversation.plans,
        kind=conversation.kind,
        unmet=conversation.unmet,
        name=conversation.name,
    )


def revise_choices() -> tuple[Choice, ...]:
    return tuple(
        Choice(texts.REVISE[state.value], Button(Kind.REVISE, state.value)) for state in REVISABLE
    )


def draft(context: Context, conversation: Conversation) -> Outcome:
    """The finished draft: its text, its .docx, what is still to fill in, and what can change."""
    answers = answers_of(conversation, context.today)
    assert answers is not None
    report = context.composer.compose(answers).report
    todo = todo_text(report)
    ending = f"{todo}\n\n{texts.AFTER_DRAFT}" if todo else texts.AFTER_DRAFT
    return said(
        replace(conversation, after=After.NEXT),
        Reply(to_text(report)),
        Reply(texts.DOCUMENT, document=True),
        Reply(ending, revise_choices()),
    )


def missing(conversation: Conversation) -> str | None:
    """Why there is no draft to show yet, or None."""
    gaps = [
        name
        for name, value in (
            (texts.UNIT, conversation.unit),
            (texts.PERIOD, conversation.period),
            (texts.GENRE, conversation.genre),
        )
        if not value
    ]
    if gaps:
        if conversation.state is State.IDLE:
            return texts.IDLE_HINT
        return texts.NEED_BASICS.format(missing=texts.LIST_SEPARATOR.join(gaps))
    if not conversation.entries:
        return texts.NEED_ACTIVITIES
    return None
