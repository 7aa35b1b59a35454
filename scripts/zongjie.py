#!/usr/bin/env python3
"""Set up zongjie if needed, then run it.

Without arguments it runs the main job: mining the bundled corpus into the
phrasebank and showing what it holds. With arguments it runs ``zongjie ARGS``.
"""

from __future__ import annotations

import sys

from bootstrap import ensure_environment, run, venv_bin


def main() -> int:
    ensure_environment()
    return run([str(venv_bin("zongjie")), *(sys.argv[1:] or ["mine"])])


if __name__ == "__main__":
    sys.exit(main())
