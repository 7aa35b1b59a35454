"""Shared fixtures: the seed corpus, the bank mined from it, an isolated data directory."""

from __future__ import annotations

import datetime as dt
import tomllib
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
