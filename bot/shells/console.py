"""The console chat: the same conversation as the messenger, on stdin and stdout.

Choices are shown as numbered options and answered with their number.
Works interactively (a prompt, line editing) and piped (one answer a line).
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path
from typing import TextIO

from bot.chat import texts
from bot.chat.conversation import Reply
from bot.chat.dialogue import Engine
from bot.chat.library import summary
from bot.chat.states import Event, State
from bot.chat.steps import COMMANDS
from bot.errors import BotError
from phrasebank.files import write_new
from phrasebank.themes import load_lexicon

# /import is the console's own: a path on this machine means nothing to a messenger.
IMPORT = re.compile(r"^\s*/import(?:@\S+)?(?=\s|$)\s*", re.IGNORECASE)


class Console:
    def __init__(self, engine: Engine, exports: Path, user: str, out: TextIO | None = None) -> None:
        self.engine = engine
        self.exports = exports
        self.user = user
        self.out = out or sys.stdout

    def run(self, lines: TextIO | None = None) -> int:
        source = lines or sys.stdin
        interactive = source.isatty() and self.out.isatty()
        if interactive:
            _complete_commands()
            self.show(self.engine.handle(self.user, Event.from_text("/start")))
        while True:
            try:
                line = input("> ") if interactive else _read_line(source)
            except (EOFError, KeyboardInterrupt):
                self.say("\n" + texts.GOODBYE)
                return 0
            if not interactive and line == "":
                return 0
            if not line.strip():
                continue
            if not interactive and self._idle_text(line):
                print(texts.PIPED_START_WITH_NEW, file=sys.stderr, flush=True)
                return 1
            text = line.rstrip("\r\n")
            if IMPORT.match(text):
                self.show(self.import_files(IMPORT.sub("", text)))
                continue
            self.show(self.engine.handle(self.user, Event.from_text(text)))

    def import_files(self, rest: str) -> list[Reply]:
        """/import PATH…: the writer's own reports into their organisation's bank."""
        organisations = self.engine.organisations
        library = organisations.library(self.user) if organisations else None
        try:
            paths = shlex.split(rest)
        except ValueError:
            paths = rest.split()
        if not paths or library is None:
            return [Reply(texts.IMPORT_WHICH)]
        files = [(Path(p).expanduser(), Path(p).name) for p in paths]
        learned = library.add(files)
        return list(summary(learned, load_lexicon()))

    def _idle_text(self, line: str) -> bool:
        """Text piped to a conversation that has not begun: it would be hinted at line by line."""
        return not line.lstrip().startswith("/") and (
            self.engine.store.load(self.user).state is State.IDLE
        )

    def show(self, replies: list[Reply]) -> None:
        for reply in replies:
            if reply.document:
                self.export(reply.text)
                continue
            self.say(texts.on_console(reply.text))
            for number, choice in enumerate(reply.choices, start=1):
                self.say(f"  {number}. {choice.label}")
            self.say("")

    def export(self, caption: str) -> None:
        try:
            name, data = self.engine.document(self.user)
        except BotError as exc:
            self.say(str(exc))
            return
        # An earlier export of the same report is the writer's: keep it, number the new one.
        path = write_new(self.exports / name, data)
        self.say(texts.saved_to(caption, path) + "\n")

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)


def _complete_commands() -> None:
    """Tab completes the commands of the declared command table, where readline exists."""
    try:
        import readline  # noqa: PLC0415 - absent on Windows; only an interactive nicety
    except ImportError:
        return
    names = [f"/{command.name}" for command in COMMANDS]

    def complete(text: str, index: int) -> str | None:
        matches = [name for name in names if name.startswith(text)]
        return matches[index] if index < len(matches) else None

    readline.set_completer_delims(" ")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


def _read_line(source: TextIO) -> str:
    """One piped line, decoded as UTF-8 or, failing that, GBK/GB18030 (Chinese Windows)."""
    buffer = getattr(source, "buffer", None)
    if buffer is None:
        return source.readline()
    raw: bytes = buffer.readline()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")
