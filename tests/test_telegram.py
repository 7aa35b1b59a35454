"""End to end: the real bot process (python-telegram-bot's polling loop over httpx) against a
fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from bot.chat.steps import COMMANDS
from bot.writer import answers as answers_module

from .drafts import check_draft
from .fakebotapi import DROP, FakeBotAPI, SentMessage

WRITER = 4242
STRANGER = 777
TIMEOUT = 60.0


class BotProcess:
    """`zongjie telegram` as a child process, pointed at the fake server."""

    def __init__(
        self,
        api: FakeBotAPI,
        folder: Path,
        allowed: list[int],
        log_level: str = "INFO",
        extra: str = "",
    ) -> None:
        self.api = api
        self.folder = folder
        self.config = folder / "config.toml"
        self.config.write_text(
            f'token = "{api.token}"\n'
            f"allowed_users = {json.dumps(allowed)}\n"
            f'base_url = "{api.base_url}"\n'
            f'data_dir = "{folder / "data"}"\n'
            f'log_level = "{log_level}"\n' + extra,
            "utf-8",
        )
        self.log = folder / "bot.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.reader: threading.Thread | None = None

    def start(self) -> None:
        """Start the bot and wait until python-telegram-bot says it is serving.

        "Application started" is logged once polling (or the webhook server) runs.
        """
        started = threading.Event()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "telegram", "--config", str(self.config)],
            cwd=self.folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={k: v for k, v in os.environ.items() if k != "ZONGJIE_TOKEN"},
        )
        self.reader = threading.Thread(target=self._copy_log, args=(self.process, started))
        self.reader.start()
        if not started.wait(TIMEOUT):
            self.stop()
            raise AssertionError(
                f"the bot did not start:\n{self.log.read_text('utf-8', 'replace')}"
            )

    def _copy_log(self, process: subprocess.Popen[bytes], started: threading.Event) -> None:
        assert process.stdout is not None
        with self.log.open("ab") as log, process.stdout:
            for line in process.stdout:
                log.write(line)
                log.flush()
                if b"Application started" in line:
                    started.set()

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=TIMEOUT)
        self._join()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._join()

    def _join(self) -> None:
        if self.reader is not None:
            self.reader.join(timeout=TIMEOUT)
            self.reader = None

    @property
    def conversations(self) -> str:
        folder = self.folder / "data" / "conversations"
        return "".join(p.read_text("utf-8") for p in sorted(folder.glob("*.json")))


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def bot(api: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(api, tmp_path, [WRITER, *range(10_000, 10_050)])
    process.start()
    yield process
    process.stop()
    assert api.token not in process.log.read_text("utf-8", "replace")


def until(api: FakeBotAPI, chat: int, marker: str, timeout: float = TIMEOUT) -> SentMessage:
    """Read the bot's replies to `chat` until one contains `marker`."""
    seen = []
    while True:
        try:
            (message,) = api.wait_for_reply(chat, 1, timeout)
        except AssertionError as exc:
            raise AssertionError(f"no reply containing {marker!r}; got {seen}") from exc
        seen.append(message.text or message.filename)
        if marker in (message.text or "") or marker == message.filename:
            return message


def press(api: FakeBotAPI, chat: int, message: SentMessage, label: str) -> None:
    api.user_presses(chat, message.callback_data(label), message.message_id, chat_id=chat)


def test_whole_conversation_through_buttons_and_text(api: FakeBotAPI, bot: BotProcess) -> None:
    commands = {c["command"] for c in api.commands()}
    assert commands == {command.name for command in COMMANDS}
    api.user_says(WRITER, "/start")
    until(api, WRITER, "单位全称")
    api.user_says(WRITER, "江北市交通运输局")
    question = until(api, WRITER, "时间段")
    assert len(question.buttons) == 6
    api.user_says(WRITER, "2026年上半年")  # free text works as well as a button
    genre = until(api, WRITER, "哪一种报告")
    press(api, WRITER, genre, "落实全面从严治党主体责任情况报告")
    until(api, WRITER, "做了哪些工作")
    api.user_says(
        WRITER, "1.组织25名党员志愿者到公交站点开展文明交通劝导；2.局党组理论学习中心组集中学习6次"
    )
    recorded = until(api, WRITER, "已记录第 1 项")
    until(api, WRITER, "已记录第 2 项")
    assert ("改主题", "retheme:1") in recorded.buttons
    # Change the theme of item 1 through its buttons.
    press(api, WRITER, recorded, "改主题")
    themes = until(api, WRITER, "改为哪个主题")
    press(api, WRITER, themes, "群团与精神文明")
    until(api, WRITER, "主题：群团与精神文明")
    # The theme question is answered once, so its buttons go; the item's own stay.
    assert api.message(WRITER, themes.message_id).buttons == []
    assert api.message(WRITER, recorded.message_id).buttons == recorded.buttons
    api.user_sends_photo(WRITER)
    until(api, WRITER, "只能处理文字")
    api.user_says(WRITER, "/done")
    problems = until(api, WRITER, "存在的问题")
    picks = [label for label, _ in problems.buttons if label.startswith("选用：")]
    assert picks
    press(api, WRITER, problems, picks[0])
    until(api, WRITER, "已记录问题")
    api.user_says(WRITER, "/done")
    plans = until(api, WRITER, "下一步打算")
    press(api, WRITER, plans, "自动")
    until(api, WRITER, "由我针对问题")
    press(api, WRITER, plans, "完成")
    title = "江北市交通运输局2026年上半年落实全面从严治党主体责任情况报告"
    draft = until(api, WRITER, title)
    document = until(api, WRITER, f"{title}.docx")
    until(api, WRITER, "待补充")
    assert document.kind == "document" and document.data
    opened = docx.Document(io.BytesIO(document.data))
    # The long title is broken into lines within its one paragraph.
    assert opened.paragraphs[0].text.replace("\n", "") == title
    answers = answers_module.from_mapping(
        {
            "unit": "江北市交通运输局",
            "period": "2026年上半年",
            "genre": "responsibility",
            "activities": [
                "组织25名党员志愿者到公交站点开展文明交通劝导",
                "局党组理论学习中心组集中学习6次",
            ],
        }
    )
    check_draft(draft.text or "", answers)
    # Every callback query was answered.
    for request in api.requests("answerCallbackQuery"):
        assert request.ok


def test_a_stranger_is_refused_and_leaves_no_trace(api: FakeBotAPI, bot: BotProcess) -> None:
    api.user_says(WRITER, "/start")
    question = until(api, WRITER, "单位全称")
    api.user_says(STRANGER, "/start")
    refusal = until(api, STRANGER, "仅供本单位授权人员使用")
    api.user_says(STRANGER, "组织党员观看警示教育片")
    until(api, STRANGER, "仅供本单位授权人员使用")
    # A button press from a stranger (on a message of their own chat) is refused too.
    api.user_presses(STRANGER, "genre:summary", refusal.message_id, check_button=False)
    answered = api.wait_for(lambda r: r.method == "answerCallbackQuery", timeout=TIMEOUT)
    assert "授权" in answered.params.get("text", "")
    api.user_says(WRITER, "江北市交通运输局")
    until(api, WRITER, "时间段")
    stored = bot.conversations
    assert "telegram:4242" in stored
    assert str(STRANGER) not in stored and "警示教育片" not in stored
    assert question.text


def test_killed_mid_conversation_it_resumes_with_nothing_lost(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    api.user_says(WRITER, "/new")
    until(api, WRITER, "单位全称")
    api.user_says(WRITER, "东湖街道党工委")
    until(api, WRITER, "时间段")
    api.user_says(WRITER, "2026年")
    until(api, WRITER, "哪一种报告")
    api.user_says(WRITER, "3")
    until(api, WRITER, "做了哪些工作")
    first = api.user_says(WRITER, "带头讲专题党课4次")
    until(api, WRITER, "已记录第 1 项")
    bot.kill()
    # Telegram re-delivers what a dead bot did not confirm: the same update, applied once.
    api.redeliver(first)
    bot.start()
    until(api, WRITER, "已记录第 1 项")
    api.user_says(WRITER, "全年走访辖区企业36家，帮助解决问题21个")
    until(api, WRITER, "已记录第 2 项")
    api.user_says(WRITER, "/list")
    listing = until(api, WRITER, "已记录的工作")
    assert "1. 【" in (listing.text or "") and "2. 【" in (listing.text or "")
    assert "3. 【" not in (listing.text or "")
    bot.kill()
    bot.start()
    api.user_says(WRITER, "/done")
    until(api, WRITER, "存在的问题")
    api.user_says(WRITER, "自动")
    api.user_says(WRITER, "/done")
    until(api, WRITER, "下一步打算")
    api.user_says(WRITER, "/done")
    draft = until(api, WRITER, "东湖街道党工委书记2026年度抓党建工作述职报告")
    assert "带头讲专题党课4次" in (draft.text or "") and "36家" in (draft.text or "")


def test_fifty_writers_at_once_each_get_their_own_draft(api: FakeBotAPI, bot: BotProcess) -> None:
    users = list(range(10_000, 10_050))
    errors: list[str] = []

    def converse(user: int) -> None:
        try:
            fact = f"第{user}号活动组织党员{user - 9_000}人参加集中学习"
            for text, marker in (
                ("/new", "单位全称"),
                (f"第{user}号单位交通运输局", "时间段"),
                ("2026年第三季度", "哪一种报告"),
                ("1", "做了哪些工作"),
                (fact, "已记录第 1 项"),
                ("/done", "存在的问题"),
                ("自动", "由我根据"),
                ("/done", "下一步打算"),
                ("自动", "由我针对"),
            ):
                api.user_says(user, text)
                until(api, user, marker, timeout=240)
            api.user_says(user, "/done")
            title = f"第{user}号单位交通运输局2026年第三季度党建工作总结"
            draft = until(api, user, title, timeout=240).text or ""
            until(api, user, f"{title}.docx", timeout=240)
            assert draft.startswith(title), draft[:60]
            assert fact in draft
            others = [u for u in users if u != user and f"第{u}号" in draft]
            assert others == [], others
        except AssertionError as exc:
            errors.append(f"{user}: {exc}")

    threads = [threading.Thread(target=converse, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert errors == []
    for user in users:
        documents = [m for m in api.sent_to(user) if m.kind == "document"]
        assert len(documents) == 1
        assert (
            f"第{user}号" in docx.Document(io.BytesIO(documents[0].data or b"")).paragraphs[0].text
        )


def test_network_errors_and_flood_limits_are_retried(api: FakeBotAPI, bot: BotProcess) -> None:
    api.fail_next("sendMessage", DROP)
    api.fail_next("sendMessage", 429, retry_after=1)
    api.user_says(WRITER, "/new")
    until(api, WRITER, "单位全称")
    attempts = [r for r in api.requests("sendMessage") if r.params.get("chat_id") == WRITER]
    assert len(attempts) >= 3
    assert sum(1 for m in api.sent_to(WRITER) if "单位全称" in (m.text or "")) == 1


def test_a_long_draft_is_split_into_telegram_sized_messages(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    activities = [
        f"第{i}次组织全体党员开展集中学习研讨，围绕学习贯彻党的二十大精神逐章逐节深入交流，"
        f"结合岗位实际撰写心得体会{i + 20}篇，并在支部范围内开展交流评比，评选优秀心得{i}篇，"
        f"推动学习成果转化为推动工作的具体举措{i + 3}项"
        for i in range(1, 40)
    ]
    for text, marker in (
        ("/new", "单位全称"),
        ("江北市交通运输局", "时间段"),
        ("2026年", "哪一种报告"),
        ("1", "做了哪些工作"),
    ):
        api.user_says(WRITER, text)
        until(api, WRITER, marker)
    api.user_says(WRITER, "\n".join(activities))
    until(api, WRITER, "已记录第 1～39 项")
    api.user_says(WRITER, "/preview")
    until(api, WRITER, "以上是当前草稿")
    texts = [m.text or "" for m in api.sent_to(WRITER)]
    assert all(len(t) <= 4096 for t in texts)
    draft_parts = [t for t in texts if "第" in t and "次组织全体党员" in t and "已记录" not in t]
    assert len(draft_parts) >= 2
    assert all(part.endswith(("。", "：", "日")) for part in draft_parts[:-1])


def test_bad_configuration_exits_with_one_clear_line(tmp_path: Path) -> None:
    # Each bad setting is checked in test_settings.py; this launch checks the edge.
    path = tmp_path / "config.toml"
    path.write_text('token = "123:abc"\nlog_level = "LOUD"\n', "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "ZONGJIE_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "telegram", "--config", str(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "log_level" in lines[0], result.stderr
    assert "123:abc" not in result.stderr


def test_a_wrong_token_says_so_in_one_line(api: FakeBotAPI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'token = "999:wrong"\nbase_url = "{api.base_url}"\nlog_level = "ERROR"\n', "utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "telegram", "--config", str(config)],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "ZONGJIE_TOKEN"},
        cwd=tmp_path,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "错误：机器人令牌无效：请检查 config.toml 中的 token 或环境变量 ZONGJIE_TOKEN"
    )
    assert "999:wrong" not in result.stderr


def test_the_token_never_reaches_the_log(api: FakeBotAPI, tmp_path: Path) -> None:
    process = BotProcess(api, tmp_path, [WRITER], log_level="DEBUG")
    api.fail_next("getMe", DROP)
    process.start()
    try:
        api.user_says(WRITER, "/start")
        until(api, WRITER, "单位全称")
    finally:
        process.stop()
    log = process.log.read_text("utf-8", "replace")
    assert "getUpdates" in log or "getupdates" in log.lower()
    assert api.token not in log
    assert api.token.split(":")[1] not in log


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_webhook_mode_receives_updates_and_replies(api: FakeBotAPI, tmp_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    extra = f'webhook_url = "{url}"\nwebhook_listen = "127.0.0.1"\nwebhook_port = {port}\n'
    process = BotProcess(api, tmp_path, [WRITER], extra=extra)
    process.start()
    try:
        assert api.webhook_url == url
        api.add_user(WRITER, "Tester")
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 1_700_000_000,
                "chat": {"id": WRITER, "type": "private", "first_name": "Tester"},
                "from": {"id": WRITER, "is_bot": False, "first_name": "Tester"},
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
        (registered,) = api.requests("setWebhook")
        secret = registered.params["secret_token"]
        forged = urllib.request.Request(
            url, json.dumps(update).encode(), {"Content-Type": "application/json"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=TIMEOUT)
        refused.value.close()
        assert refused.value.code == 403
        headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
        request = urllib.request.Request(url, json.dumps(update).encode(), headers)
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            assert response.status == 200
        until(api, WRITER, "单位全称")
    finally:
        process.stop()


def test_a_refused_token_is_one_line_without_retry_logs(api: FakeBotAPI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'token = "999:wrong"\nallowed_users = [{WRITER}]\nbase_url = "{api.url}/bot"\n'
        f'data_dir = "{tmp_path / "data"}"\n',
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "telegram", "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "ZONGJIE_TOKEN"},
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("错误：机器人令牌无效"), result.stderr
    assert len(lines) == 2 and "Traceback" not in result.stderr, result.stderr
