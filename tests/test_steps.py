"""The declared conversation, driven directly: pure step handlers, no store, no engine."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.chat import steps, texts
from bot.chat.buttons import MAX_BYTES, ONCE, Button, Kind, decode
from bot.chat.conversation import Conversation, Reply
from bot.chat.dialogue import Engine
from bot.chat.records import from_record, to_record
from bot.chat.sessions import ConversationStore
from bot.chat.states import REVISABLE, TRANSITIONS, After, Event, Role, State
from bot.chat.step import Context, Outcome, answers_of
from bot.writer.compose import Composer
from phrasebank.bank import Bank
from phrasebank.own import Earlier

TODAY = dt.date(2026, 11, 21)
USER = "test:1"
BOT = Path(__file__).resolve().parent.parent / "bot"


@pytest.fixture(scope="module")
def context(bank: Bank) -> Context:
    return Context(Composer(bank), TODAY, lambda: None)


def step(context: Context, conversation: Conversation, text: str) -> Outcome:
    outcome = steps.run(context, conversation, Event.from_text(text))
    assert outcome.replies, f"no reply to {text!r}"
    return outcome


def walk(context: Context, *inputs: str) -> Conversation:
    conversation = Conversation(USER)
    for text in inputs:
        conversation = step(context, conversation, text).conversation
    return conversation


BASICS = ("/new", "某某市交通运输局", "2026年", "1")


# ---------------------------------------------------------------- the tables


def test_every_state_is_reachable_from_idle(context: Context) -> None:
    """Breadth-first from IDLE over a few inputs and every shown button, through the real steps;
    for a writer whose organisation imported an earlier report with plans, and one without."""
    inputs = [Event.from_text(t) for t in (*BASICS[1:], "/new", "组织党员观看警示教育片", "/done")]
    reports = (
        Earlier("2025年工作总结", "2025年工作总结", ("完善党员积分管理办法",), "002"),
        Earlier("2024年工作总结", "2024年工作总结", ("开展清廉机关建设",), "001"),
    )
    with_plans = replace(context, earlier_reports=lambda: reports)
    seen: set[tuple[State, bool]] = set()
    for explored in (context, with_plans):
        start = Conversation(USER)
        seen.add((start.state, False))
        frontier = [start]
        reached_here = {(start.state, False)}
        while frontier:
            conversation = frontier.pop(0)
            pressed = [Event("press", c.data) for c in conversation.options]
            for event in [*inputs, *pressed]:
                reached = steps.run(explored, conversation, event).conversation
                if (reached.state, bool(reached.entries)) not in reached_here:
                    reached_here.add((reached.state, bool(reached.entries)))
                    frontier.append(reached)
        seen |= reached_here
    assert {state for state, _ in seen} == set(State)


def test_every_state_declares_a_prompt_and_handlers(context: Context) -> None:
    assert set(steps.STEPS) == set(State)
    handled = set(steps.ANYWHERE)
    for state, declared in steps.STEPS.items():
        assert callable(declared.text) and callable(declared.done), state
        # A state's own buttons are its questions'; the entry buttons work everywhere.
        assert not set(steps.ANYWHERE) & set(declared.buttons), state
        handled |= set(declared.buttons)
        reply = declared.prompt(context, Conversation(USER, state=state, period="2026年"))
        assert reply.text.strip(), state
    assert handled == set(Kind), "a button kind nobody handles"


def test_every_transition_names_declared_states() -> None:
    assert all(isinstance(a, State) and isinstance(b, State) for (a, _), b in TRANSITIONS.items())
    assert all((State.DONE, f"revise_{target}") in TRANSITIONS for target in REVISABLE)


def test_every_command_has_help_and_a_handler() -> None:
    names = [c.name for c in steps.COMMANDS]
    assert len(names) == len(set(names))
    for command in steps.COMMANDS:
        # Telegram's rule for command names; the help is its menu text.
        assert re.fullmatch(r"[a-z][a-z0-9_]{0,31}", command.name)
        assert command.help.strip() and len(command.help) <= 256
        assert callable(command.handler)


def test_every_text_in_texts_is_used() -> None:
    tree = ast.parse((BOT / "chat" / "texts.py").read_text("utf-8"))
    defined = [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id.isupper()
    ] + [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    sources = "\n".join(p.read_text("utf-8") for p in BOT.rglob("*.py"))
    unused = [name for name in defined if len(re.findall(rf"\b{name}\b", sources)) < 2]
    assert not unused


def test_no_chinese_sentence_outside_texts() -> None:
    """Code and comments are English; what the bot says lives in texts.py."""
    han = re.compile(r"[\u4e00-\u9fff]")
    for path in (BOT / "chat").glob("*.py"):
        if path.name == "texts.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docstrings: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
                first = node.body[0] if node.body else None
                if isinstance(first, ast.Expr):
                    docstrings.add(id(first.value))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                assert not han.search(node.value), f"{path.name}: {node.value!r}"


def test_modules_are_small_and_acyclic() -> None:
    for path in [*BOT.rglob("*.py"), *(BOT.parent / "phrasebank").rglob("*.py")]:
        assert len(path.read_text("utf-8").splitlines()) <= 400, path.name
    for path in (BOT / "chat").glob("*.py"):
        for line in path.read_text("utf-8").splitlines():
            # Nothing private crosses a package boundary.
            assert not re.match(r"from (bot|phrasebank)\.\S+ import .*\b_[a-z]", line), line
    imports = {
        path.stem: set(re.findall(r"^from \.(\w+) import", path.read_text("utf-8"), re.M))
        | {
            name.strip()
            for group in re.findall(r"^from \. import (.+)$", path.read_text("utf-8"), re.M)
            for name in group.split(",")
        }
        for path in (BOT / "chat").glob("*.py")
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(
            n == goal or (n not in seen and reaches(n, goal, seen | {n}))
            for n in imports.get(start, ())
        )

    assert not [module for module in imports if reaches(module, module, set())]


# ---------------------------------------------------------------- buttons


@pytest.mark.parametrize(
    "button",
    [
        Button(Kind.UNIT, "remembered"),
        Button(Kind.PERIOD, "2026年第三季度"),
        Button(Kind.GENRE, "responsibility"),
        Button(Kind.THEME, "organization", 12),
        Button(Kind.RETHEME, key=3),
        Button(Kind.SWAP, key=3),
        Button(Kind.DEL, key=60),
        Button(Kind.PICK, "problems", 4),
        Button(Kind.AUTO, "plans"),
        Button(Kind.DONE, "problems"),
        Button(Kind.REVISE, "period"),
    ],
    ids=lambda b: b.kind.value,
)
def test_a_button_survives_its_journey(button: Button) -> None:
    data = button.encode()
    assert len(data.encode()) <= MAX_BYTES
    assert decode(data) == button
    assert button.once is (button.kind in ONCE)


def test_the_wire_format_is_the_one_already_on_old_messages() -> None:
    assert decode("theme:7:integrity") == Button(Kind.THEME, "integrity", 7)
    assert decode("pick:plans:2") == Button(Kind.PICK, "plans", 2)
    assert decode("unit:remembered") == Button(Kind.UNIT, "remembered")
    assert Button(Kind.DEL, key=5).encode() == "del:5"


def test_a_button_over_telegrams_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        Button(Kind.PERIOD, "很长" * 20).encode()


GARBAGE = ["", "x", ":", "swap:", "swap:abc", "del:-1", "del:１", "theme:3", "theme:x:politics"]
GARBAGE += ["pick:plans:x", "retheme:1:2", "frobnicate:1", "revise:nothing", "期间:1"]


@pytest.mark.parametrize("data", GARBAGE)
def test_undecodable_button_data_has_expired(context: Context, data: str) -> None:
    conversation = walk(context, *BASICS, "组织党员观看警示教育片")
    outcome = steps.run(context, conversation, Event("press", data))
    assert texts.EXPIRED in outcome.replies[0].text or texts.ENTRY_GONE in outcome.replies[0].text
    assert outcome.conversation.entries == conversation.entries
    assert outcome.conversation.state is conversation.state


# ---------------------------------------------------------------- the steps


def test_a_unit_answer_is_to_be_remembered_by_the_outcome_not_a_side_channel(
    context: Context,
) -> None:
    conversation = walk(context, "/new")
    outcome = step(context, conversation, "国家税务总局临江县税务局")
    assert outcome.unit == "国家税务总局临江县税务局"
    assert outcome.conversation.state is State.PERIOD
    assert outcome.replies[-1].text == texts.ASK_PERIOD
    assert step(context, outcome.conversation, "2026年").unit is None


def test_the_remembered_unit_is_offered_and_used(bank: Bank) -> None:
    remembered = Context(Composer(bank), TODAY, lambda: "某某街道党工委")
    outcome = step(remembered, Conversation(USER), "/new")
    offer = outcome.replies[-1]
    assert offer.choices[0].button == Button(Kind.UNIT, "remembered")
    pressed = steps.run(remembered, outcome.conversation, Event("press", offer.choices[0].data))
    assert pressed.conversation.unit == "某某街道党工委" and pressed.unit == "某某街道党工委"


def test_done_with_nothing_written_leaves_the_list_to_the_composer(context: Context) -> None:
    conversation = walk(context, *BASICS, "召开全面从严治党工作会议", "/done")
    assert conversation.state is State.PROBLEMS
    conversation = step(context, conversation, "/done").conversation
    assert conversation.state is State.PLANS and conversation.auto == {Role.PROBLEMS}
    conversation = step(context, conversation, "加强理论学习").conversation
    outcome = step(context, conversation, "/done")
    assert outcome.conversation.state is State.DONE
    assert outcome.conversation.auto == {Role.PROBLEMS}
    assert outcome.conversation.plans == ("加强理论学习",)
    assert [r.document for r in outcome.replies] == [False, True, False]


def test_revising_leads_back_to_the_draft_and_only_there(context: Context) -> None:
    drafted = walk(context, *BASICS, "召开全面从严治党工作会议", "/done", "/done", "/done")
    assert drafted.state is State.DONE and drafted.after is After.NEXT
    revising = steps.run(context, drafted, Event("press", "revise:problems")).conversation
    assert revising.state is State.PROBLEMS and revising.after is After.DRAFT
    assert Role.PROBLEMS not in revising.auto
    outcome = step(context, revising, "学习不够深入")
    assert outcome.conversation.state is State.PROBLEMS
    outcome = step(context, outcome.conversation, "/done")
    assert outcome.conversation.state is State.DONE and outcome.conversation.after is After.NEXT
    assert "学习不够深入。" in outcome.replies[0].text


def test_options_are_the_choices_last_shown(context: Context) -> None:
    outcome = step(context, walk(context, "/new", "某某市交通运输局"), "2026年")
    assert outcome.conversation.options == outcome.replies[-1].choices
    assert [c.button.kind for c in outcome.conversation.options] == [Kind.GENRE] * 3
    outcome = step(context, outcome.conversation, "/list")
    assert outcome.conversation.options == ()


def test_an_unknown_command_and_a_non_text_message(context: Context) -> None:
    conversation = walk(context, "/new")
    outcome = step(context, conversation, "/frobnicate@zongjie_bot")
    assert outcome.replies == (Reply(texts.UNKNOWN_COMMAND.format(command="/frobnicate")),)
    other = steps.run(context, conversation, Event("other"))
    assert other.replies[0].text == texts.ONLY_TEXT and other.replies[-1].text == texts.ASK_UNIT


# ---------------------------------------------------------------- stored records

# What the previous code (record format 1) wrote for a writer revising problems after the
# draft, with plans left to the composer: flags, `drafted`, and an undo snapshot of its own.
OLD_CONTENT = {
    "state": "done",
    "unit": "某某市交通运输局",
    "period": "2026年",
    "genre": "summary",
    "entries": [
        {
            "key": 3,
            "text": "召开全面从严治党工作会议",
            "theme": "responsibility",
            "confidence": 0.9,
            "chosen": False,
            "variant": 0,
            "asked": False,
        }
    ],
    "problems": ["学习不够深入"],
    "plans": [],
    "problems_auto": False,
    "plans_auto": True,
    "options": [{"label": "改问题", "data": "revise:problems"}],
    "next_key": 4,
    "drafted": True,
    "revising": False,
}
OLD_RECORD = {
    **OLD_CONTENT,
    "state": "problems",
    "problems": [],
    "options": [{"label": "完成", "data": "done:problems"}, {"label": "旧", "data": "gone:1"}],
    "drafted": False,
    "revising": True,
    "format": 1,
    "user": USER,
    "undo": [OLD_CONTENT],
    "last_update": 77,
    "last_replies": [
        {"text": "请写出存在的问题", "choices": [{"label": "完成", "data": "done:problems"}]},
    ],
}


def test_a_record_of_the_previous_format_still_loads() -> None:
    conversation = from_record(json.loads(json.dumps(OLD_RECORD)))
    assert conversation.state is State.PROBLEMS and conversation.after is After.DRAFT
    assert conversation.auto == {Role.PLANS} and conversation.problems == ()
    assert [c.button for c in conversation.options] == [Button(Kind.DONE, "problems")]
    assert conversation.last_update == 77 and conversation.last_replies[0].choices
    previous = conversation.undone()
    assert previous is not None
    assert previous.state is State.DONE and previous.after is After.NEXT
    assert previous.problems == ("学习不够深入",) and previous.entries[0].key == 3
    assert from_record(to_record(conversation)) == conversation
    assert "drafted" not in to_record(conversation)


def test_an_old_stored_conversation_carries_on(composer: Composer, tmp_path: Path) -> None:
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps({"conversations": {"1": OLD_RECORD}}), "utf-8")
    engine = Engine(composer, ConversationStore(tmp_path), lambda: TODAY)
    replies = engine.handle(USER, Event.from_text("/done", 78))
    assert replies[0].text.startswith("某某市交通运输局2026年党建工作总结")
    assert engine.store.load(USER).state is State.DONE
    assert engine.handle(USER, Event("press", "gone:1", 79))[0].text == texts.EXPIRED


@pytest.fixture(scope="module")
def composer(context: Context) -> Composer:
    return context.composer


# ------------------------------------------------------ saying what looks wrong


def test_done_names_the_usual_themes_not_yet_touched_once_without_blocking(
    context: Context,
) -> None:
    conversation = walk(context, *BASICS, "组织党员观看警示教育片")
    outcome = step(context, conversation, "/done")
    said = "\n".join(r.text for r in outcome.replies)
    assert outcome.conversation.state is State.PROBLEMS  # the piped contract goes on
    assert "还没有提到" in said and "理论武装" in said and "党风廉政建设" not in said
    # /undo goes back to add one; the next /done does not remind again.
    back = step(context, outcome.conversation, "/undo").conversation
    assert back.state is State.ACTIVITIES
    again = step(context, step(context, back, "组织中心组学习6次").conversation, "/done")
    assert "还没有提到" not in "\n".join(r.text for r in again.replies)


def test_done_names_activities_told_too_briefly(context: Context) -> None:
    """端午包粽子活动 says what, not when, how many or how: the writer hears which, and what
    such work usually states (a volunteer service its times and volunteers)."""
    facts = ("组织中心组学习6次", "端午包粽子活动", "召开支部委员会12次", "开展志愿服务")
    told = step(context, walk(context, *BASICS, *facts[:3]), facts[3]).replies
    assert "第 4 项写得比较简略，可补充服务内容、次数、参加的志愿者人数" in told[-1].text
    said = "\n".join(r.text for r in step(context, walk(context, *BASICS, *facts), "/done").replies)
    assert "有2项（第2、4项）写得比较简略" in said and "/edit" in said
    detailed = ("组织中心组学习6次", "端午节组织职工包粽子，送给社区独居老人30户")
    said = "\n".join(
        r.text for r in step(context, walk(context, *BASICS, *detailed), "/done").replies
    )
    assert "简略" not in said


def test_done_says_a_thin_report_needs_more_activities_once(context: Context) -> None:
    # A year's report with three activities: the writer hears how many a year usually has.
    facts = ("组织党员观看警示教育片", "组织中心组学习6次", "召开支部委员会12次")
    outcome = step(context, walk(context, *BASICS, *facts), "/done")
    said = "\n".join(r.text for r in outcome.replies)
    assert "写了3项工作" in said and "全年的报告一般写20项左右" in said
    assert outcome.conversation.state is State.PROBLEMS
    # A quarter's report with ten activities hears nothing of the kind.
    quarter = ("/new", "某某市交通运输局", "2026年第三季度", "1")
    ten = [f"组织第{n}党支部开展主题党日" for n in range(1, 11)]
    enough = step(context, walk(context, *quarter, *ten), "/done")
    assert enough.conversation.state is State.PROBLEMS
    assert "项工作" not in "\n".join(r.text for r in enough.replies)


def test_done_asks_a_duty_report_for_last_years_rectification_once(context: Context) -> None:
    """A 述职 has a section of its own for the problems last year's 述职评议 raised: the
    writer who gave none hears so, with an example; one who did, or a quarter's, does not."""
    duty = ("/new", "某某市交通运输局机关党委", "2026年", "3")
    facts = ("组织中心组学习6次", "召开支部委员会12次")
    said = "\n".join(r.text for r in step(context, walk(context, *duty, *facts), "/done").replies)
    assert "上年度问题的整改情况" in said and "例如：针对上年度述职评议指出的" in said
    given = (*facts, "针对去年述职评议指出的党建和业务结合不紧的问题，建立党建业务双月调度机制")
    said = "\n".join(r.text for r in step(context, walk(context, *duty, *given), "/done").replies)
    assert "整改情况" not in said
    quarter = ("/new", "某某市交通运输局机关党委", "2026年第三季度", "3")
    said = "\n".join(
        r.text for r in step(context, walk(context, *quarter, *facts), "/done").replies
    )
    assert "整改情况" not in said
    summary = "\n".join(
        r.text for r in step(context, walk(context, *BASICS, *facts), "/done").replies
    )
    assert "整改情况" not in summary


def test_done_asks_a_duty_report_for_what_the_writer_did_once(context: Context) -> None:
    """A 述职 tells what 本人 did (rounds RR–TT: "little on what 本人 did personally"): a
    writer whose facts show it in fewer than three hears so; one who wrote them does not."""
    duty = ("/new", "某某市交通运输局机关党委", "2026年第三季度", "3")
    facts = ("组织中心组学习6次", "召开支部委员会12次", "机关党支部开展主题党日3次")
    said = "\n".join(r.text for r in step(context, walk(context, *duty, *facts), "/done").replies)
    assert "本人亲自抓了哪些工作" in said and "例如：本人主持召开" in said
    own = ("本人主持召开党委会9次", "带头讲党课2次", "我与班子成员谈心谈话12人次")
    said = "\n".join(r.text for r in step(context, walk(context, *duty, *own), "/done").replies)
    assert "本人亲自抓了" not in said
    summary = "\n".join(
        r.text for r in step(context, walk(context, *BASICS, *facts), "/done").replies
    )
    assert "本人亲自抓了" not in summary


@pytest.mark.parametrize(
    ("activity", "words"),
    [
        ("3月组织党员开展学雷锋志愿服务", ("3月", "不在2026年第三季度内")),
        ("查办各类市场监管案件386件，罚没款1260万元", ("业务工作", "党建业务融合")),
        ("Held a branch meeting with all members", ("不是中文",)),
    ],
)
def test_an_activity_that_looks_wrong_is_kept_and_pointed_out_when_recorded(
    context: Context, activity: str, words: tuple[str, ...]
) -> None:
    conversation = walk(context, "/new", "某某市市场监督管理局", "2026年第三季度", "1")
    outcome = step(context, conversation, activity)
    said = "\n".join(r.text for r in outcome.replies)
    assert (
        "提醒：第 1 项" in said and said.count("请核对") <= 1 and all(w in said for w in words)
    ), said
    assert [e.text for e in outcome.conversation.entries] == [activity]


def test_the_kind_of_unit_can_be_seen_and_changed_in_the_chat(context: Context) -> None:
    conversation = walk(context, "/new", "江州市第三中学", "2026年第三季度", "1")
    shown = step(context, conversation, "/kind").replies[0]
    assert "中小学校" in shown.text and "校党总支" in shown.text
    hospital = next(c for c in shown.choices if c.label == "医院")
    assert hospital.button.once  # a question answered once: its buttons go
    pressed = steps.run(context, conversation, Event("press", hospital.button.encode()))
    assert pressed.conversation.kind == "hospital" and "院党委" in pressed.replies[0].text
    # Typed, by id; an unknown kind is named.
    typed = step(context, conversation, "/kind school").conversation
    assert typed.kind == "school"
    assert "不认识单位类型" in step(context, typed, "/kind 飞船").replies[0].text


def test_the_reporter_of_a_duty_report_is_named_in_the_chat(context: Context) -> None:
    conversation = walk(context, "/new", "某县司法局党组", "2026年第三季度", "duty")
    assert "XXX" in step(context, conversation, "/name").replies[0].text
    assert "汉字" in step(context, conversation, "/name Zhang").replies[0].text
    named = step(context, conversation, "/name 王 建军").conversation
    assert named.name == "王建军" and "王建军" in step(context, named, "/name").replies[0].text
    entered = walk(context, "/new", "某县司法局党组", "2026年第三季度", "duty")
    entered = step(context, entered, "/name 王建军").conversation
    entered = step(context, entered, "主持召开党组会7次").conversation
    answers = answers_of(entered, context.today)
    assert answers is not None and answers.name == "王建军"
    # A summary is signed by the organisation: it has no 述职人 to name.
    summary = walk(context, "/new", "某县司法局党组", "2026年第三季度", "summary")
    outcome = step(context, summary, "/name 王建军")
    assert outcome.conversation.name is None and "不用填写" in outcome.replies[0].text
