"""Storing phrasebanks (and any other TinyDB data) in JSON files written atomically.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write
leaves half a file. :class:`AtomicJSONStorage` writes a temporary file in the
same folder, fsyncs it and renames it over the old one: a reader sees the old
data or the new, never a mix. A file that does not parse is reported with its
name and left untouched.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from .bank import Bank, DocumentInfo
from .errors import CorruptDatabase, DatabaseError, MissingBank
from .phrase import Phrase

FORMAT = "zongjie-phrasebank"
FORMAT_VERSION = 1


class AtomicJSONStorage(Storage):
    """A TinyDB storage whose every write replaces the whole file atomically."""

    def __init__(
        self, path: str | os.PathLike[str], create_dirs: bool = True, read_only: bool = False
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        if create_dirs and not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DatabaseError(str(self.path), f"无法读取（{exc.strerror or exc}）") from exc
        if not raw.strip():
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorruptDatabase(
                str(self.path),
                "已损坏（不是有效的 JSON），程序没有改动它；请从备份恢复，或移走后重新生成",
            ) from exc
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise CorruptDatabase(
                str(self.path), "的内容格式不对，程序没有改动它；请确认文件路径是否正确"
            )
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise DatabaseError(str(self.path), "以只读方式打开，不能写入")
        write_atomic(
            self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        )

    def close(self) -> None:
        pass


def write_atomic(path: Path, data: bytes, private: bool = True) -> None:
    """Replace `path` with `data`: temp file in the same folder, fsync, rename, fsync the folder.

    A `private` file (a database) is readable by its owner only; an exported
    document gets the usual permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if not private:
            os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


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
        _fsync_dir(path.parent)
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
