"""Property-based: random message sequences never break the engine or the stored draft."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.chat.conversation import Reply
from bot.chat.dialogue import Engine
from bot.chat.sessions import ConversationStore
from bot.chat.states import REVISABLE, After, Event, State
from bot.chat.steps import COMMANDS
from bot.writer.answers import MAX_ACTIVITIES
from bot.writer.compose import Composer
from phrasebank.bank import Bank
from phrasebank.themes import THEME_IDS

TODAY = dt.date(2026, 11, 21)
ORDER = [
    State.IDLE,
    State.UNIT,
    State.PERIOD,
    State.GENRE,
    State.ACTIVITIES,
    State.PROBLEMS,
    State.PLANS,
    State.DONE,
]

MEANINGFUL = [
    "某某市交通运输局",
    "国家税务总局临江县税务局",
    "2026年第三季度",
    "2026年",
    "上季度",
    "1",
    "2",
    "3",
    "9",
    "summary",
    "duty",
    "述职",
    "自动",
    "组织党员观看警示教育片，32人参加",
    "搞了两次读书分享会",
    "1.召开支部党员大会；2.开展志愿服务",
    "个别支部三会一课不规范",
    "加强理论学习",
    "XX名党员参加学习",
]
COMMAND_NAMES = [command.name for command in COMMANDS] + ["unknown"]

texts = st.one_of(
    st.sampled_from(MEANINGFUL),
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from("党员学习开展组织，。；1２XX😀\n\t\x00"), max_size=40),
)
commands = st.builds(
    lambda name, arg: f"/{name} {arg}".strip(),
    st.sampled_from(COMMAND_NAMES),
    st.one_of(st.just(""), st.integers(-2, 12).map(str), texts),
)


@pytest.fixture(scope="module")
def composer(bank: Bank) -> Composer:
    return Composer(bank)


def check(engine: Engine, user: str, replies: list[Reply]) -> None:
    conversation = engine.store.load(user)
    # A number typed next means one of the choices just shown, and nothing older.
    assert conversation.options == next((r.choices for r in reversed(replies) if r.choices), ())
    # Only a question asked again after the draft leads back to it.
    if conversation.after is After.DRAFT:
        assert conversation.state in REVISABLE
    position = ORDER.index(conversation.state)
    if position > ORDER.index(State.UNIT):
        assert conversation.unit
    if position > ORDER.index(State.PERIOD):
        assert conversation.period
    if position > ORDER.index(State.GENRE):
        assert conversation.genre
    keys = [e.key for e in conversation.entries]
    assert len(keys) == len(set(keys)) and all(k < conversation.next_key for k in keys)
    assert len(conversation.entries) <= MAX_ACTIVITIES
    assert all(e.theme in THEME_IDS and e.text.strip() for e in conversation.entries)
    # Telegram carries at most 64 bytes of button data.
    assert all(len(c.data.encode()) <= 64 for c in conversation.options)
    if conversation.state is State.DONE:
        assert engine.answers(conversation) is not None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_sequences(
    composer: Composer, data: st.DataObject, caplog: pytest.LogCaptureFixture
) -> None:
    engine = Engine(composer, ConversationStore(None), lambda: TODAY)
    user = "prop:1"
    caplog.clear()
    handled: int | None = None
    for update_id in range(1, data.draw(st.integers(1, 25)) + 1):
        options = engine.store.load(user).options
        kind = data.draw(st.sampled_from(["text", "command", "press", "other", "replay"]))
        if kind == "press":
            pool = [c.data for c in options] or ["theme:1:politics", "swap:3", "pick:plans:9", "x"]
            event = Event("press", data.draw(st.sampled_from(pool)), update_id)
        elif kind == "command":
            event = Event.from_text(data.draw(commands), update_id)
        elif kind == "other":
            event = Event("other", "", update_id)
        elif kind == "replay" and handled is not None:
            # Telegram re-delivering the last update: answered again, applied once.
            before = engine.store.load(user)
            engine.handle(user, Event.from_text("重复投递的消息", handled))
            assert engine.store.load(user) == before
            continue
        else:
            event = Event.from_text(data.draw(texts), update_id)
        with caplog.at_level(logging.ERROR):
            replies = engine.handle(user, event)
        handled = update_id
        assert replies, event
        assert all(r.text.strip() or r.document for r in replies)
        assert all(len(c.data.encode()) <= 64 for r in replies for c in r.choices)
        check(engine, user, replies)
    assert "step failed" not in caplog.text
