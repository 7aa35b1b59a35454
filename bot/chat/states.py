"""The conversation's states, the transitions between them, and the events.

The states and edges are declared here once; every step moves along these
edges only (see :func:`bot.chat.step.go`), and what each state asks and does
is declared beside them in :mod:`bot.chat.steps`.

States and transitions (the commands of ``steps.COMMANDS`` work in every state)::

    IDLE ──/new,/start──▶ UNIT ──unit──▶ PERIOD ──period──▶ GENRE ──genre──▶ ACTIVITIES
    GENRE ──genre, earlier plans known──▶ CHECKLIST ──last plan, /done──▶ ACTIVITIES
    ACTIVITIES ──/done──▶ PROBLEMS ──/done──▶ PLANS ──/done──▶ DONE (the draft)
    DONE ──text (one more activity)──▶ DONE ──/done──▶ DONE (drafted again)
    DONE ──改单位/改时间段/改报告类型/改问题/改打算──▶ UNIT/PERIOD/GENRE/PROBLEMS/PLANS
        ──answer (or /done)──▶ DONE (drafted again; nothing else re-entered)
    any ──/cancel──▶ IDLE        any ──/new──▶ UNIT
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    IDLE = "idle"
    UNIT = "unit"
    PERIOD = "period"
    GENRE = "genre"
    CHECKLIST = "checklist"
    ACTIVITIES = "activities"
    PROBLEMS = "problems"
    PLANS = "plans"
    DONE = "done"


class Role(StrEnum):
    """The two lists the writer may leave to the composer; also the Conversation field names."""

    PROBLEMS = "problems"
    PLANS = "plans"


class After(StrEnum):
    """Where answering the current question leads."""

    NEXT = "next"  # on to the next question
    DRAFT = "draft"  # back to the draft: one answer is being revised


# The answers that can be revised after the draft, in the order their buttons are shown.
REVISABLE = (State.UNIT, State.PERIOD, State.GENRE, State.PROBLEMS, State.PLANS)

# The declared transitions: (state, what happened) → next state.
TRANSITIONS: dict[tuple[State, str], State] = {
    (State.IDLE, "new"): State.UNIT,
    (State.UNIT, "unit"): State.PERIOD,
    (State.PERIOD, "period"): State.GENRE,
    (State.GENRE, "genre"): State.ACTIVITIES,
    # The organisation's earlier report had plans: each is asked about first.
    (State.GENRE, "checklist"): State.CHECKLIST,
    (State.CHECKLIST, "done"): State.ACTIVITIES,
    (State.ACTIVITIES, "done"): State.PROBLEMS,
    (State.PROBLEMS, "done"): State.PLANS,
    (State.PLANS, "done"): State.DONE,
    (State.DONE, "done"): State.DONE,
    # Revising one answer after the draft, then straight back to it.
    **{(State.DONE, f"revise_{target}"): target for target in REVISABLE},
    (State.UNIT, "revised"): State.DONE,
    (State.PERIOD, "revised"): State.DONE,
    (State.GENRE, "revised"): State.DONE,
    (State.PROBLEMS, "revised"): State.DONE,
    **{(state, "new"): State.UNIT for state in State},
    **{(state, "cancel"): State.IDLE for state in State},
}


@dataclass(frozen=True)
class Event:
    """What the writer did: sent text or a command, pressed a button, or sent something else."""

    kind: str  # "text" | "command" | "press" | "other"
    text: str = ""
    update_id: int | None = None

    @classmethod
    def from_text(cls, text: str, update_id: int | None = None) -> Event:
        stripped = text.strip()
        kind = "command" if stripped.startswith("/") and len(stripped) > 1 else "text"
        return cls(kind, text, update_id)
