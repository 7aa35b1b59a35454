"""The questions asked once per report — unit, period, genre — and revising one after the draft.

Each state's prompt, answer and button handlers; :mod:`bot.chat.steps`
declares which state uses which.
"""

from __future__ import annotations

from dataclasses import replace

from bot.errors import InputError
from bot.writer import answers, genres, period

from . import checklist, texts
from .buttons import REMEMBERED, Button, Kind
from .conversation import Choice, Conversation, Reply
from .states import REVISABLE, After, Role, State
from .step import Context, Outcome, draft, go, revise_choices, said

# ------------------------------------------------------------------ prompts


def ask_nothing(context: Context, conversation: Conversation) -> Reply:
    return Reply(texts.IDLE_HINT)


def ask_unit(context: Context, conversation: Conversation) -> Reply:
    remembered = context.remembered_unit()
    if not remembered:
        return Reply(texts.ASK_UNIT)
    choice = Choice(texts.use_remembered(remembered), Button(Kind.UNIT, REMEMBERED))
    return Reply(texts.ASK_UNIT_AGAIN.format(unit=remembered), (choice,))


def ask_period(context: Context, conversation: Conversation) -> Reply:
    recent = period.recent(context.today)
    return Reply(
        texts.ASK_PERIOD, tuple(Choice(p.label, Button(Kind.PERIOD, p.label)) for p in recent)
    )


def ask_genre(context: Context, conversation: Conversation) -> Reply:
    offered = genres.genres().values()
    return Reply(texts.ASK_GENRE, tuple(Choice(g.label, Button(Kind.GENRE, g.id)) for g in offered))


def show_draft_done(context: Context, conversation: Conversation) -> Reply:
    return Reply(texts.DRAFT_READY, revise_choices())


# ------------------------------------------------------------------ answers


def hint(context: Context, conversation: Conversation, raw: str) -> Outcome:
    return said(conversation, Reply(texts.IDLE_HINT))


def answer_unit(context: Context, conversation: Conversation, raw: str) -> Outcome:
    try:
        unit = answers.clean_unit(raw)
    except InputError as exc:
        return said(conversation, Reply(str(exc)))
    outcome = answered(context, replace(conversation.remembered(), unit=unit, kind=None), "unit")
    return replace(outcome, unit=unit)


def answer_period(context: Context, conversation: Conversation, raw: str) -> Outcome:
    try:
        value = period.parse(raw, context.today)
    except InputError as exc:
        return said(conversation, Reply(str(exc)), ask=True)
    return answered(context, replace(conversation.remembered(), period=value.label), "period")


def answer_genre(context: Context, conversation: Conversation, raw: str) -> Outcome:
    try:
        value = genres.parse(raw)
    except InputError as exc:
        return said(conversation, Reply(str(exc)), ask=True)
    changed = replace(conversation.remembered(), genre=value.id)
    if changed.after is not After.DRAFT and (started := checklist.start(context, changed)):
        return started
    return answered(context, changed, "genre")


def answered(context: Context, conversation: Conversation, what: str) -> Outcome:
    """On to the next question, or back to the draft when this was a revision."""
    if conversation.after is After.DRAFT:
        return draft(context, go(conversation, "revised"))
    return said(go(conversation, what), ask=True)


# ------------------------------------------------------------------ buttons


def press_unit(context: Context, conversation: Conversation, button: Button) -> Outcome:
    if button.value == REMEMBERED:
        return answer_unit(context, conversation, context.remembered_unit() or "")
    return answer_unit(context, conversation, button.value)


def press_period(context: Context, conversation: Conversation, button: Button) -> Outcome:
    return answer_period(context, conversation, button.value)


def press_genre(context: Context, conversation: Conversation, button: Button) -> Outcome:
    return answer_genre(context, conversation, button.value)


def press_revise(context: Context, conversation: Conversation, button: Button) -> Outcome:
    """Ask one question again; its answer leads straight back to the draft."""
    target = next((s for s in REVISABLE if s.value == button.value), None)
    if target is None:
        return said(conversation, Reply(texts.EXPIRED), ask=True)
    changed = replace(conversation.remembered(), after=After.DRAFT)
    if target in (State.PROBLEMS, State.PLANS):
        changed = changed.with_statements(Role(target.value), (), auto=False)
    return said(go(changed, f"revise_{target}"), ask=True)


# ------------------------------------------------------------------ /done


def answer_first(context: Context, conversation: Conversation) -> Outcome:
    return said(conversation, Reply(texts.ANSWER_FIRST), ask=True)


def redraft(context: Context, conversation: Conversation) -> Outcome:
    return draft(context, go(conversation.remembered(), "done"))
