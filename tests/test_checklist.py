"""Last period's plans as this period's checklist, through the engine: an earlier report with
four plans; two carried out (their facts become items), one not started (a problem with its
reason), one skipped (nothing of it in the draft); --explain names the plan each item answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.chat.conversation import Reply
from bot.chat.dialogue import Engine
from bot.chat.organisations import Organisations
from bot.chat.sessions import ConversationStore
from bot.chat.states import Event, State
from bot.writer import render
from phrasebank.bank import Bank
from phrasebank.own import Library

from .owndocs import EARLIER, EARLIER_PLANS, report_docx

TODAY = dt.date(2026, 11, 21)
USER = "telegram:7"
ORG = "renmin-hospital"
FACT_READING = "4月组织读书分享会3场，共读《习近平新时代中国特色社会主义思想学习纲要》"
FACT_PIONEER = "在急诊科、儿科新建党员先锋岗3个"
REASON = "积分标准尚在征求党员意见"


@pytest.fixture
def engine(bank: Bank, tmp_path: Path) -> Engine:
    data = tmp_path / "data"
    upload = tmp_path / "upload.docx"
    upload.write_bytes(report_docx())
    Library(data, ORG).add([(upload, "2025年党建工作总结.docx")])
    organisations = Organisations(data, bank, {USER: ORG})
    return Engine(organisations.base, ConversationStore(data), lambda: TODAY, organisations)


def say(engine: Engine, text: str) -> list[Reply]:
    return engine.handle(USER, Event.from_text(text))


def press(engine: Engine, replies: list[Reply], label: str) -> list[Reply]:
    choice = next(c for r in replies for c in r.choices if c.label == label)
    return engine.handle(USER, Event("press", choice.data))


def text_of(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


def test_the_earlier_plans_become_items_problems_or_nothing(engine: Engine) -> None:
    for line in ("/new", "宁川县人民医院", "2026年上半年"):
        say(engine, line)
    replies = say(engine, "1")
    assert "2025年党建工作总结" in text_of(replies)
    assert f"“{EARLIER_PLANS[0]}”" in text_of(replies)
    # 1: carried out, with its facts.
    replies = press(engine, replies, "已落实")
    assert "落实的情况" in text_of(replies)
    replies = say(engine, FACT_READING)
    assert f"“{EARLIER_PLANS[1]}”" in text_of(replies)
    # 2: carried out.
    press(engine, replies, "已落实")
    replies = say(engine, FACT_PIONEER)
    assert f"“{EARLIER_PLANS[2]}”" in text_of(replies)
    # 3: skipped.
    replies = press(engine, replies, "跳过")
    assert f"“{EARLIER_PLANS[3]}”" in text_of(replies)
    # 4: not started, and why.
    replies = press(engine, replies, "未开展")
    assert "原因" in text_of(replies)
    replies = say(engine, REASON)
    assert engine.store.load(USER).state is State.ACTIVITIES
    assert "做了哪些工作" in text_of(replies)
    for line in ("7月1日组织党员重温入党誓词", "/done", "自动", "/done", "自动"):
        say(engine, line)
    draft = text_of(say(engine, "/done"))

    work, _, rest = draft.partition("二、")
    problems, _, _ = rest.partition("三、")
    assert FACT_READING in work and FACT_PIONEER in work
    assert "积分管理办法" in problems and REASON in problems
    assert "清廉医院" not in draft  # the skipped plan

    answers = engine.answers(engine.store.load(USER))
    assert answers is not None
    composer = engine.composer_for(USER)
    explained = render.explain(composer.compose(answers).report, composer.bank)
    assert f"答复上期打算“{EARLIER_PLANS[0]}”" in explained
    assert f"答复上期打算“{EARLIER_PLANS[1]}”" in explained
    assert "未落实的上期打算" in explained


def test_done_skips_the_rest_of_the_checklist(engine: Engine) -> None:
    for line in ("/new", "宁川县人民医院", "2026年上半年", "1"):
        say(engine, line)
    replies = say(engine, "/done")
    assert "4 条上期打算已跳过" in text_of(replies)
    assert engine.store.load(USER).state is State.ACTIVITIES


def test_text_before_a_button_asks_for_the_button(engine: Engine) -> None:
    for line in ("/new", "宁川县人民医院", "2026年上半年", "1"):
        say(engine, line)
    replies = say(engine, "搞了读书会")
    assert "请先点选" in text_of(replies)
    assert engine.store.load(USER).entries == ()


def test_without_an_earlier_report_there_is_no_checklist(bank: Bank, tmp_path: Path) -> None:
    data = tmp_path / "data"
    organisations = Organisations(data, bank, {})
    engine = Engine(organisations.base, ConversationStore(data), lambda: TODAY, organisations)
    for line in ("/new", "宁川县人民医院", "2026年上半年", "1"):
        say(engine, line)
    assert engine.store.load(USER).state is State.ACTIVITIES


@pytest.fixture
def two_years(bank: Bank, tmp_path: Path) -> Engine:
    """The 2025 report, and a 2024 one whose single plan is 建设廉洁文化长廊."""
    data = tmp_path / "data"
    newer = tmp_path / "2025.docx"
    newer.write_bytes(report_docx())
    older = tmp_path / "2024.txt"
    text = EARLIER.read_text("utf-8").replace("2025年", "2024年")
    head, _, _ = text.partition("三、下一步工作打算")
    older.write_text(f"{head}三、下一步工作打算\n（一）建设廉洁文化长廊。\n", "utf-8")
    # Imported newest first: the order of import does not decide which is latest.
    Library(data, ORG).add([(newer, "2025年党建工作总结.docx"), (older, "2024年党建工作总结.txt")])
    organisations = Organisations(data, bank, {USER: ORG})
    return Engine(organisations.base, ConversationStore(data), lambda: TODAY, organisations)


def test_the_latest_earlier_report_or_the_one_picked(two_years: Engine) -> None:
    for line in ("/new", "宁川县人民医院", "2026年上半年"):
        say(two_years, line)
    replies = say(two_years, "1")
    assert f"“{EARLIER_PLANS[0]}”" in text_of(replies)
    replies = press(two_years, replies, "改用《宁川县人民医院党委2024年党建工作总结》")
    assert "第 1/1 条：“建设廉洁文化长廊”" in text_of(replies)
    assert two_years.store.load(USER).checklist == ("建设廉洁文化长廊",)


def test_only_reports_of_an_earlier_period_are_offered(two_years: Engine) -> None:
    for line in ("/new", "宁川县人民医院", "2025年"):
        say(two_years, line)
    replies = say(two_years, "1")
    assert "2024年党建工作总结" in text_of(replies) and "改用" not in text_of(replies)
    assert two_years.store.load(USER).checklist == ("建设廉洁文化长廊",)
