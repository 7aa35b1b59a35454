"""Where zongjie's files live and who is at the console: the data directory, the default
bank, the console writer's name."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from phrasebank.bank import Bank
from phrasebank.build import bundled_bank
from phrasebank.store import load_bank

from .parser import UsageError


def data_dir() -> Path:
    """Where zongjie keeps its files unless told otherwise."""
    if configured := os.environ.get("ZONGJIE_DATA_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "zongjie"


LEGACY_CONSOLE_USER = "console"
MAX_WRITER = 64


def default_writer() -> str:
    """The operating-system user: each person at the server has a console conversation."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return str(os.getuid())


def console_user(writer: str) -> str:
    name = writer.strip()
    if not name or len(name) > MAX_WRITER or any(not c.isprintable() for c in name):
        raise UsageError(f"--writer 需要一个不超过 {MAX_WRITER} 个字的名字，例如 --writer 张三")
    return f"console:{name}"


def default_db() -> Path:
    return data_dir() / "phrasebank.json"


def open_bank(db: Path | None) -> Bank:
    """The bank at `db`, or the default bank (mined from the bundled corpus on first use)."""
    if db is not None:
        return load_bank(db)
    path = default_db()
    if not path.exists():
        print("首次使用：正在从内置语料生成短语库……", file=sys.stderr)
    return bundled_bank(path)
