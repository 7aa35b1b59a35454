"""`zongjie chat` as a user runs it: piped (the contract's session) and at a terminal."""

from __future__ import annotations

import datetime as dt
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

from bot.writer import answers as answers_module
from bot.writer.period import Span, current

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
        nonlocal seen
        while marker not in seen:
            ready, _, _ = select.select([leader], [], [], 60)
            assert ready, f"no {marker!r} in {seen[-500:]!r}"
            seen += os.read(leader, 65536).decode("utf-8", "replace")
        return seen

    def send(line: str) -> None:
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
        os.write(leader, b"/prev\t\n")  # Tab completes from the declared command table
        read_until("以上是当前草稿")
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
