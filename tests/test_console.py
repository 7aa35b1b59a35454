"""`zongjie chat` as a user runs it: piped (the contract's session) and at a terminal."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import pty
import re
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bot.chat import texts
from bot.chat.states import Event
from bot.writer import answers as answers_module
from bot.writer.period import Span, current
from phrasebank.bank import Bank

from .drafts import check_draft

ACTIVITIES = [
    "7月1日组织全体党员到烈士陵园重温入党誓词，46名党员参加",
    "搞了两次读书分享会",
    "书记给新提拔的3名中层干部开展任前廉政谈话",
    "组织25名党员志愿者到公交站点开展文明交通劝导",
]


def zongjie(tmp_path: Path) -> list[str]:
    return [sys.executable, "-m", "bot"]


def env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, ZONGJIE_DATA_DIR=str(tmp_path / "data"))


def test_piped_session_prints_the_draft(tmp_path: Path) -> None:
    session = [
        "/new",
        "江北市交通运输局",
        "2026年上半年",
        "1",
        *ACTIVITIES,
        "/done",
        "自动",
        "/done",
        "自动",
        "/done",
    ]
    result = subprocess.run(
        [*zongjie(tmp_path), "chat"],
        input="\n".join(session) + "\n",
        capture_output=True,
        text=True,
        env=env(tmp_path),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    title = "江北市交通运输局2026年上半年党建工作总结"
    assert title in out
    draft = out[out.index(title) : out.index("报告的 Word 文档")]
    answers = answers_module.from_mapping(
        {
            "unit": "江北市交通运输局",
            "period": "2026年上半年",
            "genre": "summary",
            "activities": ACTIVITIES,
        }
    )
    check_draft(draft, answers)
    saved = re.search(r"已保存到 (.+\.docx)", out)
    assert saved and Path(saved.group(1)).exists()
    assert "待补充" in out
    # Choices are numbered; the period was typed, the genre picked by number.
    assert "  1. 党建工作总结" in out


def test_interactive_session_at_a_terminal(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*zongjie(tmp_path), "chat"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env(tmp_path),
        cwd=tmp_path,
        close_fds=True,
    )
    os.close(follower)
    seen = ""

    def read_until(marker: str) -> str:
        while marker not in seen:
            read_more(marker)
        return seen

    def prompted() -> None:
        # A person types at the prompt: readline may flush what arrives before it.
        while not seen.rstrip(" ").endswith(">"):
            read_more("the prompt")

    def read_more(waiting_for: str) -> None:
        nonlocal seen
        ready, _, _ = select.select([leader], [], [], 60)
        assert ready, f"no {waiting_for!r} in {seen[-500:]!r}"
        seen += os.read(leader, 65536).decode("utf-8", "replace")

    def send(line: str) -> None:
        prompted()
        os.write(leader, (line + "\n").encode())

    try:
        read_until("单位全称")  # greeted and asked at once, without typing /start
        send("某某街道党工委")
        read_until("时间段")
        send("1")
        label = current(Span.QUARTER, dt.date.today()).label
        read_until("哪一种报告")
        assert label in seen
        send("3")
        read_until("做了哪些工作")
        send("带头讲专题党课4次")
        read_until("已记录第 1 项")
        prompted()
        os.write(leader, b"/prev\t\n")  # Tab completes from the declared command table
        read_until("以上是当前草稿")
        prompted()
        os.write(leader, b"\x04")  # Ctrl-D
        read_until("再见")
        assert process.wait(timeout=30) == 0
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
            process.wait()


def test_piped_gbk_input_is_understood(tmp_path: Path) -> None:
    session = "/new\n江北市交通运输局\n2026年\n1\n组织党员观看警示教育片\n/list\n"
    result = subprocess.run(
        [*zongjie(tmp_path), "chat"],
        input=session.encode("gbk"),
        capture_output=True,
        env=env(tmp_path),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0
    assert "1. 【" in out and "组织党员观看警示教育片" in out


def chat(tmp_path: Path, session: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*zongjie(tmp_path), "chat", *args],
        input=session,
        capture_output=True,
        text=True,
        env=env(tmp_path),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_piped_answers_without_new_get_one_hint_and_fail(tmp_path: Path) -> None:
    result = chat(tmp_path, "江北市交通运输局\n2026年\n1\n组织党员观看警示教育片\n")
    assert result.returncode == 1
    assert result.stderr.count(texts.PIPED_START_WITH_NEW) == 1
    assert result.stderr.strip().splitlines()[-1] == texts.PIPED_START_WITH_NEW
    assert result.stdout == ""
    assert not list((tmp_path / "data" / "conversations").glob("*.json"))


def test_a_second_console_on_the_same_conversation_says_so_and_waits(tmp_path: Path) -> None:
    first = subprocess.Popen(
        [*zongjie(tmp_path), "chat", "--writer", "张三"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env(tmp_path),
        text=True,
    )
    assert first.stdin is not None and first.stdout is not None
    first.stdin.write("/new\n")
    first.stdin.flush()
    assert "单位全称" in first.stdout.readline()  # the first holds the conversation now
    second = subprocess.Popen(
        [*zongjie(tmp_path), "chat", "--writer", "张三"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(tmp_path),
        text=True,
    )
    assert second.stdin is not None and second.stderr is not None and second.stdout is not None
    second.stdin.write("江北市交通运输局\n")
    second.stdin.close()
    assert "“张三”的对话正在另一个终端中进行" in second.stderr.readline()
    assert second.poll() is None  # waiting, not interleaving
    first.stdin.write("东湖街道党工委\n")
    first.stdin.close()
    first.stdout.read()
    assert first.wait(60) == 0
    assert second.wait(60) == 0
    out = second.stdout.read()
    # The second went on where the first had left the conversation: at the period question.
    assert "没能看懂时间段“江北市交通运输局”" in out
    first.stdout.close()
    second.stdout.close()
    second.stderr.close()


def test_each_writer_has_a_conversation_and_the_old_console_one_is_kept(tmp_path: Path) -> None:
    from bot.chat.conversation import Conversation, Entry
    from bot.chat.records import to_record
    from bot.chat.states import State

    old = Conversation(
        user="console",
        state=State.ACTIVITIES,
        unit="江北市交通运输局",
        period="2026年",
        genre="summary",
        entries=(Entry(1, "组织党员观看警示教育片", "integrity", 0.9),),
        next_key=2,
    )
    data = tmp_path / "data"
    data.mkdir()
    legacy = data / "conversations.json"
    legacy.write_text(json.dumps({"conversations": {"1": to_record(old)}}), "utf-8")
    mine = chat(tmp_path, "/list\n")
    assert mine.returncode == 0 and "组织党员观看警示教育片" in mine.stdout
    other = chat(tmp_path, "/list\n", "--writer", "李四")
    assert other.returncode == 0 and "组织党员观看警示教育片" not in other.stdout
    assert json.loads(legacy.read_text("utf-8"))["conversations"]["1"]["user"] == "console"


def test_a_read_only_data_directory_is_one_line(
    tmp_path: Path, freeze: Callable[[Path], None]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    freeze(data)
    result = chat(tmp_path, "/new\n")
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("错误：无法在") and "保存对话" in line
    assert list(data.iterdir()) == []


def test_a_damaged_record_is_named_kept_and_one_line(tmp_path: Path) -> None:
    assert chat(tmp_path, "/new\n", "--writer", "w").returncode == 0
    record = tmp_path / "data" / "conversations" / "console%3Aw.json"
    content = json.loads(record.read_text("utf-8"))
    content["conversation"]["state"] = "nonsense"
    record.write_text(json.dumps(content), "utf-8")
    before = tree(tmp_path / "data")
    result = chat(tmp_path, "/list\n", "--writer", "w")
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert str(record) in line and "已损坏" in line and "“nonsense”" in line
    assert "is not a valid" not in line
    assert tree(tmp_path / "data") == before


def test_an_immutable_old_file_is_read_and_left_alone(
    tmp_path: Path, freeze: Callable[[Path], None]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    legacy = data / "conversations.json"
    legacy.write_text(json.dumps({"conversations": {}}), "utf-8")
    freeze(legacy)
    before = legacy.stat()
    result = chat(tmp_path, "/new\n")
    assert result.returncode == 0 and "单位全称" in result.stdout, result.stderr
    after = legacy.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_mode) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_mode,
    )


def test_a_second_export_keeps_the_first(tmp_path: Path, bank: Bank) -> None:
    from bot.chat.dialogue import Engine
    from bot.chat.sessions import ConversationStore
    from bot.shells.console import Console
    from bot.writer.compose import Composer

    engine = Engine(Composer(bank), ConversationStore(None), lambda: dt.date(2026, 11, 21))
    out = io.StringIO()
    console = Console(engine, tmp_path / "exports", "console:w", out)
    session = ["/new", "江北市交通运输局", "2026年", "1", *ACTIVITIES, "/done", "自动", "/done"]
    for line in [*session, "自动", "/done"]:
        console.show(engine.handle("console:w", Event.from_text(line)))
    first = next((tmp_path / "exports").glob("*.docx"))
    kept = first.read_bytes()
    console.show(engine.handle("console:w", Event.from_text("/export")))
    files = sorted(p.name for p in (tmp_path / "exports").glob("*.docx"))
    assert files == [first.name, f"{first.stem}（2）.docx"]
    assert first.read_bytes() == kept
    assert "下面的按钮" not in out.getvalue() and "回复下面列出的序号" in out.getvalue()
