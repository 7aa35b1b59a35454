"""Files written atomically, and the TinyDB storage built on that.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write
leaves half a file. :class:`AtomicJSONStorage` writes a temporary file in the
same folder, fsyncs it and renames it over the old one: a reader sees the old
data or the new, never a mix. A file that does not parse is reported with its
name and left untouched.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .errors import CorruptDatabase, DatabaseError


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
    fsync_dir(path.parent)


def write_new(path: Path, data: bytes) -> Path:
    """Write `data` under `path`'s name or, if that is taken, `name（2）`, `name（3）` …

    Never replaces a file: each name is claimed with a hard link, which fails
    when the name exists, so two processes writing at once get two files.
    Returns the path written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        number = 1
        while True:
            target = (
                path if number == 1 else path.with_name(f"{path.stem}（{number}）{path.suffix}")
            )
            try:
                os.link(tmp, target)
            except FileExistsError:
                number += 1
                continue
            fsync_dir(path.parent)
            return target
    finally:
        Path(tmp).unlink(missing_ok=True)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (where the platform allows)."""
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


class Busy(Exception):
    """Another process holds the lock asked for without waiting."""


@contextmanager
def file_lock(path: Path, *, wait: bool = True) -> Iterator[None]:
    """Hold an exclusive OS lock (flock) on `path` across processes.

    The kernel drops the lock when its holder dies, even by SIGKILL, so a
    crashed process never leaves a stale lock behind. With `wait` false a held
    lock raises :class:`Busy` at once.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise Busy(str(path)) from exc
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise Busy(str(path)) from exc
            raise
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
