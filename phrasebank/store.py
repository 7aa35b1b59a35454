"""Saving and loading phrasebanks: a TinyDB file in the atomic JSON storage of :mod:`.files`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from .bank import Bank, DocumentInfo
from .errors import CorruptDatabase, MissingBank
from .files import AtomicJSONStorage, fsync_dir
from .phrase import Phrase

FORMAT = "zongjie-phrasebank"
FORMAT_VERSION = 1


def check_writable(path: Path) -> None:
    """Refuse to replace a file that exists but is not a phrasebank (never overwrite silently)."""
    if not path.exists():
        return
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
            db.table("meta").insert(
                {"format": FORMAT, "version": FORMAT_VERSION, "dictionary": list(bank.dictionary)}
                | (meta or {})
            )
            db.table("documents").insert_multiple(d.to_record() for d in bank.documents)
            db.table("phrases").insert_multiple(p.to_record() for p in bank.phrases)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def load_meta(path: Path) -> dict[str, Any]:
    """The bank's meta record (format, version, dictionary, corpus fingerprint)."""
    with _open(path) as db:
        return _meta(db, path)


def load_bank(path: Path) -> Bank:
    """The phrasebank stored at `path`; clear errors when missing or corrupt."""
    with _open(path) as db:
        meta = _meta(db, path)
        try:
            phrases = tuple(Phrase.from_record(r) for r in db.table("phrases").all())
            documents = tuple(DocumentInfo.from_record(r) for r in db.table("documents").all())
        except (KeyError, TypeError, ValueError) as exc:
            raise CorruptDatabase(
                str(path), f"中的记录不完整（{exc}），程序没有改动它；请重新运行 zongjie mine"
            ) from exc
    return Bank(phrases, documents, tuple(meta.get("dictionary", ())))


def _open(path: Path) -> TinyDB:
    if not path.exists():
        raise MissingBank(str(path), "不存在；请先运行 zongjie mine 生成短语库")
    return TinyDB(path, storage=AtomicJSONStorage, read_only=True)


def _meta(db: TinyDB, path: Path) -> dict[str, Any]:
    records = db.table("meta").all()
    if not records or records[0].get("format") != FORMAT:
        raise CorruptDatabase(str(path), "不是短语库文件；请先运行 zongjie mine 生成短语库")
    return dict(records[0])
