"""Errors of the phrasebank package; each message is a sentence a writer can act on."""

from __future__ import annotations


class PhrasebankError(Exception):
    """Base class for everything the phrasebank reports to a user."""


class SourceError(PhrasebankError):
    """A corpus file cannot be used (missing, empty, binary, unknown format or encoding)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}：{reason}")
        self.path = path
        self.reason = reason


class DatabaseError(PhrasebankError):
    """The phrasebank database file cannot be read or written."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"短语库文件 {path} {reason}")
        self.path = path
        self.reason = reason


class CorruptDatabase(DatabaseError):
    """The database file exists but is not a valid phrasebank; it is left untouched."""


class MissingBank(DatabaseError):
    """No phrasebank exists at the given path yet."""
