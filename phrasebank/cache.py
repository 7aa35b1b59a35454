"""A compact copy of a bank beside its TinyDB file, and the indexes drawn from it.

The TinyDB file stays the bank of record: JSON anyone can read, back up and
diff. Parsing it is slow and large (a 100,000-phrase bank is 115 MB of JSON
and over a gigabyte of dicts), so saving or first loading a bank also writes
``<bank>.cache/``: the bank as interned tuples in :mod:`marshal` form (the
format Python itself uses for .pyc files; loading it runs no code), and, as a
draft asks for them, indexes computed from the bank (the matcher's inverted
index, phrases by sub-topic).

Every cache file names the bank file it was made from (size, modification
time, inode) and carries a checksum of its contents. A cache file of another
bank, another format or with a bad checksum is ignored and written again; a
folder that cannot be written (a read-only data directory) means no cache,
never an error. Nothing in it is ever read instead of a newer bank.
"""

from __future__ import annotations

import gc
import logging
import marshal
import shutil
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .bank import Bank, DocumentInfo
from .files import write_atomic
from .phrase import Kind, Phrase, Source

log = logging.getLogger(__name__)

MAGIC = b"ZJCACHE\n"
# Bump when the layout of a cache file changes: older files are then rewritten.
CACHE_VERSION = 2  # 2: a phrase's own flag
BANK = "bank"

Key = tuple[int, int, int]


def folder_of(path: Path) -> Path:
    return path.with_name(f"{path.name}.cache")


def key_of(path: Path) -> Key | None:
    """What identifies one version of the bank file: a replaced file has another."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


class BankFiles:
    """The cache folder of one bank file."""

    def __init__(self, bank_path: Path, key: Key | None = None) -> None:
        self.bank_path = bank_path
        self.folder = folder_of(bank_path)
        self.key = key if key is not None else key_of(bank_path)

    def read(self, name: str) -> Any | None:
        """The value stored under `name` for this version of the bank; None if absent or bad."""
        path = self.folder / name
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            return _decode(data, self.key)
        except (EOFError, ValueError, TypeError, IndexError) as exc:
            log.info("ignoring the cache file %s: %s", path, exc)
            return None

    def write(self, name: str, value: Any) -> bool:
        """Store `value` (plain data) under `name`, atomically; False if it cannot be written."""
        if self.key is None:
            return False
        try:
            write_atomic(self.folder / name, _encode(value, self.key))
        except (OSError, ValueError) as exc:
            log.info("could not write the cache file %s: %s", self.folder / name, exc)
            return False
        return True

    def clear(self) -> None:
        """Forget every cached file (a new version of the bank makes them all stale)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _encode(value: Any, key: Key) -> bytes:
    body = marshal.dumps(value)
    head = marshal.dumps((CACHE_VERSION, key, zlib.crc32(body), len(body)))
    return MAGIC + len(head).to_bytes(4, "little") + head + body


def _decode(data: bytes, key: Key | None) -> Any:
    if not data.startswith(MAGIC):
        raise ValueError("not a zongjie cache file")
    view = memoryview(data)
    start = len(MAGIC) + 4
    size = int.from_bytes(view[len(MAGIC) : start], "little")
    version, stored_key, checksum, length = marshal.loads(view[start : start + size])
    if version != CACHE_VERSION:
        raise ValueError(f"cache format {version}, not {CACHE_VERSION}")
    if key is None or tuple(stored_key) != key:
        raise ValueError("made from another version of the bank")
    body = view[start + size :]
    if len(body) != length or zlib.crc32(body) != checksum:
        raise ValueError("checksum mismatch")
    return marshal.loads(body)


# ------------------------------------------------------------------ the bank


def write_bank(bank: Bank, files: BankFiles) -> bool:
    """Write `bank` compactly into `files` (replacing every older cache file)."""
    files.clear()
    return files.write(BANK, encode_bank(bank))


def read_bank(files: BankFiles) -> Bank | None:
    """The bank in `files`, or None when there is no usable cache of this bank file."""
    data = files.read(BANK)
    if data is None:
        return None
    try:
        with settled():
            bank = decode_bank(data)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        log.info("ignoring the cached bank in %s: %s", files.folder, exc)
        return None
    attach(bank, files)
    return bank


def attach(bank: Bank, files: BankFiles) -> None:
    """Let `bank` keep the indexes drawn from it in `files` (see :meth:`Bank.derived`)."""
    object.__setattr__(bank, "_files", files)


def encode_bank(bank: Bank) -> tuple[Any, ...]:
    """The bank as plain tuples; equal strings become one object, which marshal stores once."""
    pool: dict[Any, Any] = {}

    def same(value: Any) -> Any:
        return pool.setdefault(value, value)

    table: dict[tuple[str, str, int], int] = {}

    def source(s: Source) -> int:
        return table.setdefault((same(s.document), same(s.path), s.line), len(table))

    rows = tuple(
        (
            p.id,
            same(str(p.kind)),
            same(p.theme),
            same(p.role),
            same(p.text),
            same(p.template),
            same(tuple(same(s) for s in p.slots)),
            source(p.source),
            tuple(source(s) for s in p.sources),
            p.era,
            same(p.stale),
            same(p.trade),
            tuple(same(k) for k in p.keys),
            p.frequency,
            p.parent,
            p.own,
        )
        for p in bank.phrases
    )
    documents = tuple(
        (d.name, d.path, d.encoding, d.title, d.year, d.sections, d.warnings)
        for d in bank.documents
    )
    return (tuple(table), rows, documents, bank.dictionary)


def decode_bank(data: tuple[Any, ...]) -> Bank:
    table, rows, documents, dictionary = data
    kinds = {str(kind): kind for kind in Kind}
    sources = [Source(*row) for row in table]
    at = sources.__getitem__
    phrases = tuple(
        Phrase(
            r[0],
            kinds[r[1]],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            sources[r[7]],
            tuple(map(at, r[8])),
            r[9],
            r[10],
            r[11],
            r[12],
            r[13],
            r[14],
            r[15],
        )
        for r in rows
    )
    infos = tuple(DocumentInfo(*row) for row in documents)
    return Bank(phrases, infos, tuple(dictionary))


@contextmanager
def settled() -> Iterator[None]:
    """Build a large, long-lived structure without the cyclic garbage collector.

    Building 100,000 records would run the collector over the growing heap again
    and again, and every later collection would walk them all: a bank of that size
    made the first draft after loading spend half a second in the collector.
    Records hold no cycles, so they are built with it off and then frozen
    (:func:`gc.freeze`): left out of every later collection, still freed by
    reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
