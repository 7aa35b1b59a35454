"""Saving and loading phrasebanks: a TinyDB file in the atomic JSON storage of :mod:`.files`,
the bank of record, with a compact copy beside it (:mod:`.cache`) that loads fast."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from . import cache
from .bank import Bank, DocumentInfo
from .errors import CorruptDatabase, MissingBank
from .files import AtomicJSONStorage, fsync_dir
from .phrase import Phrase

log = logging.getLogger(__name__)

FORMAT = "zongjie-phrasebank"
FORMAT_VERSION = 1


def check_writable(path: Path) -> None:
    """Refuse to replace a file that exists but is not a phrasebank (never overwrite silently)."""
    if not path.exists():
        return
    cached = cache.BankFiles(path).read("meta")
    if isinstance(cached, dict) and cached.get("format") == FORMAT:
        return  # the copy of this very file says what it is: no need to parse it all
    data = AtomicJSONStorage(path, read_only=True).read()
    if data is None:
        return
    meta = data.get("meta", {}).get("1", {})
    if meta.get("format") != FORMAT:
        raise CorruptDatabase(str(path), "不是短语库文件，程序没有覆盖它；请换一个 --db 路径")


def save_bank(bank: Bank, path: Path, meta: dict[str, Any] | None = None) -> None:
    """Write `bank` to `path` in one atomic step."""
    check_writable(path)
    # Built in a temporary database and moved into place whole, so that a
    # crash never leaves a bank with some tables new and some old.
    fd, tmp_name = tempfile.mkstemp(
        dir=path.parent if path.parent.exists() else None, suffix=".tmp"
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with TinyDB(tmp, storage=AtomicJSONStorage) as db:
            db.drop_tables()
            db.table("meta").insert(_meta_record(bank, meta))
            db.table("documents").insert_multiple(d.to_record() for d in bank.documents)
            db.table("phrases").insert_multiple(p.to_record() for p in bank.phrases)
        # Renaming keeps the file's size, time and inode: the cache names this very file.
        files = cache.BankFiles(path, cache.key_of(tmp))
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)
    _write_cache(bank, files, _meta_record(bank, meta))


def _meta_record(bank: Bank, meta: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "dictionary": list(bank.dictionary),
    } | (meta or {})


def _write_cache(bank: Bank, files: cache.BankFiles, meta: dict[str, Any]) -> None:
    if cache.write_bank(bank, files):
        files.write("meta", meta)
    cache.attach(bank, files)


def load_meta(path: Path) -> dict[str, Any]:
    """The bank's meta record (format, version, dictionary, corpus fingerprint)."""
    if path.exists():
        cached = cache.BankFiles(path).read("meta")
        if isinstance(cached, dict):
            return cached
    with _open(path) as db:
        return _meta(db, path)


def load_bank(path: Path) -> Bank:
    """The phrasebank stored at `path`; clear errors when missing or corrupt.

    Read from the compact copy beside the file when it is a copy of this very
    file; otherwise from the file, and the copy is written for next time.
    """
    if not path.exists():
        raise MissingBank(str(path), "不存在；请先运行 zongjie mine 生成短语库")
    files = cache.BankFiles(path)
    bank = cache.read_bank(files)
    if bank is not None:
        return bank
    with _open(path) as db, cache.settled():
        meta = _meta(db, path)
        try:
            phrases = tuple(Phrase.from_record(r) for r in db.table("phrases").all())
            documents = tuple(DocumentInfo.from_record(r) for r in db.table("documents").all())
        except (KeyError, TypeError, ValueError) as exc:
            raise CorruptDatabase(
                str(path), f"中的记录不完整（{exc}），程序没有改动它；请重新运行 zongjie mine"
            ) from exc
    bank = Bank(phrases, documents, tuple(meta.get("dictionary", ())))
    if cache.key_of(path) == files.key:
        _write_cache(bank, files, meta)
    else:
        log.info("%s changed while it was read; its cache is written next time", path)
    return bank


def _open(path: Path) -> TinyDB:
    if not path.exists():
        raise MissingBank(str(path), "不存在；请先运行 zongjie mine 生成短语库")
    return TinyDB(path, storage=AtomicJSONStorage, read_only=True)


def _meta(db: TinyDB, path: Path) -> dict[str, Any]:
    records = db.table("meta").all()
    if not records or records[0].get("format") != FORMAT:
        raise CorruptDatabase(str(path), "不是短语库文件；请先运行 zongjie mine 生成短语库")
    return dict(records[0])
