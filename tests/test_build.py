"""The cache key of the default bank: corpus, data files and MINER_VERSION, not source code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from phrasebank import build

Change = Callable[[list[Path], pytest.MonkeyPatch], object]


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    path = tmp_path / "001.txt"
    path.write_text("一、工作情况\n开展学习。\n", encoding="utf-8")
    return [path]


def test_fingerprint_is_stable(corpus: list[Path]) -> None:
    assert build.fingerprint(corpus) == build.fingerprint(corpus)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda paths, mp: paths[0].write_text("一、工作情况\n开展学习。二是…\n"), id="corpus"
        ),
        pytest.param(lambda paths, mp: mp.setattr(build, "MINER_VERSION", -1), id="miner-version"),
    ],
)
def test_fingerprint_changes_with_what_decides_the_bank(
    corpus: list[Path], monkeypatch: pytest.MonkeyPatch, change: Change
) -> None:
    before = build.fingerprint(corpus)
    change(corpus, monkeypatch)
    assert build.fingerprint(corpus) != before


def test_fingerprint_ignores_source_files(
    corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: the key once hashed six modules' source; a comment edit re-mined the bank."""
    before = build.fingerprint(corpus)
    real = Path.read_bytes

    def guarded(path: Path) -> bytes:
        assert path.suffix != ".py", f"fingerprint read source file {path}"
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    assert build.fingerprint(corpus) == before
