"""Tests of the fake Bot API server, driven by python-telegram-bot's real ``telegram.Bot``.

If these pass, end-to-end tests of zongjie can trust the server: python-telegram-bot accepts
its answers, and it sees exactly what the library sends.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from .fakebotapi import DROP, FakeBotAPI, RecordedRequest

TOKEN = "123456:TEST-token"
USER = 4242
OTHER_USER = 5151
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("好", callback_data="ok"),
            InlineKeyboardButton("不", callback_data="no"),
        ],
        [InlineKeyboardButton("帮助", url="https://example.invalid/help")],
    ]
)


@pytest.fixture
def server() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(TOKEN) as api:
        yield api


@pytest.fixture
async def bot(server: FakeBotAPI) -> AsyncIterator[Bot]:
    async with make_bot(server) as ready:
        yield ready


def make_bot(server: FakeBotAPI, token: str | None = None) -> Bot:
    return Bot(token or server.token, base_url=server.base_url, base_file_url=server.base_file_url)


def is_method(name: str) -> Callable[[RecordedRequest], bool]:
    return lambda request: request.method == name


# ------------------------------------------------------------------------------ basics


async def test_urls_follow_python_telegram_bot_conventions(server: FakeBotAPI) -> None:
    assert server.base_url == f"http://127.0.0.1:{server.port}/bot"
    assert server.base_file_url == f"http://127.0.0.1:{server.port}/file/bot"
    bot = make_bot(server)
    assert bot.base_url == f"{server.base_url}{TOKEN}"


async def test_get_me_describes_the_bot(server: FakeBotAPI, bot: Bot) -> None:
    me = await bot.get_me()

    assert me.id == 123456
    assert me.is_bot
    assert me.username == "fake_test_bot"
    assert me.api_kwargs == {}
    assert bot.username == "fake_test_bot"
    # One call from `async with bot` (initialize), one explicit.
    assert [r.status for r in server.requests("getMe")] == [200, 200]


async def test_wrong_token_is_rejected(server: FakeBotAPI) -> None:
    with pytest.raises(InvalidToken):
        async with make_bot(server, token="999:WRONG"):
            pass

    (rejected,) = server.requests("getMe")
    assert rejected.status == 401
    assert rejected.error == "Unauthorized"


# ------------------------------------------------------------------------------ sending


async def test_send_message_keeps_the_inline_keyboard(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER, "小王")

    message = await bot.send_message(USER, "继续吗？", reply_markup=KEYBOARD)

    assert message.message_id == 1
    assert message.text == "继续吗？"
    assert message.chat.id == USER
    assert message.chat.type == "private"
    assert message.chat.first_name == "小王"
    assert message.from_user is not None
    assert message.from_user.id == bot.id
    assert message.reply_markup == KEYBOARD
    assert message.api_kwargs == {}

    (request,) = server.requests("sendMessage")
    assert request.params["chat_id"] == USER  # decoded from the form's "4242"
    assert request.params["reply_markup"] == KEYBOARD.to_dict()

    (sent,) = server.sent_to(USER)
    assert (sent.kind, sent.text, sent.message_id) == ("text", "继续吗？", 1)
    assert sent.buttons == [("好", "ok"), ("不", "no"), ("帮助", None)]
    assert sent.callback_data("不") == "no"


async def test_message_ids_increase_per_chat(server: FakeBotAPI, bot: Bot) -> None:
    server.user_says(USER, "你好")
    server.add_user(OTHER_USER)

    first = await bot.send_message(USER, "一")
    second = await bot.send_message(USER, "二")
    elsewhere = await bot.send_message(OTHER_USER, "三")

    # The user's own message took id 1 in their chat, as on Telegram.
    assert (first.message_id, second.message_id) == (2, 3)
    assert elsewhere.message_id == 1
    assert [m.text for m in server.sent_to(USER)] == ["一", "二"]


async def test_texts_are_passed_through_exactly(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER)

    texts = ["123", "true", "null", '{"a": 1}', "  空格  ", "第一行\n第二行"]
    for text in texts:
        message = await bot.send_message(USER, text)
        assert message.text == text

    assert [m.text for m in server.sent_to(USER)] == texts
    assert [r.params["text"] for r in server.requests("sendMessage")] == texts


async def test_telegram_limits_are_enforced(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER)

    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(USER, "字" * 4097)
    await bot.send_message(USER, "字" * 4096)
    # HTML tags do not count towards the limit.
    await bot.send_message(USER, "<b>" + "字" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="empty"):
        await bot.send_message(USER, " ")
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(USER, "按钮", reply_markup=too_long)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(OTHER_USER, "陌生人")

    assert len(server.sent_to(USER)) == 2


async def test_send_document_stores_the_uploaded_bytes(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER)
    # Every byte value, CRLFs and a fake boundary line: multipart parsing must be byte-exact.
    data = bytes(range(256)) * 8 + b"\r\n--boundary\r\n\r\n" + "中文".encode()

    message = await bot.send_document(
        USER, io.BytesIO(data), filename="党建工作总结.docx", caption="本季度总结"
    )

    document = message.document
    assert document is not None
    assert document.file_name == "党建工作总结.docx"
    assert document.mime_type == DOCX
    assert document.file_size == len(data)
    assert message.caption == "本季度总结"
    assert message.api_kwargs == {}

    (request,) = server.requests("sendDocument")
    assert request.files["document"].filename == "党建工作总结.docx"
    assert request.params["caption"] == "本季度总结"

    (sent,) = server.sent_to(USER)
    assert (sent.kind, sent.filename, sent.text) == ("document", "党建工作总结.docx", "本季度总结")
    assert sent.data == data

    # The stored file can be fetched back the way a bot downloads files.
    telegram_file = await bot.get_file(document.file_id)
    assert bytes(await telegram_file.download_as_bytearray()) == data


async def test_send_document_by_file_id_reuses_the_file(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER)
    first = await bot.send_document(USER, b"report", filename="a.txt")
    assert first.document is not None

    again = await bot.send_document(USER, first.document.file_id)

    assert again.document is not None
    assert again.document.file_unique_id == first.document.file_unique_id
    assert [m.data for m in server.sent_to(USER)] == [b"report", b"report"]
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_document(USER, "no-such-file-id")


async def test_chat_actions_chats_and_deletion(server: FakeBotAPI, bot: Bot) -> None:
    server.user_says(USER, "hi", first_name="小李")

    assert await bot.send_chat_action(USER, ChatAction.UPLOAD_DOCUMENT)
    chat = await bot.get_chat(USER)
    assert (chat.id, chat.type, chat.first_name) == (USER, "private", "小李")

    message = await bot.send_message(USER, "稍后删除")
    assert await bot.delete_message(USER, message.message_id)
    assert server.message(USER, message.message_id).deleted
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(USER, message.message_id)

    server.user_blocks_bot(USER)
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(USER, "还在吗")


# ------------------------------------------------------------------------------ callbacks


async def test_callback_query_answer_and_edit(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER, "小王")
    menu = await bot.send_message(USER, "选择：", reply_markup=KEYBOARD)

    update_id = server.user_presses(USER, "ok", menu.message_id)
    (update,) = await bot.get_updates()

    assert update.update_id == update_id
    query = update.callback_query
    assert query is not None
    assert query.id == server.callback_query_id(update_id)
    assert query.data == "ok"
    assert query.from_user.id == USER
    assert isinstance(query.message, Message)  # Telegram includes the pressed message
    assert query.message.message_id == menu.message_id
    assert query.message.reply_markup == KEYBOARD

    assert await bot.answer_callback_query(query.id, text="收到")
    assert server.callback_answer(query.id) == {"callback_query_id": query.id, "text": "收到"}
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)

    edited = await bot.edit_message_text("已选择：好", chat_id=USER, message_id=menu.message_id)
    assert isinstance(edited, Message)
    assert edited.text == "已选择：好"
    assert edited.reply_markup is None  # an edit without reply_markup drops the keyboard
    assert edited.edit_date is not None
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("已选择：好", chat_id=USER, message_id=menu.message_id)

    await bot.edit_message_reply_markup(USER, menu.message_id, reply_markup=KEYBOARD)
    current = server.message(USER, menu.message_id)
    assert (current.text, current.edited, current.buttons[0]) == ("已选择：好", True, ("好", "ok"))


async def test_pressing_a_missing_button_is_a_test_error(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER)
    menu = await bot.send_message(USER, "选择：", reply_markup=KEYBOARD)

    with pytest.raises(AssertionError, match="no button"):
        server.user_presses(USER, "maybe", menu.message_id)
    with pytest.raises(AssertionError, match="no message 99"):
        server.user_presses(USER, "ok", 99)
    assert server.pending_updates == []


# ------------------------------------------------------------------------------ commands


async def test_commands_per_scope_and_language(server: FakeBotAPI, bot: Bot) -> None:
    commands = [BotCommand("start", "开始"), BotCommand("report", "生成总结")]
    private = BotCommandScopeAllPrivateChats()

    assert await bot.set_my_commands(commands)
    assert await bot.set_my_commands(commands[:1], scope=private, language_code="zh")

    assert await bot.get_my_commands() == tuple(commands)
    assert await bot.get_my_commands(scope=private, language_code="zh") == (commands[0],)
    assert await bot.get_my_commands(scope=private) == ()
    assert server.commands() == [c.to_dict() for c in commands]
    assert server.commands({"type": "all_private_chats"}, "zh") == [commands[0].to_dict()]

    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start!", "坏")])


# ------------------------------------------------------------------------------ updates


async def test_updates_are_redelivered_until_confirmed(server: FakeBotAPI, bot: Bot) -> None:
    hello = server.user_says(USER, "你好", first_name="小王")
    start = server.user_says(USER, "/start")

    first = await bot.get_updates()
    assert [u.update_id for u in first] == [hello, start]
    assert first[0].message is not None
    assert first[0].message.text == "你好"
    assert first[0].message.from_user is not None
    assert first[0].message.from_user.first_name == "小王"
    assert first[0].message.api_kwargs == {}
    assert server.confirmed_offset == 0

    # Not confirmed: the same updates again, also for a fresh bot (a restart after a crash).
    assert [u.update_id for u in await bot.get_updates()] == [hello, start]
    async with make_bot(server) as restarted:
        assert [u.update_id for u in await restarted.get_updates(offset=0)] == [hello, start]

    assert [u.update_id for u in await bot.get_updates(offset=hello + 1)] == [start]
    assert server.confirmed_offset == hello + 1
    assert [u["update_id"] for u in server.pending_updates] == [start]

    assert await bot.get_updates(offset=start + 1) == ()
    assert server.confirmed_offset == start + 1
    assert server.pending_updates == []


async def test_commands_carry_bot_command_entities(server: FakeBotAPI, bot: Bot) -> None:
    server.user_says(USER, "/start")
    server.user_says(USER, "😀 /report@fake_test_bot 三季度")

    start, report = await bot.get_updates()

    assert start.message is not None
    assert start.message.entities == (MessageEntity(MessageEntity.BOT_COMMAND, 0, 6),)
    assert report.message is not None
    (entity,) = report.message.entities
    # Offsets count UTF-16 code units: the emoji takes two.
    assert (entity.type, entity.offset, entity.length) == (MessageEntity.BOT_COMMAND, 3, 21)
    assert report.message.parse_entity(entity) == "/report@fake_test_bot"


async def test_limit_negative_offset_and_allowed_updates(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER)
    menu = await bot.send_message(USER, "选择：", reply_markup=KEYBOARD)
    ids = [server.user_says(USER, str(n)) for n in range(3)]
    press = server.user_presses(USER, "no", menu.message_id)

    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
    only_press = await bot.get_updates(allowed_updates=[Update.CALLBACK_QUERY])
    assert [u.update_id for u in only_press] == [press]

    # A negative offset keeps the last updates and forgets the others.
    assert [u.update_id for u in await bot.get_updates(offset=-1)] == [press]
    assert [u["update_id"] for u in server.pending_updates] == [press]


async def test_non_text_updates(server: FakeBotAPI, bot: Bot) -> None:
    photo = server.user_sends_photo(USER, caption="活动照片")
    sticker = server.user_sends_sticker(USER, emoji="🎉")
    document = server.user_sends_document(USER, "材料.txt", "三会一课".encode())

    updates = {u.update_id: u.message for u in await bot.get_updates()}

    photo_message, sticker_message, document_message = (
        updates[photo],
        updates[sticker],
        updates[document],
    )
    assert photo_message is not None
    assert photo_message.caption == "活动照片"
    assert [size.width for size in photo_message.photo] == [90, 800]
    assert sticker_message is not None
    assert sticker_message.sticker is not None
    assert sticker_message.sticker.emoji == "🎉"
    assert document_message is not None
    assert document_message.document is not None
    assert document_message.document.file_name == "材料.txt"
    assert document_message.document.mime_type == "text/plain"
    assert all(m is not None and m.api_kwargs == {} for m in updates.values())

    received = await bot.get_file(document_message.document.file_id)
    assert bytes(await received.download_as_bytearray()) == "三会一课".encode()


async def test_long_poll_returns_as_soon_as_the_user_speaks(server: FakeBotAPI, bot: Bot) -> None:
    since = server.request_count
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    waiting = await server.wait_for_async(
        lambda r: r.method == "getUpdates" and not r.done, since=since
    )
    assert waiting.params["timeout"] == 30

    started = time.monotonic()
    # From another thread, as a test or a subprocess-driving helper would.
    update_id = await asyncio.to_thread(server.user_says, USER, "在吗")
    updates = await asyncio.wait_for(poll, timeout=10)

    assert time.monotonic() - started < 5
    assert [u.update_id for u in updates] == [update_id]
    assert server.requests()[waiting.index].status == 200


async def test_long_poll_times_out_with_no_updates(server: FakeBotAPI, bot: Bot) -> None:
    started = time.monotonic()

    assert await bot.get_updates(timeout=1) == ()

    assert time.monotonic() - started >= 0.9
    (request,) = server.requests("getUpdates")
    assert (request.status, request.result) == (200, [])


async def test_a_newer_poll_ends_an_older_one_with_conflict(server: FakeBotAPI, bot: Bot) -> None:
    since = server.request_count
    older = asyncio.create_task(bot.get_updates(timeout=30))
    await server.wait_for_async(lambda r: r.method == "getUpdates" and not r.done, since=since)

    # A second instance of the bot polls too (PTB allows one getUpdates per Bot at a time).
    async with make_bot(server) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates"):
        await asyncio.wait_for(older, timeout=10)


async def test_webhook_blocks_polling_until_deleted(server: FakeBotAPI, bot: Bot) -> None:
    server.user_says(USER, "排队中")

    assert await bot.set_webhook("https://example.invalid/hook")
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == ("https://example.invalid/hook", 1)
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()

    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates() == ()
    assert await bot.close()
    assert await bot.log_out()


# ------------------------------------------------------------------------------ failures


async def test_fail_next_fails_exactly_one_call(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER)
    server.fail_next("sendMessage")

    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(USER, "第一次")
    await bot.send_message(USER, "重试")

    assert [r.status for r in server.requests("sendMessage")] == [502, 200]
    assert [m.text for m in server.sent_to(USER)] == ["重试"]


async def test_fail_next_network_drop_and_lost_answer(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER)
    server.fail_next("sendMessage", DROP)
    server.fail_next("sendMessage", DROP, after_processing=True)

    with pytest.raises(NetworkError):
        await bot.send_message(USER, "没发出去")
    with pytest.raises(NetworkError):
        await bot.send_message(USER, "发出去了但没收到回答")

    assert [r.dropped for r in server.requests("sendMessage")] == [True, True]
    assert [m.text for m in server.sent_to(USER)] == ["发出去了但没收到回答"]
    await bot.send_message(USER, "连接恢复")  # a dropped connection does not break the bot


async def test_fail_next_rate_limit(
    server: FakeBotAPI, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PTB 22 warns about RetryAfter.retry_after becoming a timedelta unless opted in; under
    # filterwarnings=error the warning would replace the RetryAfter.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    server.add_user(USER)
    server.fail_next("sendDocument", 429, retry_after=3)

    with pytest.raises(RetryAfter) as caught:
        await bot.send_document(USER, b"x", filename="x.txt")

    assert caught.value.retry_after == dt.timedelta(seconds=3)
    assert server.sent_to(USER) == []
    await bot.send_document(USER, b"x", filename="x.txt")


async def test_unknown_method_is_404_and_recorded(server: FakeBotAPI, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendNonsense", api_kwargs={"chat_id": USER})

    (request,) = server.requests("sendNonsense")
    assert (request.status, request.error) == (404, "Not Found: method not found")
    assert request.params == {"chat_id": USER}
    assert server.unhandled_methods() == ["sendNonsense"]


# ------------------------------------------------------------------------------ raw HTTP


def post(url: str, body: bytes, content_type: str) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


def test_json_and_urlencoded_bodies(server: FakeBotAPI) -> None:
    server.add_user(USER)
    api = f"{server.base_url}{server.token}"
    markup = {"inline_keyboard": [[{"text": "好", "callback_data": "ok"}]]}

    body = json.dumps({"chat_id": USER, "text": "JSON 正文", "reply_markup": markup}).encode()
    status, answer = post(f"{api}/sendMessage", body, "application/json")
    assert (status, answer["ok"], answer["result"]["reply_markup"]) == (200, True, markup)

    form = urllib.parse.urlencode({"chat_id": USER, "text": "true"}).encode()
    status, answer = post(f"{api}/SENDMESSAGE", form, "application/x-www-form-urlencoded")
    assert (status, answer["result"]["text"]) == (200, "true")
    assert server.requests()[-1].method == "sendMessage"  # method names are case-insensitive

    status, answer = post(f"{server.url}/nowhere", b"", "application/json")
    assert (status, answer["ok"]) == (404, False)
    status, answer = post(f"{api}/sendMessage", b"{not json", "application/json")
    assert (status, answer["error_code"]) == (400, 400)

    with urllib.request.urlopen(f"{api}/getMe?unused=1", timeout=10) as response:
        assert json.loads(response.read())["result"]["username"] == "fake_test_bot"


# ------------------------------------------------------------------------------ waiting


def test_waiting_helpers_fail_with_what_was_received(server: FakeBotAPI) -> None:
    server.add_user(USER)
    post(f"{server.base_url}{server.token}/getMe", b"", "application/json")

    with pytest.raises(AssertionError, match=r"(?s)timed out.*#0 getMe\(\) -> 200"):
        server.wait_for(is_method("sendMessage"), timeout=0.1)
    with pytest.raises(AssertionError, match="expected 1 new message"):
        server.wait_for_reply(USER, timeout=0.1)
    with pytest.raises(AssertionError, match="not confirmed"):
        server.wait_for_confirmation(server.user_says(USER, "hi"), timeout=0.1)


async def test_wait_for_reply_reads_each_reply_once(server: FakeBotAPI, bot: Bot) -> None:
    server.add_user(USER)
    await bot.send_message(USER, "一")  # sent before anyone waits: still counted

    (first,) = await server.wait_for_reply_async(USER)
    assert first.text == "一"
    await bot.send_message(USER, "二")
    await bot.send_message(USER, "三")
    assert [m.text for m in server.unread_replies(USER)] == ["二", "三"]
    assert [m.text for m in await server.wait_for_reply_async(USER, count=2)] == ["二", "三"]
    assert server.unread_replies(USER) == []


# ------------------------------------------------------------------------------ whole bots


async def test_application_polling_flow(server: FakeBotAPI) -> None:
    """A python-telegram-bot Application, started as run_polling starts it."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("选择：", reply_markup=KEYBOARD)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("收到")
        await query.edit_message_text(f"你选了 {query.data}")

    application: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(pressed))

    async with application:
        assert application.updater is not None
        await application.updater.start_polling()
        await application.start()
        try:
            start_update = server.user_says(USER, "/start", first_name="小王")
            (menu,) = await server.wait_for_reply_async(USER)
            assert menu.text == "选择："
            # The running updater confirms each batch with its next poll.
            await server.wait_for_confirmation_async(start_update)

            press = server.user_presses(USER, menu.callback_data("好"), menu.message_id)
            await server.wait_for_async(lambda r: r.method == "editMessageText" and r.ok)
        finally:
            await application.updater.stop()
            await application.stop()

    answer = server.callback_answer(server.callback_query_id(press))
    assert answer is not None
    assert answer["text"] == "收到"
    assert server.message(USER, menu.message_id).text == "你选了 ok"
    # Stopping the updater confirms what it fetched, so a restart would not see it again.
    assert server.confirmed_offset == press + 1
    methods = [r.method for r in server.requests()]
    assert methods[:3] == ["getMe", "deleteWebhook", "getUpdates"]
    assert server.unhandled_methods() == []


def test_bot_in_a_subprocess(server: FakeBotAPI) -> None:
    server.add_user(USER)
    script = textwrap.dedent(
        """
        import asyncio, sys
        from telegram import Bot

        async def main() -> None:
            token, base_url, base_file_url, chat_id = sys.argv[1:]
            async with Bot(token, base_url=base_url, base_file_url=base_file_url) as bot:
                await bot.send_message(int(chat_id), "来自子进程")
                await bot.send_document(int(chat_id), b"%PDF-1.4", filename="r.pdf")

        asyncio.run(main())
        """
    )
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            server.token,
            server.base_url,
            server.base_file_url,
            str(USER),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr

    text, document = server.wait_for_reply(USER, count=2)
    assert text.text == "来自子进程"
    assert (document.filename, document.mime_type, document.data) == (
        "r.pdf",
        "application/pdf",
        b"%PDF-1.4",
    )


def test_stop_releases_pending_waiters_and_polls() -> None:
    server = FakeBotAPI(TOKEN).start()
    try:
        api = f"{server.base_url}{server.token}"
        outcome: list[tuple[int, dict[str, Any]]] = []
        poller = threading.Thread(
            target=lambda: outcome.append(post(f"{api}/getUpdates?timeout=60", b"", "text/plain"))
        )
        poller.start()
        server.wait_for(lambda r: r.method == "getUpdates" and not r.done)
        started = time.monotonic()
    finally:
        server.stop()
    poller.join(10)

    assert time.monotonic() - started < 5
    assert outcome == [(200, {"ok": True, "result": []})]
    with pytest.raises(AssertionError, match="server stopped"):
        server.wait_for(lambda r: False, timeout=5)
