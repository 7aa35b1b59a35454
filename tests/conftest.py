"""Shared fixtures: the seed corpus, the bank mined from it, an isolated data directory."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.writer import answers as answers_module
from bot.writer.answers import Answers
from bot.writer.compose import Composer, Composition
from phrasebank import corpus, mining
from phrasebank.bank import Bank

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def load_data(name: str) -> dict[str, Any]:
    with (DATA / name).open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_documents(seed_paths: list[Path]) -> list[corpus.Document]:
    return [corpus.load(path) for path in seed_paths]


@pytest.fixture(scope="session")
def bank(seed_documents: list[corpus.Document]) -> Bank:
    return mining.mine(seed_documents)


ANSWERS_CASES = sorted((DATA / "answers").glob("*.toml"))
DRAFT_DAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="session")
def shared_composer(bank: Bank) -> Composer:
    return Composer(bank)


@pytest.fixture(scope="session", params=ANSWERS_CASES, ids=[p.stem for p in ANSWERS_CASES])
def drafted(
    request: pytest.FixtureRequest, shared_composer: Composer
) -> tuple[Answers, Composition]:
    """Each answers file of tests/data/answers and its composed draft."""
    answers = answers_module.load(request.param, DRAFT_DAY)
    return answers, shared_composer.compose(answers)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own zongjie data directory; nothing touches the user's."""
    path = tmp_path / "zongjie-data"
    monkeypatch.setenv("ZONGJIE_DATA_DIR", str(path))
    return path


@pytest.fixture
def freeze() -> Iterator[Callable[[Path], None]]:
    """Make a file or folder unwritable: `chattr +i` for root (who ignores modes), else chmod."""
    frozen: list[tuple[Path, int]] = []
    root = os.geteuid() == 0

    def apply(path: Path) -> None:
        frozen.append((path, path.stat().st_mode))
        if root:
            if shutil.which("chattr") is None:
                pytest.skip("root ignores file modes and chattr is missing")
            done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
            if done.returncode != 0:
                pytest.skip("root ignores file modes and this file system has no immutable flag")
        else:
            path.chmod(path.stat().st_mode & ~0o222)

    yield apply
    for path, mode in reversed(frozen):
        if root:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)
        path.chmod(mode)
