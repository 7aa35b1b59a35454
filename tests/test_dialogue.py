"""The dialogue engine: every state and command, bad input, idempotence, persistence."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest

from bot.chat.buttons import Button, Kind
from bot.chat.conversation import Reply
from bot.chat.dialogue import Engine
from bot.chat.sessions import ConversationStore
from bot.chat.states import TRANSITIONS, Event, State
from bot.chat.steps import COMMANDS
from bot.errors import StateError
from bot.writer.compose import Composer
from phrasebank.bank import Bank

from .drafts import check_draft

TODAY = dt.date(2026, 11, 21)
USER = "test:1"


@pytest.fixture(scope="module")
def composer(bank: Bank) -> Composer:
    return Composer(bank)


@pytest.fixture(params=["memory", "json"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ConversationStore:
    return ConversationStore(None if request.param == "memory" else tmp_path)


@pytest.fixture
def engine(composer: Composer, store: ConversationStore) -> Engine:
    return Engine(composer, store, lambda: TODAY)


def say(engine: Engine, text: str, update_id: int | None = None) -> list[Reply]:
    replies = engine.handle(USER, Event.from_text(text, update_id))
    assert replies, f"no reply to {text!r}"
    return replies


def joined(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


def state(engine: Engine) -> State:
    return engine.store.load(USER).state


def start(engine: Engine, genre: str = "1") -> None:
    say(engine, "/new")
    say(engine, "国家税务总局临江县税务局")
    say(engine, "2026年第三季度")
    say(engine, genre)
    assert state(engine) is State.ACTIVITIES


def test_the_whole_conversation_ends_with_a_draft(engine: Engine) -> None:
    assert State.UNIT is TRANSITIONS[(State.IDLE, "new")]
    replies = say(engine, "/start")
    assert "总结助手" in replies[0].text and state(engine) is State.UNIT
    say(engine, "国家税务总局临江县税务局")
    replies = say(engine, "2")  # the second offered period
    assert engine.store.load(USER).period == "2026年第三季度"
    assert [c.label for c in replies[-1].choices] == [
        "党建工作总结",
        "落实全面从严治党主体责任情况报告",
        "党组织书记抓党建工作述职报告",
    ]
    say(engine, "summary")
    replies = say(
        engine,
        "1.7月1日组织全体党员到烈士陵园重温入党誓词，46名党员参加；2.搞了两次读书分享会；"
        "3.对2名预备党员开展入党前谈话",
    )
    assert "已记录第 1 项" in replies[0].text and "已记录第 2 项" in replies[1].text
    # Two items of one subsection each get a lead; the lone one is led by its heading.
    assert "引语：“" in replies[2].text and "引语：“" not in replies[1].text
    assert "主题：基层组织建设" in replies[0].text and "引语：“" in replies[0].text
    say(engine, "书记给新提拔的3名中层干部开展任前廉政谈话")
    replies = say(engine, "/done")
    assert state(engine) is State.PROBLEMS
    assert any(c.label.startswith("选用：") for c in replies[-1].choices)
    say(engine, "个别支部“三会一课”不够规范")
    say(engine, "/done")
    assert state(engine) is State.PLANS
    say(engine, "自动")
    replies = say(engine, "/done")
    assert state(engine) is State.DONE
    draft = replies[0].text
    assert any(r.document for r in replies)
    assert "待补充" in replies[-1].text
    answers = engine.answers(engine.store.load(USER))
    assert answers is not None
    check_draft(draft, answers)
    assert "个别支部“三会一课”不够规范。" in draft


def test_unit_is_remembered_and_offered(engine: Engine) -> None:
    start(engine)
    replies = say(engine, "/new")
    assert "国家税务总局临江县税务局" in replies[-1].text
    assert replies[-1].choices[0].data == "unit:remembered"
    engine.handle(USER, Event("press", "unit:remembered"))
    conversation = engine.store.load(USER)
    assert conversation.unit == "国家税务总局临江县税务局" and conversation.state is State.PERIOD


def test_a_period_that_cannot_be_understood_is_asked_again(engine: Engine) -> None:
    say(engine, "/new")
    say(engine, "某某街道党工委")
    replies = say(engine, "上个世纪")
    assert "2026年第三季度" in joined(replies) and state(engine) is State.PERIOD
    replies = say(engine, "9")
    assert "没有第 9 个选项" in joined(replies) and state(engine) is State.PERIOD
    say(engine, "2026年上半年")
    assert state(engine) is State.GENRE
    replies = say(engine, "年终汇报")
    assert "党建工作总结" in joined(replies) and state(engine) is State.GENRE
    say(engine, "述职")
    assert engine.store.load(USER).genre == "duty"


def test_low_confidence_asks_for_the_theme(engine: Engine) -> None:
    start(engine)
    replies = say(engine, "今天天气不错")
    question = replies[-1]
    assert "拿不准" in question.text
    assert 3 <= len(question.choices) <= 4
    say(engine, "2")  # the second likeliest theme
    entry = engine.store.load(USER).entries[0]
    assert entry.chosen and not entry.asked
    assert entry.theme == question.choices[1].data.split(":")[2]


def test_list_edit_delete_theme_swap_undo(engine: Engine) -> None:
    start(engine)
    say(engine, "组织党员观看警示教育片；开展志愿服务活动，35人参加；召开党组会传达学习全会精神")
    listing = joined(say(engine, "/list"))
    assert "1. 【" in listing and "3. 【" in listing
    say(engine, "/edit 2 开展“学雷锋”志愿服务，35人参加")
    assert engine.store.load(USER).entries[1].text == "开展“学雷锋”志愿服务，35人参加"
    replies = say(engine, "/theme 1")
    assert len(replies[-1].choices) == 9
    engine.handle(USER, Event("press", replies[-1].choices[3].data))
    assert engine.store.load(USER).entries[0].theme == "organization"
    replies = say(engine, "/swap 1")
    assert "换了一种说法" in joined(replies) or "没有更多" in joined(replies)
    assert engine.store.load(USER).entries[0].variant == 1
    say(engine, "/del 3")
    assert len(engine.store.load(USER).entries) == 2
    say(engine, "/undo")
    assert len(engine.store.load(USER).entries) == 3
    assert "没有第 9 项" in joined(say(engine, "/del 9"))
    assert "/del 2" in joined(say(engine, "/del"))
    assert "/edit 2" in joined(say(engine, "/edit 1"))


def test_preview_export_phrases_help_cancel(engine: Engine) -> None:
    assert "/new" in joined(say(engine, "/preview"))
    start(engine)
    assert "还没有记录任何工作" in joined(say(engine, "/preview"))
    say(engine, "组织党员观看警示教育片")
    preview = say(engine, "/preview")
    assert preview[0].text.startswith("国家税务总局临江县税务局2026年第三季度党建工作总结")
    assert [r.document for r in say(engine, "/export")] == [True]
    name, data = engine.document(USER)
    assert name.endswith(".docx") and data[:2] == b"PK"
    assert "廉" in joined(say(engine, "/phrases 廉政"))
    assert "关键词" in joined(say(engine, "/phrases"))
    help_text = joined(say(engine, "/help"))
    assert all(f"/{command.name}" in help_text for command in COMMANDS)
    assert "不认识命令" in joined(say(engine, "/frobnicate"))
    say(engine, "/cancel")
    assert state(engine) is State.IDLE and engine.store.load(USER).entries == ()
    assert "/new" in joined(say(engine, "随便说点什么"))


def test_done_in_each_state(engine: Engine) -> None:
    assert "/new" in joined(say(engine, "/done"))
    say(engine, "/new")
    assert "请先回答" in joined(say(engine, "/done")) and state(engine) is State.UNIT
    say(engine, "某某市交通运输局")
    say(engine, "2026年")
    say(engine, "2")
    assert "还没有记录任何工作" in joined(say(engine, "/done"))
    say(engine, "召开全面从严治党工作会议")
    say(engine, "/done")
    say(engine, "/done")  # no problems given: 自动
    replies = say(engine, "/done")  # no plans given: 自动
    assert state(engine) is State.DONE
    assert replies[0].text.startswith("某某市交通运输局2026年落实全面从严治党主体责任情况报告")
    say(engine, "开展节前廉洁提醒")
    assert state(engine) is State.DONE and len(engine.store.load(USER).entries) == 2
    redrafted = say(engine, "/done")
    assert "开展节前廉洁提醒" in redrafted[0].text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😀😀😀",
        "\x00\x07\x1b[31m",
        "。。。！！！",
        "，、；：",
        "字" * 10_000,
        "\u202e\u200b",
    ],
    ids=["empty", "spaces", "emoji", "control", "punctuation", "marks", "10k", "invisible"],
)
@pytest.mark.parametrize("where", [State.UNIT, State.ACTIVITIES, State.PROBLEMS])
def test_bad_input_gets_a_reply_and_damages_nothing(
    engine: Engine, text: str, where: State
) -> None:
    say(engine, "/new")
    if where is not State.UNIT:
        say(engine, "某某市交通运输局")
        say(engine, "2026年")
        say(engine, "1")
        say(engine, "召开全面从严治党工作会议，签订责任书12份")
    if where is State.PROBLEMS:
        say(engine, "/done")
    before = engine.store.load(USER)
    replies = engine.handle(USER, Event.from_text(text))
    assert replies and all(r.text.strip() for r in replies)
    after = engine.store.load(USER)
    assert after.state is before.state
    assert after.entries == before.entries and after.problems == before.problems


def test_non_text_messages_get_a_hint(engine: Engine) -> None:
    start(engine)
    replies = engine.handle(USER, Event("other"))
    assert "文字" in replies[0].text and len(replies) >= 2


def test_the_same_update_twice_records_once(engine: Engine) -> None:
    start(engine)
    first = say(engine, "组织党员观看警示教育片", update_id=1001)
    again = engine.handle(USER, Event.from_text("组织党员观看警示教育片", 1001))
    assert again == first
    assert len(engine.store.load(USER).entries) == 1
    assert engine.handle(USER, Event.from_text("更早的消息", 900)) == []
    say(engine, "开展志愿服务", update_id=1002)
    assert len(engine.store.load(USER).entries) == 2


def test_conversation_survives_a_new_engine(composer: Composer, tmp_path: Path) -> None:
    first = Engine(composer, ConversationStore(tmp_path), lambda: TODAY)
    start(first)
    say(first, "组织党员观看警示教育片")
    second = Engine(composer, ConversationStore(tmp_path), lambda: TODAY)
    conversation = second.store.load(USER)
    assert conversation.state is State.ACTIVITIES and len(conversation.entries) == 1
    assert "欢迎回来" in joined(say(second, "/start"))


def test_users_do_not_see_each_other(engine: Engine) -> None:
    start(engine)
    say(engine, "组织党员观看警示教育片")
    other = engine.handle("test:2", Event.from_text("/list"))
    assert "警示教育片" not in joined(other)
    assert engine.store.load("test:2").entries == ()


def test_corrupt_store_is_named_and_left_alone(composer: Composer, tmp_path: Path) -> None:
    path = tmp_path / "conversations.json"
    path.write_text("{broken", "utf-8")
    with pytest.raises(StateError, match=str(path)):
        ConversationStore(tmp_path)
    assert path.read_text("utf-8") == "{broken"


def test_stored_record_is_plain_json(composer: Composer, tmp_path: Path) -> None:
    engine = Engine(composer, ConversationStore(tmp_path), lambda: TODAY)
    start(engine)
    say(engine, "组织党员观看警示教育片")
    data = json.loads((tmp_path / "conversations" / "test%3A1.json").read_text("utf-8"))
    record = data["conversation"]
    assert record["user"] == USER and record["entries"][0]["text"] == "组织党员观看警示教育片"


def test_a_failing_step_is_logged_and_loses_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    start(engine)
    say(engine, "组织党员观看警示教育片")
    before = engine.store.load(USER)

    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine.composer, "compose", broken)
    with caplog.at_level(logging.ERROR):
        replies = say(engine, "/preview")
    assert "已保存" in replies[0].text
    assert "step failed" in caplog.text
    assert engine.store.load(USER).entries == before.entries
    monkeypatch.undo()
    # The failure left nothing half-done: the same command now works.
    preview = say(engine, "/preview")
    assert preview[0].text.startswith("国家税务总局临江县税务局2026年第三季度党建工作总结")
    assert "组织党员观看警示教育片" in preview[0].text


def test_after_the_draft_one_answer_can_change_without_reentering_the_rest(engine: Engine) -> None:
    start(engine)
    say(engine, "组织党员观看警示教育片，32人参加")
    say(engine, "/done")
    say(engine, "学习不够深入")
    say(engine, "/done")
    replies = say(engine, "/done")
    assert [c.label for c in replies[-1].choices] == [
        "改单位",
        "改时间段",
        "改报告类型",
        "改问题",
        "改打算",
    ]
    engine.handle(USER, Event("press", "revise:period"))
    assert state(engine) is State.PERIOD
    redrafted = say(engine, "2026年第四季度")
    assert state(engine) is State.DONE
    assert redrafted[0].text.startswith("国家税务总局临江县税务局2026年第四季度党建工作总结")
    assert "组织党员观看警示教育片，32人参加" in redrafted[0].text
    assert "学习不够深入。" in redrafted[0].text
    say(engine, "3")  # the third revision button: the genre
    redrafted = say(engine, "duty")
    assert "书记2026年第四季度抓党建工作述职报告" in redrafted[0].text
    engine.handle(USER, Event("press", "revise:problems"))
    say(engine, "自动")
    redrafted = say(engine, "/done")
    assert state(engine) is State.DONE and "学习不够深入" not in redrafted[0].text
    assert len(engine.store.load(USER).entries) == 1


# Regressions found in review: stale buttons, reused keys, bare numbers, command arguments.


def press(engine: Engine, data: str) -> list[Reply]:
    replies = engine.handle(USER, Event("press", data))
    assert replies
    return replies


@pytest.mark.parametrize(
    "data", ["period:2026年第三季度", "genre:duty", "unit:remembered", "unit:某局"]
)
def test_a_question_button_pressed_later_has_expired(
    engine: Engine, data: str, caplog: pytest.LogCaptureFixture
) -> None:
    start(engine)
    say(engine, "组织党员观看警示教育片")
    before = engine.store.load(USER)
    with caplog.at_level(logging.ERROR):
        replies = press(engine, data)
    assert "过期" in replies[0].text
    after = engine.store.load(USER)
    assert (after.state, after.unit, after.period, after.genre) == (
        before.state,
        before.unit,
        before.period,
        before.genre,
    )
    assert "step failed" not in caplog.text


def test_double_tap_on_finish_does_not_skip_the_plans(engine: Engine) -> None:
    start(engine)
    say(engine, "组织党员观看警示教育片")
    replies = say(engine, "/done")
    finish = next(c.data for c in replies[-1].choices if c.label == "完成")
    press(engine, finish)
    assert state(engine) is State.PLANS
    assert "过期" in press(engine, finish)[0].text
    assert state(engine) is State.PLANS
    say(engine, "加强理论学习")
    assert "过期" in press(engine, "auto:problems")[0].text
    assert engine.store.load(USER).plans == ("加强理论学习",)


def test_buttons_of_an_old_report_never_reach_new_activities(engine: Engine) -> None:
    start(engine)
    say(engine, "组织党员观看警示教育片；开展志愿服务")
    old_keys = [e.key for e in engine.store.load(USER).entries]
    start(engine)
    say(engine, "召开支部党员大会；开展主题党日")
    for key in old_keys:
        assert "已经删除" in press(engine, f"del:{key}")[0].text
    assert len(engine.store.load(USER).entries) == 2
    say(engine, "慰问老党员")
    undone_key = engine.store.load(USER).entries[-1].key
    say(engine, "/undo")
    say(engine, "开展廉政谈话")
    assert engine.store.load(USER).entries[-1].key != undone_key
    press(engine, f"del:{undone_key}")
    assert [e.text for e in engine.store.load(USER).entries][-1] == "开展廉政谈话"


def test_numbers_mean_the_choices_just_shown_or_nothing(engine: Engine) -> None:
    start(engine)
    assert "只发了一个数字" in joined(say(engine, "3"))
    assert engine.store.load(USER).entries == ()
    say(engine, "组织党员观看警示教育片")
    say(engine, "开展志愿服务，35人参加")
    say(engine, "3")  # the third button under the last activity: 删除
    assert [e.text for e in engine.store.load(USER).entries] == ["组织党员观看警示教育片"]
    say(engine, "/done")
    assert "没有第 9 个选项" in joined(say(engine, "9"))
    assert engine.store.load(USER).problems == ()


def test_command_arguments_are_read_strictly(engine: Engine) -> None:
    start(engine)
    say(engine, "组织党员观看警示教育片；开展志愿服务；召开支部党员大会")
    assert "/edit 2" in joined(say(engine, "/edit 1x 组织党员学习"))
    assert engine.store.load(USER).entries[0].text == "组织党员观看警示教育片"
    say(engine, "/del 1 3")
    assert [e.text for e in engine.store.load(USER).entries] == ["开展志愿服务"]
    assert "没有第 7 项" in joined(say(engine, "/del 7"))


def test_a_pasted_list_is_confirmed_in_one_message_and_repeats_are_skipped(engine: Engine) -> None:
    start(engine)
    replies = say(
        engine,
        "1.召开支部党员大会\n2.开展主题党日\n3.慰问老党员\n4.开展廉政谈话\n5.组织观看警示教育片",
    )
    assert replies[0].text.startswith("已记录第 1～5 项")
    assert len(engine.store.load(USER).entries) == 5
    assert "已经记录过了" in joined(say(engine, "慰问老党员"))
    replies = say(engine, "慰问老党员；开展志愿服务")
    assert "1 项与已记录的重复" in joined(replies)
    assert len(engine.store.load(USER).entries) == 6


def test_a_list_over_the_limit_says_why_nothing_was_recorded(engine: Engine) -> None:
    start(engine)
    pasted = "\n".join(f"{i}.第{i}次组织党员集中学习" for i in range(1, 62))
    reply = joined(say(engine, pasted))
    assert "61 项" in reply and "60 项" in reply
    assert engine.store.load(USER).entries == ()


def test_undo_after_the_draft_steps_back_one_stage(engine: Engine) -> None:
    start(engine)
    say(engine, "组织党员观看警示教育片")
    say(engine, "/done")
    say(engine, "学习不够深入")
    say(engine, "/done")
    say(engine, "/done")
    assert state(engine) is State.DONE
    say(engine, "/undo")
    conversation = engine.store.load(USER)
    assert conversation.state is State.PLANS and conversation.problems == ("学习不够深入",)


def test_list_before_any_report_points_to_new(engine: Engine) -> None:
    assert "/new" in joined(say(engine, "/list"))


def test_a_failed_step_does_not_remember_the_unit(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    say(engine, "/new")

    def broken(*_: object) -> list[Reply]:
        raise RuntimeError("boom")

    monkeypatch.setattr("bot.chat.questions.answered", broken)
    say(engine, "某某市交通运输局")
    assert engine.store.profile(USER).unit is None


@pytest.mark.parametrize(
    ("steps", "said"),
    [
        (["组织党员观看警示教育片"], "已撤销：刚才记录的“组织党员观看警示教育片”。"),
        (
            ["组织党员观看警示教育片", "/del 1"],
            "已撤销：刚才的删除，“组织党员观看警示教育片”已恢复。",
        ),
        (
            ["组织党员观看警示教育片", "/edit 1 组织党员观看廉政教育片"],
            "已撤销：对第 1 项的修改，恢复为“组织党员观看警示教育片”。",
        ),
    ],
)
def test_undo_names_what_it_undid(engine: Engine, steps: list[str], said: str) -> None:
    start(engine)
    for text in steps:
        say(engine, text)
    assert say(engine, "/undo")[0].text == said


def test_after_a_restart_the_last_menu_is_shown_again(composer: Composer, tmp_path: Path) -> None:
    """Regression: /start after a restart asked the state's own question, whose lack of
    options left a typed "2" meaning nothing."""
    first = Engine(composer, ConversationStore(tmp_path), lambda: TODAY)
    start(first)
    question = say(first, "今天天气不错")[-1]
    assert "拿不准" in question.text
    second = Engine(composer, ConversationStore(tmp_path), lambda: TODAY)
    back = say(second, "/start")
    assert "欢迎回来" in back[0].text and back[-1].choices == question.choices
    say(second, "2")
    entry = second.store.load(USER).entries[0]
    assert entry.chosen and entry.theme == question.choices[1].data.split(":")[2]


def test_a_theme_the_writer_chose_in_the_chat_is_not_questioned_again(engine: Engine) -> None:
    """A business fact the writer filed under 党建业务融合 with /theme is theirs: the draft's
    待补充 stops saying it looks like business work (round CA)."""
    start(engine)
    say(engine, "组织党员观看警示教育片")
    flagged = joined(say(engine, "完成税费收入任务12亿元"))
    assert "看起来是业务工作" in flagged
    replies = say(engine, "/theme 2")
    integration = next(c for c in replies[-1].choices if c.label == "党建业务融合")
    engine.handle(USER, Event("press", integration.data))
    assert engine.store.load(USER).entries[1].chosen
    say(engine, "/done")
    say(engine, "/done")
    say(engine, "自动")
    replies = say(engine, "/done")
    assert state(engine) is State.DONE and "待补充" in replies[-1].text
    assert "看起来是业务工作" not in replies[-1].text


def test_a_terse_activity_takes_its_details_in_the_next_message(engine: Engine) -> None:
    """补充: under a terse activity a button asks what such work states; the writer's next
    message is added to it, not recorded as another activity. Anything else in between
    (a command) drops the wait."""
    start(engine)
    replies = say(engine, "书记讲党课")
    more = next(c for c in replies[0].choices if c.label == "补充")
    asked = engine.handle(USER, Event("press", more.data))
    assert "第 1 项" in joined(asked) and "党课题目" in joined(asked)
    assert engine.store.load(USER).adding == engine.store.load(USER).entries[0].key
    added = say(engine, "7月1日讲《守初心 担使命》，32名党员参加")
    entries = engine.store.load(USER).entries
    assert [e.text for e in entries] == ["书记讲党课，7月1日讲《守初心 担使命》，32名党员参加"]
    # Told now, it asks for no more.
    assert added and not any(c.label == "补充" for r in added for c in r.choices)
    # Pressed, then a command: the next message is a new activity again.
    say(engine, "开展志愿服务")
    engine.handle(USER, Event("press", Button(Kind.MORE, key=entries[0].key).encode()))
    say(engine, "/list")
    say(engine, "组织党员观看警示教育片")
    assert len(engine.store.load(USER).entries) == 3
    # Too much to add: the activity stays as it was, and the wait holds for a shorter one.
    third = engine.store.load(USER).entries[2]
    engine.handle(USER, Event("press", Button(Kind.MORE, key=third.key).encode()))
    assert "补充后这一项" in joined(say(engine, "观看" * 1100))
    assert engine.store.load(USER).entries[2].text == third.text
    say(engine, "32名党员参加")
    assert engine.store.load(USER).entries[2].text == f"{third.text}，32名党员参加"
