"""Last period's plans as this period's checklist.

When the writer has answered unit, period and genre and their organisation
imported an earlier report with a 下一步 section (the latest of a period before
this report's, or another the writer picks), each of its plans is asked about
in turn (CHECKLIST): 已落实 — the writer types what was done, recorded as
activities that answer that plan; 未开展 — the writer gives the reason, and the
plan becomes a problem of the draft (…尚未落实); 跳过 — nothing of it is used.
/done skips the rest. Then the activities are asked for as usual.
"""

from __future__ import annotations

from dataclasses import replace

from phrasebank.own import Earlier, before_period

from . import activities, texts
from .buttons import Button, Kind
from .conversation import Choice, Conversation, Reply
from .states import State
from .step import Context, Outcome, go, said

DONE = "done"
NOT = "not"
SKIP = "skip"
# Other earlier reports offered instead of the latest.
OTHER_REPORTS = 3


def start(context: Context, conversation: Conversation) -> Outcome | None:
    """The checklist of the organisation's latest report of a period before this one, or None
    when it has none; the other earlier reports are offered instead."""
    reports = before_period(context.earlier_reports(), conversation.period)
    if not reports:
        return None
    return begin(conversation, reports[0], reports[1 : 1 + OTHER_REPORTS])


def begin(conversation: Conversation, earlier: Earlier, others: list[Earlier]) -> Outcome:
    started = replace(
        conversation,
        checklist=earlier.plans,
        checklist_title=earlier.title,
        checked=0,
        pending=None,
        unmet=(),
    )
    choices = tuple(
        Choice(texts.use_earlier(other.title), Button(Kind.EARLIER, other.id)) for other in others
    )
    intro = texts.CHECKLIST_INTRO.format(title=earlier.title, count=len(earlier.plans))
    if choices:
        intro = f"{intro}\n{texts.CHECKLIST_OTHERS}"
    moved = go(started, "checklist") if conversation.state is not State.CHECKLIST else started
    return said(moved, Reply(intro, choices), ask=True)


def press_earlier(context: Context, conversation: Conversation, button: Button) -> Outcome:
    """Another earlier report's plans instead: the checklist starts again with them."""
    reports = before_period(context.earlier_reports(), conversation.period)
    chosen = next((r for r in reports if r.id == button.value), None)
    if chosen is None:
        return said(conversation, Reply(texts.EXPIRED), ask=True)
    others = [r for r in reports if r is not chosen][:OTHER_REPORTS]
    return begin(conversation.remembered(), chosen, others)


def ask_plan(context: Context, conversation: Conversation) -> Reply:
    index = conversation.checked
    plans = conversation.checklist
    if index >= len(plans):
        return Reply(texts.CHECKLIST_OVER)
    plan = plans[index]
    if conversation.pending == DONE:
        return Reply(texts.CHECKLIST_FACTS.format(plan=plan))
    if conversation.pending == NOT:
        return Reply(texts.CHECKLIST_REASON.format(plan=plan))
    choices = tuple(
        Choice(label, Button(Kind.CHECK, value, index))
        for label, value in (
            (texts.CHECK_DONE, DONE),
            (texts.CHECK_NOT, NOT),
            (texts.CHECK_SKIP, SKIP),
        )
    )
    question = texts.CHECKLIST_PLAN.format(number=index + 1, count=len(plans), plan=plan)
    return Reply(question, choices)


def press_check(context: Context, conversation: Conversation, button: Button) -> Outcome:
    if button.key != conversation.checked or conversation.checked >= len(conversation.checklist):
        return said(conversation, Reply(texts.EXPIRED), ask=True)
    if button.value == SKIP:
        return _next(conversation.remembered())
    if button.value in (DONE, NOT):
        return said(replace(conversation.remembered(), pending=button.value), ask=True)
    return said(conversation, Reply(texts.EXPIRED), ask=True)


def answer(context: Context, conversation: Conversation, raw: str) -> Outcome:
    """The facts of a plan carried out, or the reason one was not."""
    plan = conversation.checklist[conversation.checked]
    if conversation.pending == DONE:
        known = {e.key for e in conversation.entries}
        outcome = activities.add_activities(context, conversation, raw)
        recorded = outcome.conversation
        if recorded.entries == conversation.entries:
            return outcome  # nothing recorded (a repeat, too long): asked again as it was
        entries = tuple(e if e.key in known else replace(e, plan=plan) for e in recorded.entries)
        moved = _next(replace(recorded, entries=entries))
        return replace(moved, replies=(*outcome.replies, *moved.replies))
    if conversation.pending == NOT:
        reason = raw.strip().rstrip("。")
        if not reason:
            return said(conversation, Reply(texts.NO_TEXT), ask=True)
        problem = texts.unmet_plan(plan, reason)
        return _next(replace(conversation.remembered(), unmet=(*conversation.unmet, problem)))
    return said(conversation, Reply(texts.CHECKLIST_PRESS), ask=True)


def finish(context: Context, conversation: Conversation) -> Outcome:
    """/done: the plans not yet answered are skipped."""
    left = len(conversation.checklist) - conversation.checked
    ended = replace(conversation.remembered(), checked=len(conversation.checklist), pending=None)
    return said(go(ended, "done"), Reply(texts.CHECKLIST_SKIPPED.format(count=left)), ask=True)


def _next(conversation: Conversation) -> Outcome:
    moved = replace(conversation, checked=conversation.checked + 1, pending=None)
    if moved.checked >= len(moved.checklist):
        return said(go(moved, "done"), Reply(texts.CHECKLIST_OVER), ask=True)
    return said(moved, ask=True)
