"""Last period's plans as this period's checklist.

When the writer has answered unit, period and genre and their organisation
imported an earlier report with a 下一步 section, each of its plans is asked
about in turn (CHECKLIST): 已落实 — the writer types what was done, recorded as
activities that answer that plan; 未开展 — the writer gives the reason, and the
plan becomes a problem of the draft (…尚未落实); 跳过 — nothing of it is used.
/done skips the rest. Then the activities are asked for as usual.
"""

from __future__ import annotations

from dataclasses import replace

from . import activities, texts
from .buttons import Button, Kind
from .conversation import Choice, Conversation, Reply
from .step import Context, Outcome, go, said

DONE = "done"
NOT = "not"
SKIP = "skip"


def start(context: Context, conversation: Conversation) -> Outcome | None:
    """The checklist of the organisation's latest earlier report, or None when it has none."""
    earlier = context.earlier()
    if earlier is None or not earlier.plans:
        return None
    started = replace(
        conversation,
        checklist=earlier.plans,
        checklist_title=earlier.title,
        checked=0,
        pending=None,
        unmet=(),
    )
    intro = Reply(texts.CHECKLIST_INTRO.format(title=earlier.title, count=len(earlier.plans)))
    return said(go(started, "checklist"), intro, ask=True)


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
