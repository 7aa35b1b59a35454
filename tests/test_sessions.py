"""The conversation store: one file per writer, atomic, locked across processes, upgraded."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.chat.conversation import Conversation, Profile
from bot.chat.dialogue import Engine
from bot.chat.records import to_record
from bot.chat.sessions import ConversationStore, file_name
from bot.chat.states import Event, State
from bot.errors import StateError
from bot.writer.compose import Composer
from phrasebank.bank import Bank

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def composer(bank: Bank) -> Composer:
    return Composer(bank)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("user", "name"),
    [
        ("telegram:42", "telegram%3A42"),
        ("console:Alice", "console%3A%41lice"),  # never the same file as console:alice
        ("console:张三", "console%3A%E5%BC%A0%E4%B8%89"),
        ("console:../x", "console%3A..%2Fx"),
        (".hidden", "%2Ehidden"),
    ],
)
def test_file_names_are_safe_and_distinct(user: str, name: str) -> None:
    assert file_name(user) == name


def test_each_writer_is_a_file_of_their_own(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    store.save(Conversation(user="a", unit="甲单位"))
    store.save_profile(Profile(user="b", unit="乙单位"))
    names = sorted(p.name for p in (tmp_path / "conversations").glob("*.json"))
    assert names == ["a.json", "b.json"]
    assert store.load("a").unit == "甲单位" and store.profile("b").unit == "乙单位"
    assert store.revision("a") == 1


def test_a_step_saved_meanwhile_is_not_overwritten(composer: Composer, tmp_path: Path) -> None:
    """The engine steps on a snapshot; a save in between makes it step again on the new record."""
    store = ConversationStore(tmp_path)
    engine = Engine(composer, store, lambda: TODAY)
    engine.handle("w", Event.from_text("/new"))
    original = store.read

    def read_then_interleave(user: str):  # type: ignore[no-untyped-def]
        stored = original(user)
        store.read = original  # type: ignore[method-assign]
        # Another process records a unit between this snapshot and its save.
        other = Engine(composer, ConversationStore(tmp_path), lambda: TODAY)
        other.handle("w", Event.from_text("江北市交通运输局"))
        return stored

    store.read = read_then_interleave  # type: ignore[method-assign]
    engine.handle("w", Event.from_text("2026年上半年"))
    conversation = store.load("w")
    assert conversation.unit == "江北市交通运输局" and conversation.period == "2026年上半年"
    assert conversation.state is State.GENRE


OLD_FILE = {
    "conversations": {
        "1": to_record(Conversation(user="telegram:7", state=State.PERIOD, unit="江北市交通局")),
        "2": to_record(Conversation(user="console", state=State.UNIT)),
    },
    "profiles": {
        "1": {"user": "telegram:7", "unit": "江北市交通局"},
        "2": {"user": "p", "unit": "丙"},
    },
}


def test_the_old_single_file_is_copied_and_kept(tmp_path: Path) -> None:
    legacy = tmp_path / "conversations.json"
    legacy.write_text(json.dumps(OLD_FILE, ensure_ascii=False), "utf-8")
    before = legacy.read_bytes()
    store = ConversationStore(tmp_path)
    assert store.load("telegram:7").state is State.PERIOD
    assert store.profile("telegram:7").unit == "江北市交通局"
    assert store.profile("p").unit == "丙"
    assert store.adopt("console", "console:me")
    assert store.load("console:me").state is State.UNIT
    assert store.load("console").state is State.IDLE
    assert legacy.read_bytes() == before
    # Copied once: what a writer does after the upgrade is not replaced by the old file.
    store.save(Conversation(user="telegram:7", state=State.GENRE))
    assert ConversationStore(tmp_path).load("telegram:7").state is State.GENRE


def test_an_immutable_old_file_is_read_all_the_same(
    tmp_path: Path, freeze: Callable[[Path], None]
) -> None:
    legacy = tmp_path / "conversations.json"
    legacy.write_text(json.dumps(OLD_FILE, ensure_ascii=False), "utf-8")
    freeze(legacy)
    before = legacy.stat()
    store = ConversationStore(tmp_path)
    assert store.load("telegram:7").unit == "江北市交通局"
    # Reading may move the access time; nothing else of the file may change.
    after = legacy.stat()
    unchanged = ("st_ino", "st_size", "st_mtime_ns", "st_ctime_ns", "st_mode")
    assert [getattr(after, f) for f in unchanged] == [getattr(before, f) for f in unchanged]
    assert legacy.read_bytes() == json.dumps(OLD_FILE, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{broken", "不是有效的 JSON"),
        (
            json.dumps({"user": "w", "conversation": {"user": "w", "state": "nonsense"}}),
            "无法识别的取值“nonsense”",
        ),
        (json.dumps({"user": "w"}), "缺少字段 conversation"),
        (json.dumps({"conversation": {"user": "x"}}), "用户与文件名不符"),
    ],
)
def test_a_damaged_record_is_named_and_kept(
    composer: Composer, tmp_path: Path, content: str, problem: str
) -> None:
    store = ConversationStore(tmp_path)
    path = tmp_path / "conversations" / "w.json"
    path.write_text(content, "utf-8")
    engine = Engine(composer, store, lambda: TODAY)
    with pytest.raises(StateError) as caught:
        engine.handle("w", Event.from_text("/new"))
    message = str(caught.value)
    assert str(path) in message and problem in message and "已损坏" in message
    assert "\n" not in message
    assert path.read_text("utf-8") == content
    # Other writers carry on.
    assert engine.handle("v", Event.from_text("/new"))


def test_a_read_only_record_is_not_replaced(composer: Composer, tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    engine = Engine(composer, store, lambda: TODAY)
    engine.handle("w", Event.from_text("/new"))
    path = tmp_path / "conversations" / "w.json"
    path.chmod(0o444)
    before = files(tmp_path)
    with pytest.raises(StateError, match="只读"):
        engine.handle("w", Event.from_text("江北市交通运输局"))
    assert files(tmp_path) == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_an_immutable_record_is_one_line_and_unchanged(
    composer: Composer, tmp_path: Path, freeze: Callable[[Path], None]
) -> None:
    store = ConversationStore(tmp_path)
    engine = Engine(composer, store, lambda: TODAY)
    engine.handle("w", Event.from_text("/new"))
    freeze(tmp_path / "conversations" / "w.json")
    before = files(tmp_path)
    with pytest.raises(StateError, match=r"没有改动|不允许修改|没有权限") as caught:
        engine.handle("w", Event.from_text("江北市交通运输局"))
    assert "\n" not in str(caught.value)
    assert files(tmp_path) == before


def test_a_read_only_data_directory_is_one_line(
    tmp_path: Path, freeze: Callable[[Path], None]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    freeze(folder)
    with pytest.raises(StateError, match=r"无法在 .* 保存对话（(没有权限|不允许修改)"):
        ConversationStore(folder)
    assert list(folder.iterdir()) == []


def test_undo_history_is_bounded_and_cheap(composer: Composer, tmp_path: Path) -> None:
    """Ten snapshots of a long conversation cost little more than the conversation itself."""
    store = ConversationStore(tmp_path)
    engine = Engine(composer, store, lambda: TODAY)
    for text in ("/new", "江北市交通运输局", "2026年", "1"):
        engine.handle("w", Event.from_text(text))
    for number in range(1, 31):
        engine.handle(
            "w", Event.from_text(f"组织党员开展第{number}次集中学习，{number + 20}人参加")
        )
    path = tmp_path / "conversations" / "w.json"
    record = json.loads(path.read_text("utf-8"))["conversation"]
    assert len(record["undo"]) == 10
    undo = len(json.dumps(record["undo"], ensure_ascii=False))
    assert undo < len(json.dumps(record["entries"], ensure_ascii=False))
    conversation = store.load("w")
    for number in range(30, 20, -1):
        assert len(conversation.entries) == number
        previous = conversation.undone()
        assert previous is not None
        conversation = previous
    assert conversation.undone() is None
