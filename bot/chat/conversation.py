"""One writer's conversation as a value: where it stands and everything told so far.

A :class:`Conversation` is what the store persists per user after every step,
so a restarted bot resumes exactly where the writer left off. It is immutable:
each step of the dialogue returns a new one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from .states import State

FORMAT = 1
UNDO_DEPTH = 10


@dataclass(frozen=True)
class Choice:
    """An option offered to the writer: a button in Telegram, a numbered line in the console."""

    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """Something the bot says; `document` marks a .docx export (rendered when sent, not stored)."""

    text: str
    choices: tuple[Choice, ...] = ()
    document: bool = False


@dataclass(frozen=True)
class Entry:
    """One activity as recorded: its text, the theme it was filed under, and its wording variant.

    `key` stays the same when other entries are deleted, so a button pressed
    on an old message still reaches the right activity.
    """

    key: int
    text: str
    theme: str
    confidence: float
    chosen: bool = False  # the writer chose the theme
    variant: int = 0
    asked: bool = False  # a low-confidence theme the writer has not confirmed yet


@dataclass(frozen=True)
class Conversation:
    user: str
    state: State = State.IDLE
    unit: str | None = None
    period: str | None = None
    genre: str | None = None
    entries: tuple[Entry, ...] = ()
    problems: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    problems_auto: bool = False
    plans_auto: bool = False
    options: tuple[Choice, ...] = ()  # the choices of the last question, for numbered answers
    next_key: int = 1
    undo: tuple[dict[str, Any], ...] = ()
    last_update: int | None = None
    last_replies: tuple[Reply, ...] = ()
    drafted: bool = False
    revising: bool = False  # answering one question again after the draft

    def entry(self, number: int) -> Entry | None:
        """The entry shown as number `number` (1-based) in /list."""
        return self.entries[number - 1] if 1 <= number <= len(self.entries) else None

    def number_of(self, key: int) -> int | None:
        return next((i for i, e in enumerate(self.entries, 1) if e.key == key), None)

    def remembered(self) -> Conversation:
        """This conversation with the current one pushed on the undo stack."""
        snapshot = _content(self)
        return replace(self, undo=(*self.undo, snapshot)[-UNDO_DEPTH:])

    def undone(self) -> Conversation | None:
        if not self.undo:
            return None
        previous = _from_content(self.undo[-1], self.user)
        # Keys handed out stay handed out: an undone activity's buttons must stay dead.
        return replace(
            previous, undo=self.undo[:-1], last_update=self.last_update, next_key=self.next_key
        )


_CONTENT = (
    "state",
    "unit",
    "period",
    "genre",
    "entries",
    "problems",
    "plans",
    "problems_auto",
    "plans_auto",
    "options",
    "next_key",
    "drafted",
    "revising",
)


def _content(conversation: Conversation) -> dict[str, Any]:
    data = asdict(conversation)
    return {key: data[key] for key in _CONTENT}


def _from_content(data: dict[str, Any], user: str) -> Conversation:
    return Conversation(
        user=user,
        state=State(data.get("state", "idle")),
        unit=data.get("unit"),
        period=data.get("period"),
        genre=data.get("genre"),
        entries=tuple(Entry(**e) for e in data.get("entries", ())),
        problems=tuple(data.get("problems", ())),
        plans=tuple(data.get("plans", ())),
        problems_auto=bool(data.get("problems_auto", False)),
        plans_auto=bool(data.get("plans_auto", False)),
        options=tuple(Choice(**c) for c in data.get("options", ())),
        next_key=int(data.get("next_key", 1)),
        drafted=bool(data.get("drafted", False)),
        revising=bool(data.get("revising", False)),
    )


def to_record(conversation: Conversation) -> dict[str, Any]:
    record = _content(conversation)
    record.update(
        format=FORMAT,
        user=conversation.user,
        undo=list(conversation.undo),
        last_update=conversation.last_update,
        last_replies=[asdict(r) for r in conversation.last_replies],
    )
    return record


def from_record(record: dict[str, Any]) -> Conversation:
    conversation = _from_content(record, record["user"])
    return replace(
        conversation,
        undo=tuple(record.get("undo", ())),
        last_update=record.get("last_update"),
        last_replies=tuple(
            Reply(
                r["text"],
                tuple(Choice(**c) for c in r.get("choices", ())),
                r.get("document", False),
            )
            for r in record.get("last_replies", ())
        ),
    )


@dataclass(frozen=True)
class Profile:
    """What is remembered of a writer across reports."""

    user: str
    unit: str | None = None
