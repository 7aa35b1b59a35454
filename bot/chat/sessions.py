"""The conversation store: every writer's conversation and profile in one TinyDB file.

Writes go through the atomic JSON storage (temp file, fsync, rename), under
one lock, and each step is saved before its reply is sent: killing the bot at
any moment loses nothing the writer was told was recorded. A corrupt file is
reported with its name and never overwritten.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from bot.errors import StateError
from phrasebank.errors import DatabaseError
from phrasebank.files import AtomicJSONStorage

from . import texts
from .conversation import Conversation, Profile
from .records import from_record, to_record

_USER = Query().user


class ConversationStore:
    """Conversations and profiles in `path`; in memory when `path` is None (for tests)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            if path is None:
                self._db = TinyDB(storage=MemoryStorage)
            else:
                self._db = TinyDB(path, storage=AtomicJSONStorage)
            # Read once now: a corrupt file stops the bot at start, not mid-conversation.
            self._db.tables()
        except DatabaseError as exc:
            raise StateError(texts.store_unreadable(exc.path, exc.reason)) from exc
        self._conversations = self._db.table("conversations")
        self._profiles = self._db.table("profiles")

    def load(self, user: str) -> Conversation:
        with self._lock:
            record = self._conversations.get(user == _USER)
        if record is None:
            return Conversation(user=user)
        try:
            return from_record(dict(record))
        except (KeyError, TypeError, ValueError) as exc:
            raise StateError(texts.record_damaged(self.path, user, exc)) from exc

    def save(self, conversation: Conversation) -> None:
        with self._lock:
            self._conversations.upsert(to_record(conversation), conversation.user == _USER)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's lock across a read-modify-write of one conversation."""
        with self._lock:
            yield

    def profile(self, user: str) -> Profile:
        with self._lock:
            record = self._profiles.get(user == _USER)
        return Profile(user=user, unit=record.get("unit") if record else None)

    def save_profile(self, profile: Profile) -> None:
        with self._lock:
            self._profiles.upsert(
                {"user": profile.user, "unit": profile.unit}, profile.user == _USER
            )

    def close(self) -> None:
        self._db.close()
