"""The built package: an installed zongjie finds its corpus and data without the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("zongjie-*.whl")
    return built


def test_wheel_carries_the_corpus_and_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = sorted(n for n in names if n.startswith("phrasebank/seeds/"))
    assert [Path(n).name for n in seeds] == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    for data in (
        "phrasebank/data/themes.toml",
        "phrasebank/data/terms.toml",
        "bot/writer/data/genres.toml",
    ):
        assert data in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "zongjie = bot.shells.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_package_mines_its_own_corpus(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "-q",
        "--target",
        str(target),
        str(wheel),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target), ZONGJIE_DATA_DIR=str(tmp_path / "data"))
    probe = "from phrasebank.build import bundled_corpus; print(bundled_corpus())"
    where = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(target)
    mined = subprocess.run(
        [sys.executable, "-m", "bot", "mine", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        check=False,
    )
    assert mined.returncode == 0, mined.stderr
    assert json.loads(mined.stdout)["documents"] == 5
