"""Set-up shared by the two top-level commands: a virtual environment (.venv) with zongjie.

Only the Python standard library is used here, so a fresh machine with
Python 3.11+ needs nothing else. The environment is (re)installed when
pyproject.toml changes, and reused otherwise.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".zongjie-installed"


def _check_python() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script must say so on an older Python
        found = ".".join(map(str, sys.version_info[:3]))
        sys.exit(f"zongjie 需要 Python 3.11 或更高版本，当前是 {found}。")


def venv_bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def ensure_environment() -> Path:
    """The virtual environment's Python, with zongjie and its development tools installed."""
    _check_python()
    wanted = hashlib.sha1((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = venv_bin("python")
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists():
        print("正在创建虚拟环境 .venv ……", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    print("正在安装 zongjie 及其依赖（首次需要几分钟）……", file=sys.stderr)
    command = [
        str(python),
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "-q",
        "-e",
        f"{ROOT}[dev]",
    ]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        sys.exit("安装依赖失败，请检查网络或 pip 配置后重试。")
    STAMP.write_text(wanted)
    return python


def run(argv: list[str]) -> int:
    """Run a command with the environment's bin folder first on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{venv_bin('python').parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(argv, cwd=ROOT, env=env, check=False).returncode
