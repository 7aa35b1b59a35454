"""End to end through the fake Bot API: a writer sends an earlier report as a document; the
organisation's new drafts use its wording and none of its figures, another's use none of it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.writer import answers as answers_module

from .drafts import check_draft
from .fakebotapi import FakeBotAPI
from .owndocs import EARLIER_NUMBERS, HOSPITAL, bad_file, report_docx, wrapped_pdf
from .test_telegram import BotProcess, press, until

WRITER = 4242
COLLEAGUE = 4343  # the same organisation as WRITER
OTHER = 5151  # another organisation
ORGS = "\n[orgs]\nrenmin-hospital = [4242, 4343]\n"


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def bot(api: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(api, tmp_path, [WRITER, COLLEAGUE, OTHER], extra=ORGS)
    process.start()
    yield process
    process.stop()


def draft_in_chat(api: FakeBotAPI, user: int, checklist: bool = False) -> str:
    """The hospital's answers typed into the chat; the draft's text. With a `checklist` (the
    organisation's earlier plans), the first plan is marked carried out by its button and the
    rest skipped with /done."""
    api.user_says(user, "/new")
    until(api, user, "单位全称")
    api.user_says(user, HOSPITAL["unit"])
    until(api, user, "时间段")
    api.user_says(user, HOSPITAL["period"])
    until(api, user, "哪一种报告")
    api.user_says(user, "1")
    if checklist:
        question = until(api, user, "落实了吗")
        press(api, user, question, "已落实")
        until(api, user, "落实的情况")
        api.user_says(user, "4月组织读书分享会3场")  # recorded as activity 1
        until(api, user, "第 2/4 条")
        api.user_says(user, "/done")
    until(api, user, "做了哪些工作")
    for number, activity in enumerate(HOSPITAL["activities"], start=2 if checklist else 1):
        api.user_says(user, activity)
        until(api, user, f"已记录第 {number} 项")
    api.user_says(user, "/done")
    until(api, user, "存在的问题")
    api.user_says(user, "自动")
    api.user_says(user, "/done")
    until(api, user, "下一步打算")
    api.user_says(user, "自动")
    api.user_says(user, "/done")
    return until(api, user, "宁川县人民医院2026年上半年党建工作总结").text or ""


def explained(bot: BotProcess, org: str, done: tuple[str, ...] = ()) -> str:
    """`zongjie draft --explain --org` over the bot's data directory: each sentence's source."""
    answers = bot.folder / "answers.toml"
    activities = ", ".join(f'"{a}"' for a in (*done, *HOSPITAL["activities"]))
    answers.write_text(
        f'unit = "{HOSPITAL["unit"]}"\nperiod = "{HOSPITAL["period"]}"\n'
        f'genre = "summary"\nactivities = [{activities}]\n',
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "draft", str(answers), "--explain", "--org", org],
        env={**os.environ, "ZONGJIE_DATA_DIR": str(bot.folder / "data")},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def own_sentences(text: str) -> list[str]:
    lines = text.splitlines()
    return [
        lines[i - 1].removeprefix("    ├ ") for i, line in enumerate(lines) if "本单位报告" in line
    ]


def test_an_earlier_report_sent_as_a_document_shapes_the_organisations_drafts(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    api.user_sends_document(WRITER, "2025年党建工作总结.docx", report_docx())
    learned = until(api, WRITER, "已导入")
    assert "《2025年党建工作总结》" in (learned.text or "")
    assert "条本单位的提法" in (learned.text or "")
    assert any(r.method == "getFile" for r in api.requests())

    # A colleague of the same organisation drafts: its own wording, none of its figures.
    draft = draft_in_chat(api, COLLEAGUE, checklist=True)
    done = ("4月组织读书分享会3场",)
    activities = [*done, *HOSPITAL["activities"]]
    check_draft(draft, answers_module.from_mapping({**HOSPITAL, "activities": activities}))
    ours = own_sentences(explained(bot, "renmin-hospital", done))
    assert ours, "no sentence came from the imported report"
    for sentence in ours:
        assert sentence in draft
    for number in EARLIER_NUMBERS:
        assert number not in draft

    # Another organisation's draft uses none of it.
    other = draft_in_chat(api, OTHER)
    for sentence in ours:
        assert sentence not in other
    assert not own_sentences(explained(bot, "telegram-5151"))


def test_a_bad_document_gets_one_line_and_nothing_is_kept(api: FakeBotAPI, bot: BotProcess) -> None:
    name, data, says = bad_file("old_word")
    api.user_sends_document(WRITER, name, data)
    reply = until(api, WRITER, "未导入")
    assert says in (reply.text or "")
    assert "没有导入任何报告" in (reply.text or "")
    assert not (bot.folder / "data" / "orgs" / "renmin-hospital" / "bank.json").exists()


def test_forget_after_a_confirmation(api: FakeBotAPI, bot: BotProcess) -> None:
    api.user_sends_document(WRITER, "2025年党建工作总结.docx", report_docx())
    until(api, WRITER, "已导入")
    folder = bot.folder / "data" / "orgs" / "renmin-hospital"
    assert (folder / "bank.json").exists()
    api.user_says(WRITER, "/forget")
    question = until(api, WRITER, "确定要删除")
    press(api, WRITER, question, "保留")
    until(api, WRITER, "什么都没有删除")
    assert (folder / "bank.json").exists()
    api.user_says(WRITER, "/forget")
    question = until(api, WRITER, "确定要删除")
    press(api, WRITER, question, "确认删除")
    until(api, WRITER, "已删除本单位")
    assert [p.name for p in folder.iterdir()] == [".lock"]


def test_several_files_sent_at_once_get_one_answer(api: FakeBotAPI, bot: BotProcess) -> None:
    name, data, says = bad_file("old_word")
    api.user_sends_document(WRITER, "2025年党建工作总结.docx", report_docx(), media_group_id="a1")
    api.user_sends_document(WRITER, name, data, media_group_id="a1")
    api.user_sends_document(WRITER, "2025年党建工作总结.pdf", wrapped_pdf(), media_group_id="a1")
    answer = until(api, WRITER, "已导入")
    text = answer.text or ""
    # One message for the album: the report learned, the .doc skipped with its reason, and
    # the same report as a PDF known by its text.
    assert "已导入 《2025年党建工作总结》" in text
    assert f"未导入 {name}" in text and says in text
    assert "未导入 2025年党建工作总结.pdf：这份报告已经导入过了" in text
