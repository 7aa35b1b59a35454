#!/usr/bin/env python3
"""Set up zongjie if needed, then run it.

Without arguments it runs the main job: the Telegram bot when a token is
configured (config.toml in the project folder, or ZONGJIE_TOKEN), otherwise
the console chat on the bundled corpus. With arguments it runs ``zongjie ARGS``.
"""

from __future__ import annotations

import os
import sys
import tomllib

from bootstrap import ROOT, ensure_environment, run, venv_bin


def _token_configured(config: str) -> bool:
    if os.environ.get("ZONGJIE_TOKEN", "").strip():
        return True
    try:
        with open(config, "rb") as handle:
            return bool(str(tomllib.load(handle).get("token", "")).strip())
    except FileNotFoundError:
        return False
    except (OSError, tomllib.TOMLDecodeError):
        # A broken config.toml means the writer meant to run the bot: let it say what is wrong.
        return True


def main() -> int:
    ensure_environment()
    args = sys.argv[1:]
    if not args:
        config = str(ROOT / "config.toml")
        if _token_configured(config):
            args = ["telegram", *(["--config", config] if os.path.exists(config) else [])]
        else:
            args = ["chat"]
    return run([str(venv_bin("zongjie")), *args])


if __name__ == "__main__":
    sys.exit(main())
