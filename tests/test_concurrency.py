"""Many processes on one data directory: the bot with several Telegram users and console chats
of different writers, at once, and killed at random moments. Nothing a writer was told was
recorded is lost, and no draft holds another unit's items."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.chat.sessions import ConversationStore
from phrasebank.bank import Bank
from phrasebank.build import bundled_meta
from phrasebank.store import save_bank

from .fakebotapi import FakeBotAPI
from .test_telegram import BotProcess, until

TIMEOUT = 120.0
ITEMS = 4
ROUNDS = 20
TELEGRAM_USERS = [30_001, 30_002, 30_003]
CONSOLES = 9
ACK = re.compile(r"已记录第 \d+ 项：(.*)")
TEMPLATES = (
    "组织党员{n}人参加第{j}次集中学习",
    "开展第{j}次主题党日活动，{n}名党员参加",
    "召开第{j}次廉政警示教育会，{n}人参加",
    "组织{n}名党员志愿者开展第{j}次文明交通劝导",
)


def fact(tag: int, j: int) -> str:
    """The j-th item of the writer tagged `tag`; `第{tag}号` names the writer in any draft."""
    return f"第{tag}号活动" + TEMPLATES[j % len(TEMPLATES)].format(n=10 + j, j=j)


def unit(tag: int) -> str:
    return f"第{tag}号单位交通运输局"


class ConsoleProcess:
    """`zongjie chat --writer NAME` fed one line at a time, its output read as it comes."""

    def __init__(self, data: Path, writer: str) -> None:
        self.writer = writer
        self.lines: list[str] = []
        self.cond = threading.Condition()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "chat", "--writer", writer],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, ZONGJIE_DATA_DIR=str(data)),
            text=True,
            encoding="utf-8",
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()
        with self.cond:
            self.lines.append("\0eof")
            self.cond.notify_all()

    def say(self, text: str) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(text + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):  # killed already: this line was never told
            pass

    def until(self, marker: str, since: int = 0) -> int:
        """Wait for an output line containing `marker` (at or after line `since`); its index."""

        def found() -> int | None:
            lines = enumerate(self.lines)
            return next((i for i, line in lines if i >= since and marker in line), None)

        with self.cond:
            if not self.cond.wait_for(
                lambda: found() is not None or "\0eof" in self.lines, TIMEOUT
            ):
                raise AssertionError(f"{self.writer}: no {marker!r} in {self.lines[-10:]}")
            index = found()
            if index is None:
                raise AssertionError(f"{self.writer}: ended without {marker!r}: {self.lines[-10:]}")
            return index

    def acknowledged(self) -> set[str]:
        with self.cond:
            return {m.group(1) for line in self.lines if (m := ACK.match(line))}

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(TIMEOUT)
        self.reader.join(TIMEOUT)
        self._close()

    def _close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except (BrokenPipeError, ValueError):
                pass

    def finish(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(TIMEOUT) == 0
        self.reader.join(TIMEOUT)
        self._close()


@pytest.fixture
def data(tmp_path: Path, bank: Bank) -> Path:
    """A data directory with the bank already mined, as a server has after its first start."""
    folder = tmp_path / "data"
    save_bank(bank, folder / "phrasebank.json", bundled_meta())
    return folder


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def bot(api: FakeBotAPI, data: Path) -> Iterator[BotProcess]:
    process = BotProcess(api, data.parent, TELEGRAM_USERS)
    process.start()
    yield process
    process.stop()


def in_parallel(jobs: list[Callable[[], None]]) -> None:
    errors: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        try:
            job()
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    assert not errors, errors


def stored_texts(data: Path, user: str) -> set[str]:
    return {e.text for e in ConversationStore(data).load(user).entries}


def check_draft(draft: str, tag: int, others: list[int]) -> None:
    assert draft.startswith(unit(tag)), draft[:60]
    for j in range(1, ITEMS + 1):
        assert fact(tag, j) in draft, (fact(tag, j), draft)
    foreign = [other for other in others if f"第{other}号" in draft]
    assert foreign == [], foreign


def test_ten_processes_at_once_each_store_and_draft_their_own(
    api: FakeBotAPI, bot: BotProcess, data: Path
) -> None:
    console_tags = list(range(201, 201 + CONSOLES))
    tags = TELEGRAM_USERS + console_tags

    def telegram_writer(user: int) -> None:
        for text, marker in (
            ("/new", "单位全称"),
            (unit(user), "时间段"),
            ("2026年第三季度", "哪一种报告"),
            ("1", "做了哪些工作"),
            *((fact(user, j), f"已记录第 {j} 项") for j in range(1, ITEMS + 1)),
            ("/done", "存在的问题"),
            ("自动", "由我根据"),
            ("/done", "下一步打算"),
            ("自动", "由我针对"),
        ):
            api.user_says(user, text)
            until(api, user, marker, timeout=TIMEOUT)
        api.user_says(user, "/done")
        draft = until(api, user, f"{unit(user)}2026年第三季度党建工作总结", timeout=TIMEOUT)
        check_draft(draft.text or "", user, [t for t in tags if t != user])

    def console_writer(tag: int) -> None:
        session = [
            "/new",
            unit(tag),
            "2026年第三季度",
            "1",
            *(fact(tag, j) for j in range(1, ITEMS + 1)),
            *("/done", "自动", "/done", "自动", "/done"),
        ]
        result = subprocess.run(
            [sys.executable, "-m", "bot", "chat", "--writer", f"写作者{tag}"],
            input="\n".join(session) + "\n",
            capture_output=True,
            text=True,
            env=dict(os.environ, ZONGJIE_DATA_DIR=str(data)),
            timeout=TIMEOUT,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        out = result.stdout
        told = {m.group(1) for line in out.splitlines() if (m := ACK.match(line))}
        assert told == {fact(tag, j) for j in range(1, ITEMS + 1)}, out
        title = f"{unit(tag)}2026年第三季度党建工作总结"
        check_draft(out[out.index(title) :], tag, [t for t in tags if t != tag])

    jobs: list[Callable[[], None]] = [lambda u=u: telegram_writer(u) for u in TELEGRAM_USERS]
    jobs += [lambda t=t: console_writer(t) for t in console_tags]
    in_parallel(jobs)
    for user in TELEGRAM_USERS:
        assert stored_texts(data, f"telegram:{user}") == {
            fact(user, j) for j in range(1, ITEMS + 1)
        }
    for tag in console_tags:
        assert stored_texts(data, f"console:写作者{tag}") == {
            fact(tag, j) for j in range(1, ITEMS + 1)
        }


def test_processes_killed_at_random_moments_lose_nothing_they_acknowledged(
    api: FakeBotAPI, bot: BotProcess, data: Path
) -> None:
    rng = random.Random(int(os.environ.get("ZONGJIE_KILL_SEED", "8")))
    console_tags = list(range(301, 301 + CONSOLES))
    consoles = {tag: ConsoleProcess(data, f"写作者{tag}") for tag in console_tags}
    told: dict[str, set[str]] = {}

    def telegram_start(user: int) -> None:
        for text, marker in (
            ("/new", "单位全称"),
            (unit(user), "时间段"),
            ("2026年", "哪一种报告"),
            ("1", "做了哪些工作"),
        ):
            api.user_says(user, text)
            until(api, user, marker, timeout=TIMEOUT)

    def console_start(tag: int) -> None:
        console = consoles[tag]
        for text, marker in (
            ("/new", "单位全称"),
            (unit(tag), "时间段"),
            ("2026年", "哪一种报告"),
            ("1", "做了哪些工作"),
        ):
            since = len(console.lines)
            console.say(text)
            console.until(marker, since)

    in_parallel(
        [lambda u=u: telegram_start(u) for u in TELEGRAM_USERS]
        + [lambda t=t: console_start(t) for t in console_tags]
    )

    def telegram_told(user: int) -> set[str]:
        return {m.group(1) for message in api.sent_to(user) if (m := ACK.match(message.text or ""))}

    def telegram_item(user: int, round_: int, victim: int | str) -> None:
        api.user_says(user, fact(user, 100 + round_))
        if victim != "bot":
            until(api, user, fact(user, 100 + round_), timeout=TIMEOUT)

    def console_item(tag: int, round_: int, victim: int | str) -> None:
        console = consoles[tag]
        since = len(console.lines)
        console.say(fact(tag, 100 + round_))
        if tag != victim:
            console.until(fact(tag, 100 + round_), since)

    for round_ in range(ROUNDS):
        victim: int | str = rng.choice(["bot", *console_tags])
        # After the victim's item is sent: before, during or after its step.
        moment = rng.uniform(0.0, 0.08)
        killer = threading.Timer(
            moment,
            bot.kill if victim == "bot" else consoles[int(victim)].kill,
        )
        killer.start()
        in_parallel(
            [lambda u=u, r=round_, v=victim: telegram_item(u, r, v) for u in TELEGRAM_USERS]
            + [lambda t=t, r=round_, v=victim: console_item(t, r, v) for t in console_tags]
        )
        killer.join(TIMEOUT)
        if victim == "bot":
            bot.start()
            for user in TELEGRAM_USERS:
                # Updates are handled in order: once /list is answered, whatever the dead bot
                # had not confirmed has been handled by the new one.
                api.user_says(user, "/list")
                until(api, user, "已记录的工作", timeout=TIMEOUT)
        else:
            tag = int(victim)
            told[f"console:写作者{tag}"] = told.get(f"console:写作者{tag}", set()) | (
                consoles[tag].acknowledged()
            )
            consoles[tag] = ConsoleProcess(data, f"写作者{tag}")
        for user in TELEGRAM_USERS:
            told[f"telegram:{user}"] = telegram_told(user)
        for tag, console in consoles.items():
            key = f"console:写作者{tag}"
            told[key] = told.get(key, set()) | console.acknowledged()
        for key, facts in told.items():
            missing = facts - stored_texts(data, key)
            assert not missing, f"round {round_}, victim {victim}: {key} lost {missing}"
    for console in consoles.values():
        console.finish()
    assert sum(len(facts) for facts in told.values()) >= ROUNDS * len(told) // 2
