"""One writer's conversation as a value: where it stands and everything told so far.

A :class:`Conversation` is what the store persists per user after every step
(see :mod:`bot.chat.records`), so a restarted bot resumes exactly where the
writer left off. It is immutable: each step returns a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .buttons import Button
from .states import After, Role, State

UNDO_DEPTH = 10


@dataclass(frozen=True)
class Choice:
    """An option offered to the writer: a button in Telegram, a numbered line in the console."""

    label: str
    button: Button

    @property
    def data(self) -> str:
        """The button as it travels (Telegram's callback_data)."""
        return self.button.encode()


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
    plan: str | None = None  # the earlier report's plan this activity carried out


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
    auto: frozenset[Role] = frozenset()  # the lists left to the composer
    after: After = After.NEXT
    options: tuple[Choice, ...] = ()  # the choices of the last question, for numbered answers
    next_key: int = 1
    reminded: bool = False  # told which usual themes no activity touches yet
    kind: str | None = None  # the kind of unit, when the writer set it (/kind)
    name: str | None = None  # who reports, in a 述职 (/name)
    # Last period's plans (checklist.py): the plans, how far through, what is awaited
    # (facts of one done, the reason for one not started), and those not carried out.
    checklist: tuple[str, ...] = ()
    checklist_title: str | None = None
    checked: int = 0
    pending: str | None = None
    unmet: tuple[str, ...] = ()
    adding: int | None = None  # the entry whose details the next message adds (补充)
    undo: tuple[Conversation, ...] = ()  # earlier snapshots, without their own undo
    last_update: int | None = None
    last_replies: tuple[Reply, ...] = ()

    def entry(self, number: int) -> Entry | None:
        """The entry shown as number `number` (1-based) in /list."""
        return self.entries[number - 1] if 1 <= number <= len(self.entries) else None

    def number_of(self, key: int) -> int | None:
        return next((i for i, e in enumerate(self.entries, 1) if e.key == key), None)

    def statements(self, role: Role) -> tuple[str, ...]:
        return self.problems if role is Role.PROBLEMS else self.plans

    def with_statements(
        self, role: Role, statements: tuple[str, ...], *, auto: bool
    ) -> Conversation:
        """`statements` as the `role` list; `auto` leaves that list to the composer."""
        roles = self.auto | {role} if auto else self.auto - {role}
        if role is Role.PROBLEMS:
            return replace(self, problems=statements, auto=roles)
        return replace(self, plans=statements, auto=roles)

    def remembered(self) -> Conversation:
        """This conversation with the current one pushed on the undo stack."""
        snapshot = replace(self, undo=(), last_update=None, last_replies=())
        return replace(self, undo=(*self.undo, snapshot)[-UNDO_DEPTH:])

    def undone(self) -> Conversation | None:
        if not self.undo:
            return None
        # Keys handed out stay handed out: an undone activity's buttons must stay dead.
        return replace(
            self.undo[-1],
            user=self.user,
            undo=self.undo[:-1],
            last_update=self.last_update,
            next_key=self.next_key,
        )


@dataclass(frozen=True)
class Profile:
    """What is remembered of a writer across reports."""

    user: str
    unit: str | None = None
