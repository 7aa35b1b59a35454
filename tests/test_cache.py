"""The compact copy beside a bank file and the indexes kept there: the same bank as the
file, and never trusted when the file changed or the copy is damaged."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from phrasebank import cache, store
from phrasebank.bank import Bank
from phrasebank.matching import Matcher
from phrasebank.phrase import Kind


def _saved(tmp_path: Path, bank: Bank) -> Path:
    path = tmp_path / "bank.json"
    store.save_bank(bank, path, {"corpus": "custom"})
    return path


def _same(loaded: Bank, bank: Bank) -> None:
    assert loaded.phrases == bank.phrases
    assert loaded.documents == bank.documents
    assert loaded.dictionary == bank.dictionary


def test_saving_writes_a_copy_that_loads_as_the_same_bank(tmp_path: Path, bank: Bank) -> None:
    path = _saved(tmp_path, bank)
    assert (cache.folder_of(path) / cache.BANK).exists()
    from_copy = cache.read_bank(cache.BankFiles(path))
    assert from_copy is not None
    _same(from_copy, bank)
    _same(store.load_bank(path), bank)
    assert store.load_meta(path)["corpus"] == "custom"


def test_a_bank_without_a_copy_loads_from_its_file_and_gets_one(tmp_path: Path, bank: Bank) -> None:
    # As a bank saved before there were copies.
    path = _saved(tmp_path, bank)
    cache.BankFiles(path).clear()
    _same(store.load_bank(path), bank)
    assert cache.read_bank(cache.BankFiles(path)) is not None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: b"not a cache at all",
        lambda data: data[:-10] + bytes(10),
        lambda data: data.replace(cache.MAGIC, b"ZJCACHE\x00"),
    ],
    ids=["empty", "truncated", "foreign", "bytes-changed", "bad-magic"],
)
def test_a_damaged_copy_is_ignored_and_written_again(
    tmp_path: Path, bank: Bank, damage: object
) -> None:
    path = _saved(tmp_path, bank)
    copy = cache.folder_of(path) / cache.BANK
    copy.write_bytes(damage(copy.read_bytes()))  # type: ignore[operator]
    _same(store.load_bank(path), bank)
    repaired = cache.read_bank(cache.BankFiles(path))
    assert repaired is not None
    _same(repaired, bank)


def test_a_copy_of_an_older_file_is_never_read_for_a_newer_one(tmp_path: Path, bank: Bank) -> None:
    path = _saved(tmp_path, bank)
    old_copy = (cache.folder_of(path) / cache.BANK).read_bytes()
    fewer = Bank(bank.phrases[:7], bank.documents, bank.dictionary)
    store.save_bank(fewer, path)
    # Another program put the old copy back beside the new file.
    (cache.folder_of(path) / cache.BANK).write_bytes(old_copy)
    assert len(store.load_bank(path)) == 7


def test_a_file_edited_in_place_is_read_from_the_file(tmp_path: Path, bank: Bank) -> None:
    path = _saved(tmp_path, bank)
    data = json.loads(path.read_text("utf-8"))
    first = next(iter(data["phrases"]))
    data["phrases"] = {first: data["phrases"][first]}
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert len(store.load_bank(path)) == 1


def test_an_unwritable_cache_folder_only_means_no_copy(
    tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _saved(tmp_path, bank)
    cache.BankFiles(path).clear()

    def refuse(target: Path, data: bytes, private: bool = True) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(cache, "write_atomic", refuse)
    _same(store.load_bank(path), bank)
    assert not cache.folder_of(path).exists()
    # The indexes are drawn in memory instead.
    assert Matcher(store.load_bank(path)).classify("开展廉政谈话").theme == "integrity"


def test_indexes_are_kept_beside_the_bank_and_match_the_ones_drawn_in_memory(
    tmp_path: Path, bank: Bank
) -> None:
    path = _saved(tmp_path, bank)
    texts = ["开展廉政谈话", "组织党员学习党的二十大精神", "召开支部委员会", "志愿服务进社区"]

    def answers(matcher: Matcher) -> list[object]:
        out: list[object] = []
        for text in texts:
            result = matcher.classify(text)
            out.append((result.theme, result.confidence, result.neighbours))
            out.append([p.id for p in matcher.best(Kind.LEAD, result.theme, text)])
        return out

    expected = answers(Matcher(bank))
    assert answers(Matcher(store.load_bank(path))) == expected  # drawn and kept
    names = {p.name for p in cache.folder_of(path).iterdir()}
    assert any(name.startswith("evidence-") for name in names)
    assert any(name.startswith("group-") for name in names)
    assert answers(Matcher(store.load_bank(path))) == expected  # read back


def test_a_damaged_index_is_drawn_again(tmp_path: Path, bank: Bank) -> None:
    path = _saved(tmp_path, bank)
    Matcher(store.load_bank(path))
    for index in cache.folder_of(path).glob("evidence-*"):
        index.write_bytes(index.read_bytes()[:100])
    result = Matcher(store.load_bank(path)).classify("开展廉政谈话")
    assert result.theme == Matcher(bank).classify("开展廉政谈话").theme


def test_derived_values_are_computed_once_per_bank_file(tmp_path: Path, bank: Bank) -> None:
    path = _saved(tmp_path, bank)
    calls: list[int] = []

    def count() -> int:
        calls.append(1)
        return len(bank)

    assert store.load_bank(path).derived("count", count) == len(bank)
    assert store.load_bank(path).derived("count", count) == len(bank)
    assert len(calls) == 1
    # A new version of the file starts afresh.
    os.utime(path, ns=(1, 1))
    assert store.load_bank(path).derived("count", count) == len(bank)
    assert len(calls) == 2
