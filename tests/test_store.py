"""The TinyDB store: atomic writes, clear errors on bad files, the cached bundled bank."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tinydb import TinyDB

from phrasebank import build, store
from phrasebank.bank import Bank
from phrasebank.errors import CorruptDatabase, MissingBank


def test_bank_round_trips(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "bank.json"
    store.save_bank(bank, path, {"corpus": "custom"})
    loaded = store.load_bank(path)
    assert loaded.phrases == bank.phrases
    assert loaded.documents == bank.documents
    assert loaded.dictionary == bank.dictionary
    assert store.load_meta(path)["corpus"] == "custom"


def test_crash_during_save_leaves_the_old_bank_intact(
    tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bank.json"
    store.save_bank(bank, path)
    before = path.read_bytes()

    def crash(src: str, dst: str) -> None:
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.save_bank(Bank(bank.phrases[:3], bank.documents, bank.dictionary), path)
    assert path.read_bytes() == before
    # No temporary file left behind; the old bank's cache still describes it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.json", "bank.json.cache"]
    monkeypatch.undo()
    assert store.load_bank(path).phrases == bank.phrases


def test_atomic_storage_renames_a_synced_temp_file_from_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renames: list[tuple[Path, Path]] = []
    synced: list[int] = []
    real_replace, real_fsync = os.replace, os.fsync

    def spy_replace(src: str, dst: str) -> None:
        renames.append((Path(src), Path(dst)))
        real_replace(src, dst)

    def spy_fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "replace", spy_replace)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    path = tmp_path / "sub" / "db.json"
    with TinyDB(path, storage=store.AtomicJSONStorage) as db:
        db.insert({"活动": "召开支部党员大会"})
    assert renames and all(src.parent == dst.parent == path.parent for src, dst in renames)
    assert len(synced) >= 2  # the file, then its folder
    with TinyDB(path, storage=store.AtomicJSONStorage) as db:
        assert db.all() == [{"活动": "召开支部党员大会"}]


@pytest.mark.parametrize(
    "content",
    [b'{"phrases": {"1": {"id": "x"', b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'{"meta": 5}'],
    ids=["truncated", "binary", "list", "wrong-shape"],
)
def test_corrupt_file_is_named_and_never_overwritten(
    tmp_path: Path, bank: Bank, content: bytes
) -> None:
    path = tmp_path / "bank.json"
    path.write_bytes(content)
    with pytest.raises(CorruptDatabase) as loading:
        store.load_bank(path)
    assert str(path) in str(loading.value)
    with pytest.raises(CorruptDatabase):
        store.save_bank(bank, path)
    assert path.read_bytes() == content


def test_other_json_is_not_replaced_by_a_bank(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "notes.json"
    path.write_text(
        json.dumps({"_default": {"1": {"note": "我的笔记"}}}, ensure_ascii=False), "utf-8"
    )
    with pytest.raises(CorruptDatabase, match="不是短语库文件"):
        store.save_bank(bank, path)
    assert "我的笔记" in path.read_text("utf-8")


def test_missing_bank_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(MissingBank, match="zongjie mine"):
        store.load_bank(tmp_path / "none.json")


def test_bundled_bank_is_mined_once_then_loaded(tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    first = build.bundled_bank(path)
    assert len(first.documents) == 5
    stamp = path.stat().st_mtime_ns
    second = build.bundled_bank(path)
    assert second.phrases == first.phrases
    assert path.stat().st_mtime_ns == stamp


def test_outdated_bundled_bank_is_mined_again(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "bank.json"
    store.save_bank(
        Bank(bank.phrases[:5], bank.documents, bank.dictionary),
        path,
        {"corpus": "bundled", "fingerprint": "old"},
    )
    assert len(build.bundled_bank(path)) == len(bank)


def test_a_custom_bank_at_the_default_path_is_kept(tmp_path: Path, bank: Bank) -> None:
    path = tmp_path / "bank.json"
    store.save_bank(
        Bank(bank.phrases[:5], bank.documents, bank.dictionary), path, {"corpus": "custom"}
    )
    assert len(build.bundled_bank(path)) == 5
