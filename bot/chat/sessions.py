"""The conversation store: one record per writer, written atomically, locked across processes.

Each writer's conversation and profile live in a file of their own under
``DATA_DIR/conversations/``. A step reads one file and replaces one file
(temp file, fsync, rename), so its cost does not depend on how many writers
there are, and a process killed at any moment leaves the old record or the
new, never a mix. Writers to one record take an OS lock (flock) on its lock
file; the kernel drops it when the holder dies, so no crash leaves a stale
lock. Every record carries a revision, which lets the engine compose a draft
outside the lock and save only if nobody stepped in between.

The single TinyDB file of earlier versions (``conversations.json``) is read
once and copied record by record; it is left as it was. A record that does
not parse is reported with its file name and never overwritten.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import StateError
from phrasebank.errors import DatabaseError
from phrasebank.files import AtomicJSONStorage, Busy, file_lock, write_atomic

from . import texts
from .conversation import Conversation, Profile
from .records import UnknownValue, from_record, to_record

RECORDS = "conversations"
LEGACY = "conversations.json"
MIGRATED = ".migrated"
FORMAT = 1  # of the file around the conversation record
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")


@dataclass(frozen=True)
class Stored:
    """One writer's record as read: the conversation, the remembered unit, and its revision."""

    conversation: Conversation
    unit: str | None = None
    revision: int = 0


def file_name(user: str) -> str:
    """`user` as a file name: lower-case ASCII kept, everything else %-encoded.

    Upper-case letters are encoded too, so two writers never share a file on a
    case-insensitive file system.
    """
    encoded = "".join(
        c if c in _SAFE else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in user
    )
    return encoded if not encoded.startswith(".") else "%2E" + encoded[1:]


class ConversationStore:
    """Conversations under `data_dir`; in memory when `data_dir` is None (for tests)."""

    def __init__(self, data_dir: Path | None) -> None:
        self.folder = None if data_dir is None else data_dir / RECORDS
        self._memory: dict[str, bytes] = {}
        self._mutex = threading.RLock()  # the memory store's lock
        if data_dir is not None:
            self._prepare(data_dir)

    # ------------------------------------------------------------ reading

    def read(self, user: str) -> Stored:
        """The writer's record as it is now (a new conversation if there is none)."""
        raw = self._read_bytes(user)
        if raw is None:
            return Stored(Conversation(user=user))
        return self._parse(user, raw)

    def load(self, user: str) -> Conversation:
        return self.read(user).conversation

    def profile(self, user: str) -> Profile:
        return Profile(user=user, unit=self.read(user).unit)

    def revision(self, user: str) -> int:
        return self.read(user).revision

    # ------------------------------------------------------------ writing

    @contextmanager
    def locked(self, user: str) -> Iterator[None]:
        """Hold the writer's lock across a read-modify-write of their record."""
        if self.folder is None:
            with self._mutex:
                yield
            return
        with ExitStack() as held:
            try:
                held.enter_context(file_lock(self._path(user, ".lock")))
            except OSError as exc:
                raise StateError(texts.store_unwritable(self.folder, _reason(exc))) from exc
            yield

    def write(self, conversation: Conversation, unit: str | None, revision: int) -> None:
        """Replace the writer's record; call it holding :meth:`locked`."""
        record: dict[str, Any] = {
            "format": FORMAT,
            "user": conversation.user,
            "revision": revision,
            "conversation": to_record(conversation),
            "profile": {"unit": unit},
        }
        data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._write_bytes(conversation.user, data)

    def save(self, conversation: Conversation) -> None:
        with self.locked(conversation.user):
            stored = self.read(conversation.user)
            self.write(conversation, stored.unit, stored.revision + 1)

    def save_profile(self, profile: Profile) -> None:
        with self.locked(profile.user):
            stored = self.read(profile.user)
            self.write(stored.conversation, profile.unit, stored.revision + 1)

    def adopt(self, old: str, new: str) -> bool:
        """Move `old`'s record to `new` when `new` has none yet (the shared console of old)."""
        if self.folder is None or old == new:
            return False
        with self.locked(old), self.locked(new):
            if self._read_bytes(new) is not None or self._read_bytes(old) is None:
                return False
            stored = self.read(old)
            conversation = from_record({**to_record(stored.conversation), "user": new})
            self.write(conversation, stored.unit, stored.revision + 1)
            self._path(old).unlink()
            return True

    @contextmanager
    def session(self, user: str, on_busy: Callable[[], None]) -> Iterator[None]:
        """Hold the writer's conversation for one console run.

        A second console on the same conversation calls `on_busy` (to say so)
        and waits until the first ends: two consoles never interleave.
        """
        if self.folder is None:
            yield
            return
        path = self._path(user, ".session")
        with ExitStack() as held:
            try:
                held.enter_context(file_lock(path, wait=False))
            except Busy:
                on_busy()
                held.enter_context(file_lock(path))
            yield

    def close(self) -> None:
        """Nothing stays open between steps; kept for the adapters' symmetry."""

    # ------------------------------------------------------------ files

    def _path(self, user: str, suffix: str = ".json") -> Path:
        assert self.folder is not None
        return self.folder / f"{file_name(user)}{suffix}"

    def _read_bytes(self, user: str) -> bytes | None:
        if self.folder is None:
            with self._mutex:
                return self._memory.get(user)
        path = self._path(user)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StateError(texts.record_unreadable(path, _reason(exc))) from exc

    def _write_bytes(self, user: str, data: bytes) -> None:
        if self.folder is None:
            with self._mutex:
                self._memory[user] = data
            return
        path = self._path(user)
        if _read_only(path):
            # Made read-only by someone on purpose: not ours to replace.
            raise StateError(texts.record_read_only(path))
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise StateError(texts.store_unwritable(path, _reason(exc))) from exc

    def _parse(self, user: str, raw: bytes) -> Stored:
        where = self._path(user) if self.folder is not None else texts.MEMORY
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StateError(texts.record_damaged(where, user, texts.NOT_JSON)) from exc
        try:
            conversation = from_record(record["conversation"])
            unit = record.get("profile", {}).get("unit")
            revision = int(record.get("revision", 0))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StateError(texts.record_damaged(where, user, _problem(exc))) from exc
        if conversation.user != user:
            raise StateError(texts.record_damaged(where, user, texts.WRONG_USER))
        return Stored(conversation, unit if isinstance(unit, str) else None, revision)

    # ------------------------------------------------------------ upgrade

    def _prepare(self, data_dir: Path) -> None:
        assert self.folder is not None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(texts.store_unwritable(data_dir, _reason(exc))) from exc
        legacy = data_dir / LEGACY
        marker = self.folder / MIGRATED
        if not legacy.exists() or marker.exists():
            return
        try:
            with file_lock(self.folder / ".migrate.lock"):
                if not marker.exists():
                    self._migrate(legacy)
                    write_atomic(marker, f"{legacy.name}\n".encode())
        except OSError as exc:
            raise StateError(texts.store_unwritable(self.folder, _reason(exc))) from exc

    def _migrate(self, legacy: Path) -> None:
        """Copy each record of the old single file to a file of its own; the old file stays."""
        try:
            data = AtomicJSONStorage(legacy, read_only=True).read() or {}
        except DatabaseError as exc:
            raise StateError(texts.store_unreadable(exc.path, exc.reason)) from exc
        units: dict[str, str | None] = {}
        for record in data.get("profiles", {}).values():
            if isinstance(record, dict) and isinstance(record.get("user"), str):
                units[record["user"]] = record.get("unit")
        for record in data.get("conversations", {}).values():
            try:
                conversation = from_record(dict(record))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                user = record.get("user", "?") if isinstance(record, dict) else "?"
                raise StateError(texts.record_damaged(legacy, user, _problem(exc))) from exc
            if self._read_bytes(conversation.user) is None:
                self.write(conversation, units.pop(conversation.user, None), 1)
        for user, unit in units.items():
            if self._read_bytes(user) is None:
                self.write(Conversation(user=user), unit, 1)


def _read_only(path: Path) -> bool:
    """No write permission for anyone: set on purpose (root's own access ignores modes)."""
    try:
        return path.stat().st_mode & 0o222 == 0
    except FileNotFoundError:
        return False


def _reason(exc: OSError) -> str:
    return texts.os_reason(exc.errno, exc.strerror or str(exc))


def _problem(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return texts.missing_field(str(exc.args[0]) if exc.args else "?")
    return str(exc) if isinstance(exc, UnknownValue) else texts.BAD_FIELDS
