"""Atomic files and the TinyDB storage: a reader sees the old data or the new, never a mix."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from tinydb import TinyDB

from phrasebank.errors import CorruptDatabase, DatabaseError
from phrasebank.files import AtomicJSONStorage, write_atomic


@pytest.mark.parametrize(("private", "mode"), [(True, 0o600), (False, 0o644)])
def test_write_atomic_replaces_the_file_whole(tmp_path: Path, private: bool, mode: int) -> None:
    path = tmp_path / "sub" / "out.txt"
    write_atomic(path, "旧".encode(), private=private)
    write_atomic(path, "新内容".encode(), private=private)
    assert path.read_text("utf-8") == "新内容"
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert [p.name for p in path.parent.iterdir()] == ["out.txt"]  # no temp file left


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.txt"
    write_atomic(path, b"old")

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_storage_round_trips_chinese_text(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.insert({"text": "开展主题党日"})
    with TinyDB(path, storage=AtomicJSONStorage, read_only=True) as db:
        assert db.all() == [{"text": "开展主题党日"}]
    assert "开展主题党日" in path.read_text("utf-8")  # readable, not \\u escapes


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"{not json", CorruptDatabase),
        (b"\xff\xfe", CorruptDatabase),
        (b'{"_default": [1, 2]}', CorruptDatabase),
    ],
    ids=["not-json", "not-utf8", "wrong-shape"],
)
def test_a_bad_file_is_named_and_left_alone(
    tmp_path: Path, content: bytes, error: type[Exception]
) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    with pytest.raises(error, match=r"db\.json"):
        AtomicJSONStorage(path).read()
    assert path.read_bytes() == content


@pytest.mark.parametrize("content", [None, b"", b"  \n"], ids=["missing", "empty", "blank"])
def test_a_missing_or_empty_file_reads_as_no_data(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "db.json"
    if content is not None:
        path.write_bytes(content)
    assert AtomicJSONStorage(path).read() is None


def test_a_read_only_storage_refuses_to_write(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="只读"):
        AtomicJSONStorage(tmp_path / "db.json", read_only=True).write({})
