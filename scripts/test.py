#!/usr/bin/env python3
"""Run the whole check suite: ruff (lint and format), mypy, and pytest.

Usage: python3 scripts/test.py [pytest arguments]
"""

from __future__ import annotations

import sys

from bootstrap import ensure_environment, run


def main() -> int:
    python = str(ensure_environment())
    steps = [
        ("ruff check", [python, "-m", "ruff", "check", "."]),
        ("ruff format", [python, "-m", "ruff", "format", "--check", "."]),
        ("mypy", [python, "-m", "mypy"]),
        ("pytest", [python, "-m", "pytest", *sys.argv[1:]]),
    ]
    for name, command in steps:
        print(f"==> {name}", flush=True)
        code = run(command)
        if code != 0:
            print(f"失败：{name}（退出码 {code}）", file=sys.stderr)
            return code
    print("全部通过。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
