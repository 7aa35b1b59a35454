"""A fake Telegram Bot API server for end-to-end tests.

The bot under test keeps its real network stack (python-telegram-bot -> httpx -> HTTP) and is
merely pointed at this server through ``base_url`` / ``base_file_url``, so tests exercise the
same requests, encodings, retries and long polling that production sees, without the internet.

The server is pure standard library and runs in background threads, so it can serve a bot that
lives in the test's own asyncio loop or in a separate process.  Tests play the user's part
(``user_says``, ``user_presses`` ...) and observe the bot (``sent_to``, ``requests``,
``wait_for_reply`` ...).  Updates behave like Telegram's: they stay queued until the bot confirms
them with a higher ``offset`` in ``getUpdates``, so a bot that dies before confirming receives
the same update again after a restart.

Typical use::

    with FakeBotAPI() as server:
        bot = telegram.Bot(server.token, base_url=server.base_url,
                           base_file_url=server.base_file_url)
        ...
        server.user_says(42, "/start")
        (reply,) = server.wait_for_reply(42)
        assert "欢迎" in reply.text

Only the Bot API methods this project needs are implemented (see ``FakeBotAPI.METHODS``); any
other method is answered like Telegram answers an unknown one (HTTP 404) and recorded, so
``unhandled_methods()`` shows what a test would need next.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import dataclasses
import html
import json
import logging
import mimetypes
import re
import socket
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import TCPServer
from typing import Any, Final, Literal, TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "DROP",
    "FakeBotAPI",
    "RecordedRequest",
    "SentMessage",
    "UploadedFile",
]

JSONDict = dict[str, Any]
_T = TypeVar("_T")

_LOGGER = logging.getLogger(__name__)

#: Pass as ``status`` to :meth:`FakeBotAPI.fail_next` to close the connection without answering.
DROP: Final = "drop"

MAX_TEXT_LENGTH: Final = 4096
MAX_CAPTION_LENGTH: Final = 1024
MAX_CALLBACK_DATA_BYTES: Final = 64

_NOT_MODIFIED: Final = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_METHOD_NOT_FOUND: Final = "Not Found: method not found"
_QUERY_INVALID: Final = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)

# Telegram delivers every update type by default except these three (Bot API, getUpdates).
_NOT_DELIVERED_BY_DEFAULT: Final = frozenset(
    {"chat_member", "message_reaction", "message_reaction_count"}
)

_CHAT_ACTIONS: Final = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

_INLINE_BUTTON_ACTIONS: Final = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)

# Form and multipart values arrive as strings: python-telegram-bot sends strings as they are and
# JSON-encodes everything else (numbers, booleans, keyboards, lists).  Decoding a value as JSON is
# therefore right except for parameters that are strings in the Bot API, where "123" or "true"
# typed by a user must stay text.
_STRING_PARAMS: Final = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "action",
        "language_code",
        "secret_token",
        "ip_address",
        "business_connection_id",
        "message_effect_id",
        "file_id",
        "emoji",
        "title",
        "name",
        "description",
        "short_description",
        "query_id",
        "custom_emoji_id",
        "document",
        "photo",
        "sticker",
        "thumbnail",
    }
)
_JSON_SCALAR_RE: Final = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")
_BOT_COMMAND_RE: Final = re.compile(r"(?:^|(?<=\s))/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?")
_COMMAND_NAME_RE: Final = re.compile(r"[a-z0-9_]{1,32}")
_API_PATH_RE: Final = re.compile(r"/bot(?P<token>[^/]*)/(?P<method>[^/]*)")
_FILE_PATH_RE: Final = re.compile(r"/file/bot(?P<token>[^/]*)/(?P<path>.+)")
_HEADER_PARAM_RE: Final = re.compile(r';\s*([A-Za-z0-9_*.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')
# httpx writes form-data names the HTML5 way: '"' and control characters percent-encoded,
# backslashes doubled, non-ASCII as raw UTF-8.
_HTML5_ESCAPE_RE: Final = re.compile(r"%(22|[01][0-9A-Fa-f])")


# --------------------------------------------------------------------------------------------
# Records handed to tests


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request, or a file the fake server keeps."""

    field: str
    filename: str | None
    content_type: str
    data: bytes


@dataclass(frozen=True)
class RecordedRequest:
    """One HTTP request the server received, in arrival order.

    ``status`` is ``None`` while the request is still being answered (a long poll) and when the
    connection was dropped on purpose (then ``dropped`` is true).
    """

    index: int
    method: str
    params: JSONDict
    files: Mapping[str, UploadedFile]
    time: float
    http_method: str = "POST"
    status: int | None = None
    result: Any = None
    error: str | None = None
    dropped: bool = False

    @property
    def done(self) -> bool:
        return self.status is not None or self.dropped

    @property
    def ok(self) -> bool:
        return self.status == HTTPStatus.OK

    def __str__(self) -> str:
        shown = [f"{key}={_shorten(value)}" for key, value in self.params.items()]
        shown += [
            f"{key}=<file {f.filename!r}, {len(f.data)} bytes>" for key, f in self.files.items()
        ]
        if self.dropped:
            outcome = "dropped"
        elif self.status is None:
            outcome = "pending"
        else:
            outcome = str(self.status) + (f" {self.error}" if self.error else "")
        return f"#{self.index} {self.method}({', '.join(shown)}) -> {outcome}"


@dataclass(frozen=True)
class SentMessage:
    """A message the bot sent to a chat, as it is now (after edits or deletion)."""

    chat_id: int
    message_id: int
    kind: Literal["text", "document"]
    #: The text of a text message or the caption of a document.
    text: str | None
    filename: str | None
    mime_type: str | None
    data: bytes | None
    #: The ``reply_markup`` parameter as the bot sent it (any keyboard type), or ``None``.
    reply_markup: JSONDict | None
    edited: bool
    deleted: bool
    #: The Message object as Telegram would return it now.
    raw: JSONDict

    @property
    def buttons(self) -> list[tuple[str, str | None]]:
        """The inline buttons in reading order as ``(text, callback_data)``."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [(button["text"], button.get("callback_data")) for row in rows for button in row]

    def callback_data(self, button_text: str) -> str:
        """The callback data of the inline button labelled ``button_text``."""
        for text, data in self.buttons:
            if text == button_text and data is not None:
                return data
        raise AssertionError(
            f"message {self.message_id} has no callback button {button_text!r}; "
            f"buttons: {self.buttons}"
        )


# --------------------------------------------------------------------------------------------
# Internal state


class _ApiError(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


@dataclass(frozen=True)
class _Failure:
    status: int | None  # None: drop the connection
    description: str | None
    retry_after: int | None
    after_processing: bool


@dataclass(frozen=True)
class _Response:
    status: int | None  # None: close the connection without answering
    body: bytes = b""
    content_type: str = "application/json"


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    upload: UploadedFile


@dataclass
class _StoredMessage:
    raw: JSONDict
    from_bot: bool
    file: _StoredFile | None = None
    reply_markup: JSONDict | None = None
    edited: bool = False
    deleted: bool = False


@dataclass
class _User:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None

    def to_json(self) -> JSONDict:
        out: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            out["last_name"] = self.last_name
        if self.username:
            out["username"] = self.username
        if self.language_code:
            out["language_code"] = self.language_code
        return out


@dataclass
class _Chat:
    json: JSONDict
    blocked: bool = False
    last_message_id: int = 0
    messages: dict[int, _StoredMessage] = field(default_factory=dict)
    # How many bot messages the test has already taken with wait_for_reply.
    replies_read: int = 0


_Handler = Callable[[JSONDict, Mapping[str, UploadedFile]], Any]


# --------------------------------------------------------------------------------------------
# The server


class FakeBotAPI:
    """A Telegram Bot API look-alike on 127.0.0.1; every public method is thread-safe."""

    #: Bot API methods served; matching is case-insensitive, as on Telegram.
    METHODS: Final = (
        "getMe",
        "getUpdates",
        "sendMessage",
        "sendDocument",
        "sendChatAction",
        "answerCallbackQuery",
        "editMessageText",
        "editMessageReplyMarkup",
        "deleteMessage",
        "setMyCommands",
        "getMyCommands",
        "deleteMyCommands",
        "setWebhook",
        "deleteWebhook",
        "getWebhookInfo",
        "getChat",
        "getFile",
        "close",
        "logOut",
    )

    def __init__(
        self,
        token: str = "123456:TEST-token",
        *,
        bot_first_name: str = "Fake Bot",
        bot_username: str = "fake_test_bot",
        first_update_id: int = 100_000,
    ) -> None:
        self.token = token
        bot_id = token.partition(":")[0]
        self.bot_user: JSONDict = {
            "id": int(bot_id) if bot_id.isdigit() else 1,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        # One re-entrant lock guards all state, so predicates passed to wait_for may call back
        # into the server.  Every change notifies the condition; waiters re-check their goal.
        self._cond = threading.Condition(threading.RLock())
        self._requests: list[RecordedRequest] = []
        self._updates: list[JSONDict] = []
        self._delivered: dict[int, JSONDict] = {}  # every update ever queued, for redeliver()
        self._next_update_id = first_update_id
        self._confirmed_offset = 0
        self._allowed_updates: list[str] | None = None
        self._poll_generation = 0
        self._webhook: JSONDict | None = None
        self._users: dict[int, _User] = {}
        self._chats: dict[int, _Chat] = {}
        self._files: dict[str, _StoredFile] = {}
        self._files_by_path: dict[str, _StoredFile] = {}
        self._callback_queries: dict[str, JSONDict] = {}
        self._callback_ids: dict[int, str] = {}
        self._callback_answers: dict[str, JSONDict] = {}
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self._failures: dict[str, deque[_Failure]] = {}
        self._server_errors: list[str] = []
        self._counter = 0
        self._closing = False
        self._http: _Server | None = None
        self._thread: threading.Thread | None = None
        # getMe is served by _api_get_me, logOut by _api_log_out, and so on.
        self._handlers: dict[str, tuple[str, _Handler]] = {
            name.lower(): (name, getattr(self, "_api_" + _snake_case(name)))
            for name in self.METHODS
        }

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> FakeBotAPI:
        """Bind 127.0.0.1 on an OS-chosen port and serve in a background thread."""
        if self._http is not None:
            raise RuntimeError("FakeBotAPI is already running")
        self._closing = False
        self._http = _Server(self)
        self._thread = threading.Thread(
            target=self._http.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeBotAPI",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, end pending long polls and close every connection."""
        http, thread = self._http, self._thread
        if http is None or thread is None:
            return
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        http.shutdown()
        http.server_close()
        http.close_connections(timeout=5.0)
        thread.join(timeout=5.0)
        self._http = self._thread = None

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._http is None:
            raise RuntimeError("FakeBotAPI is not running; use start() or a with-block")
        return int(self._http.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """For ``telegram.Bot(base_url=...)``: PTB appends the token and the method name."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``telegram.Bot(base_file_url=...)``: PTB appends the token and the file path."""
        return f"{self.url}/file/bot"

    # ---------------------------------------------------------------- the user's side

    def add_user(
        self,
        user_id: int,
        first_name: str = "Tester",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> None:
        """Make a user (and their private chat) known, as if they had started the bot."""
        with self._cond:
            self._register(user_id, first_name, last_name, username, language_code, None)

    def user_says(
        self, user_id: int, text: str, first_name: str | None = None, chat_id: int | None = None
    ) -> int:
        """Queue a text message from the user; commands carry ``bot_command`` entities."""
        entities = [
            {
                "type": "bot_command",
                "offset": _utf16_len(text[: match.start()]),
                "length": _utf16_len(match.group()),
            }
            for match in _BOT_COMMAND_RE.finditer(text)
        ]
        content: JSONDict = {"text": text}
        if entities:
            content["entities"] = entities
        return self._user_message(user_id, first_name, chat_id, content)

    def user_presses(
        self,
        user_id: int,
        data: str,
        message_id: int,
        *,
        chat_id: int | None = None,
        check_button: bool = True,
    ) -> int:
        """Queue a callback query for an inline button on a message the bot sent.

        With ``check_button`` the message must currently show a button carrying ``data``, as a
        real user can only press buttons that exist.
        """
        chat_id = user_id if chat_id is None else chat_id
        with self._cond:
            user_json, chat = self._register(user_id, None, None, None, None, chat_id)
            stored = chat.messages.get(message_id)
            if stored is None or not stored.from_bot or stored.deleted:
                raise AssertionError(
                    f"the bot has no message {message_id} in chat {chat_id} to press a button on"
                )
            if check_button:
                snapshot = self._snapshot(chat_id, stored)
                if data not in [button_data for _, button_data in snapshot.buttons]:
                    raise AssertionError(
                        f"message {message_id} has no button with callback_data {data!r}; "
                        f"buttons: {snapshot.buttons}"
                    )
            query_id = str(4_000_000_000_000_000 + self._next_id())
            query: JSONDict = {
                "id": query_id,
                "from": user_json,
                "message": copy.deepcopy(stored.raw),
                "chat_instance": str(abs(chat_id) * 1_000_003 + 17),
                "data": data,
            }
            self._callback_queries[query_id] = query
            update_id = self._enqueue({"callback_query": query})
            self._callback_ids[update_id] = query_id
            return update_id

    def user_sends_photo(
        self,
        user_id: int,
        *,
        caption: str | None = None,
        data: bytes = b"\xff\xd8\xff\xe0fake-jpeg",
        chat_id: int | None = None,
    ) -> int:
        """Queue a photo message (two sizes, as Telegram sends them)."""
        with self._cond:
            stored = self._store_file(UploadedFile("photo", None, "image/jpeg", data), "photos")
            sizes = [
                {**self._file_json(stored), "width": width, "height": height}
                for width, height in ((90, 68), (800, 600))
            ]
            content: JSONDict = {"photo": sizes}
            if caption is not None:
                content["caption"] = caption
            return self._user_message(user_id, None, chat_id, content)

    def user_sends_sticker(
        self, user_id: int, *, emoji: str = "👍", chat_id: int | None = None
    ) -> int:
        """Queue a sticker message."""
        with self._cond:
            upload = UploadedFile("sticker", "sticker.webp", "image/webp", b"RIFF\0\0\0\0WEBP")
            stored = self._store_file(upload, "stickers")
            sticker = {
                **self._file_json(stored),
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": emoji,
            }
            return self._user_message(user_id, None, chat_id, {"sticker": sticker})

    def user_sends_document(
        self,
        user_id: int,
        filename: str,
        data: bytes,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
        media_group_id: str | None = None,
    ) -> int:
        """Queue a document message; the bot can fetch the bytes with getFile and download.

        Files a user sends together (an album) share a `media_group_id`, one message each.
        """
        mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        with self._cond:
            stored = self._store_file(UploadedFile("document", filename, mime, data), "documents")
            content: JSONDict = {"document": self._document_json(stored)}
            if caption is not None:
                content["caption"] = caption
            if media_group_id is not None:
                content["media_group_id"] = media_group_id
            return self._user_message(user_id, None, chat_id, content)

    def redeliver(self, update_id: int) -> None:
        """Queue an update again with its own id, as Telegram does for a bot that died before
        confirming it: a bot started afresh (polling from offset 0) receives it once more."""
        with self._cond:
            update = copy.deepcopy(self._delivered[update_id])
            self._updates = sorted([*self._updates, update], key=lambda u: int(u["update_id"]))
            self._cond.notify_all()

    def enqueue_update(self, update: Mapping[str, Any]) -> int:
        """Queue any other update; ``update_id`` is assigned by the server and returned."""
        with self._cond:
            return self._enqueue(copy.deepcopy(dict(update)))

    def user_blocks_bot(self, user_id: int, blocked: bool = True) -> None:
        """From now on sending to this user fails with 403 ``Forbidden: bot was blocked``."""
        with self._cond:
            _, chat = self._register(user_id, None, None, None, None, None)
            chat.blocked = blocked

    # ---------------------------------------------------------------- observing the bot

    def requests(self, method: str | None = None) -> list[RecordedRequest]:
        """Recorded requests in arrival order, optionally of one method (case-insensitive)."""
        with self._cond:
            if method is None:
                return list(self._requests)
            return [r for r in self._requests if r.method.lower() == method.lower()]

    @property
    def request_count(self) -> int:
        """Number of requests so far; pass it as ``since`` to wait only for later ones."""
        with self._cond:
            return len(self._requests)

    def unhandled_methods(self) -> list[str]:
        """Methods the bot called that this fake server does not implement."""
        with self._cond:
            return sorted({r.method for r in self._requests if r.error == _METHOD_NOT_FOUND})

    @property
    def server_errors(self) -> list[str]:
        """Tracebacks of bugs inside the fake server (answered with HTTP 500)."""
        with self._cond:
            return list(self._server_errors)

    def sent_to(self, chat_id: int) -> list[SentMessage]:
        """Everything the bot sent to the chat, oldest first, in its current state."""
        with self._cond:
            return self._bot_messages(chat_id)

    def message(self, chat_id: int, message_id: int) -> SentMessage:
        """The current state of one message the bot sent."""
        with self._cond:
            chat = self._chats.get(chat_id)
            stored = chat.messages.get(message_id) if chat else None
            if stored is None or not stored.from_bot:
                raise KeyError(f"the bot sent no message {message_id} to chat {chat_id}")
            return self._snapshot(chat_id, stored)

    def unread_replies(self, chat_id: int) -> list[SentMessage]:
        """Bot messages to the chat not yet taken by :meth:`wait_for_reply`."""
        with self._cond:
            chat = self._chats.get(chat_id)
            return self._bot_messages(chat_id)[chat.replies_read :] if chat else []

    def callback_query_id(self, update_id: int) -> str:
        """The callback query id inside the update queued by :meth:`user_presses`."""
        with self._cond:
            return self._callback_ids[update_id]

    def callback_answer(self, callback_query_id: str) -> JSONDict | None:
        """The parameters of answerCallbackQuery for that query, or ``None`` if unanswered."""
        with self._cond:
            answer = self._callback_answers.get(callback_query_id)
            return dict(answer) if answer is not None else None

    def commands(
        self, scope: Mapping[str, Any] | None = None, language_code: str = ""
    ) -> list[JSONDict]:
        """The command list the bot set for a scope and language (default: default scope)."""
        with self._cond:
            key = (_scope_key(scope), language_code)
            return copy.deepcopy(self._commands.get(key, []))

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Queued updates the bot has not confirmed yet."""
        with self._cond:
            return copy.deepcopy(self._updates)

    @property
    def confirmed_offset(self) -> int:
        """The highest ``offset`` the bot passed to getUpdates: updates below it are confirmed."""
        with self._cond:
            return self._confirmed_offset

    @property
    def webhook_url(self) -> str:
        with self._cond:
            return str(self._webhook["url"]) if self._webhook else ""

    # ---------------------------------------------------------------- failure injection

    def fail_next(
        self,
        method: str,
        status: int | Literal["drop"] = 502,
        *,
        description: str | None = None,
        retry_after: int | None = None,
        after_processing: bool = False,
    ) -> None:
        """Make the next call of ``method`` fail once (calls queue up when repeated).

        ``status`` is an HTTP error status answered with a Bot API error body, or :data:`DROP`
        to close the connection without any answer (python-telegram-bot raises
        ``NetworkError``).  ``retry_after`` adds ``parameters.retry_after`` (PTB raises
        ``RetryAfter``).  With ``after_processing`` the call takes effect first (a message is
        really sent, updates are confirmed) and only the answer is lost, as when a connection
        breaks after Telegram acted.
        """
        code = None if status == DROP else int(status)
        if code == HTTPStatus.TOO_MANY_REQUESTS and retry_after is None:
            retry_after = 1  # Telegram always says how long to wait
        failure = _Failure(
            status=code,
            description=description,
            retry_after=retry_after,
            after_processing=after_processing,
        )
        with self._cond:
            self._failures.setdefault(method.lower(), deque()).append(failure)

    # ---------------------------------------------------------------- waiting

    def wait_for(
        self,
        predicate: Callable[[RecordedRequest], bool],
        timeout: float = 10.0,
        *,
        since: int = 0,
    ) -> RecordedRequest:
        """Block until a request (index >= ``since``) satisfies the predicate; return it.

        A long poll is recorded as soon as it arrives (``status`` ``None``), so a predicate can
        wait for "the bot is polling" as well as for finished calls.
        """

        def check() -> RecordedRequest | None:
            return next((r for r in self._requests[since:] if predicate(r)), None)

        def describe() -> str:
            return f"no request matched the predicate within {timeout}s"

        return self._wait(check, timeout, describe)

    def wait_for_reply(
        self, chat_id: int, count: int = 1, timeout: float = 10.0
    ) -> list[SentMessage]:
        """Block until the bot has sent ``count`` more messages to the chat; return them.

        "More" means not yet taken by an earlier ``wait_for_reply`` on this chat: every chat has
        a read position, so a reply that arrives before the test starts waiting is not missed.
        """

        def check() -> list[SentMessage] | None:
            chat = self._chats.get(chat_id)
            if chat is None:
                return None
            unread = self._bot_messages(chat_id)[chat.replies_read :]
            if len(unread) < count:
                return None
            chat.replies_read += count
            return unread[:count]

        def describe() -> str:
            unread = self.unread_replies(chat_id)
            return (
                f"expected {count} new message(s) from the bot in chat {chat_id} within "
                f"{timeout}s, got {len(unread)}: {[_describe_sent(m) for m in unread]}; "
                f"all sent to that chat: {[_describe_sent(m) for m in self.sent_to(chat_id)]}"
            )

        return self._wait(check, timeout, describe)

    def wait_for_confirmation(self, update_id: int, timeout: float = 10.0) -> None:
        """Block until the bot confirmed the update (a getUpdates offset above its id)."""

        def check() -> bool | None:
            return True if self._confirmed_offset > update_id else None

        def describe() -> str:
            return (
                f"update {update_id} not confirmed within {timeout}s "
                f"(confirmed_offset={self._confirmed_offset})"
            )

        self._wait(check, timeout, describe)

    async def wait_for_async(
        self,
        predicate: Callable[[RecordedRequest], bool],
        timeout: float = 10.0,
        *,
        since: int = 0,
    ) -> RecordedRequest:
        """:meth:`wait_for` for asyncio tests: waits in a worker thread, not in the loop."""
        return await asyncio.to_thread(self.wait_for, predicate, timeout, since=since)

    async def wait_for_reply_async(
        self, chat_id: int, count: int = 1, timeout: float = 10.0
    ) -> list[SentMessage]:
        """:meth:`wait_for_reply` for asyncio tests (the bot keeps running in the loop)."""
        return await asyncio.to_thread(self.wait_for_reply, chat_id, count, timeout)

    async def wait_for_confirmation_async(self, update_id: int, timeout: float = 10.0) -> None:
        """:meth:`wait_for_confirmation` for asyncio tests."""
        await asyncio.to_thread(self.wait_for_confirmation, update_id, timeout)

    def _wait(
        self, check: Callable[[], _T | None], timeout: float, describe: Callable[[], str]
    ) -> _T:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = check()
                if found is not None:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closing:
                    reason = "the server stopped" if self._closing else "timed out"
                    raise AssertionError(f"FakeBotAPI: {reason}: {describe()}{self._context()}")
                self._cond.wait(remaining)

    def _context(self) -> str:
        recent = "\n  ".join(str(r) for r in self._requests[-25:]) or "(none)"
        text = f"\nrequests received ({len(self._requests)}, last 25):\n  {recent}"
        if self._server_errors:
            text += "\nFakeBotAPI bugs:\n" + "\n".join(self._server_errors)
        return text

    # ---------------------------------------------------------------- HTTP entry points

    def _handle_http(
        self, http_method: str, path: str, query: str, content_type: str, body: bytes
    ) -> _Response:
        # PTB percent-encodes file URLs (the token's ":" arrives as "%3A").
        path = unquote(path)
        if (match := _FILE_PATH_RE.fullmatch(path)) is not None:
            return self._handle_download(http_method, match["token"], match["path"])
        match = _API_PATH_RE.fullmatch(path)
        method = match["method"] if match else path
        parse_error: _ApiError | None = None
        try:
            params, files = _parse_params(query, content_type, body)
        except _ApiError as exc:
            params, files, parse_error = {}, {}, exc
        with self._cond:
            index = len(self._requests)
            entry = self._handlers.get(method.lower()) if match else None
            record = RecordedRequest(
                index=index,
                method=entry[0] if entry else method,
                params=params,
                files=files,
                time=time.time(),
                http_method=http_method,
            )
            self._requests.append(record)
            self._cond.notify_all()
            response = self._answer(
                match["token"] if match else None, entry, params, files, parse_error
            )
            result: Any = None
            error: str | None = None
            if response.status == HTTPStatus.OK:
                result = json.loads(response.body)["result"]
            elif response.status is not None:
                error = json.loads(response.body).get("description")
            self._requests[index] = dataclasses.replace(
                record,
                status=response.status,
                result=result,
                error=error,
                dropped=response.status is None,
            )
            self._cond.notify_all()
            return response

    def _answer(
        self,
        token: str | None,
        entry: tuple[str, _Handler] | None,
        params: JSONDict,
        files: Mapping[str, UploadedFile],
        parse_error: _ApiError | None,
    ) -> _Response:
        try:
            if token is None:
                raise _ApiError(404, "Not Found")
            if token != self.token:
                raise _ApiError(401, "Unauthorized")
            if entry is None:
                raise _ApiError(404, _METHOD_NOT_FOUND)
            if parse_error is not None:
                raise parse_error
            name, handler = entry
            queued = self._failures.get(name.lower())
            failure = queued.popleft() if queued else None
            if failure is not None and not failure.after_processing:
                return _failure_response(failure)
            result = handler(params, files)
            if failure is not None:
                return _failure_response(failure)
            return _json_response(HTTPStatus.OK, {"ok": True, "result": result})
        except _ApiError as exc:
            return _error_response(exc.status, exc.description, exc.retry_after)
        except Exception as exc:
            # A bug here must not look like a Telegram error the bot might handle gracefully.
            _LOGGER.exception("FakeBotAPI failed to answer")
            self._server_errors.append(traceback.format_exc())
            return _error_response(500, f"Internal Server Error: FakeBotAPI bug: {exc!r}")

    def _handle_download(self, http_method: str, token: str, file_path: str) -> _Response:
        with self._cond:
            index = len(self._requests)
            stored = self._files_by_path.get(file_path)
            if token != self.token:
                response = _error_response(401, "Unauthorized")
            elif stored is None:
                response = _error_response(404, "Not Found")
            else:
                response = _Response(200, stored.upload.data, stored.upload.content_type)
            self._requests.append(
                RecordedRequest(
                    index=index,
                    method="downloadFile",
                    params={"file_path": file_path},
                    files={},
                    time=time.time(),
                    http_method=http_method,
                    status=response.status,
                    error=None if response.status == HTTPStatus.OK else "file download failed",
                )
            )
            self._cond.notify_all()
            return response

    # ---------------------------------------------------------------- Bot API methods
    # All run with the lock held.

    def _api_close(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> bool:
        return True

    def _api_log_out(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> bool:
        return True

    def _api_get_me(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _api_get_updates(
        self, params: JSONDict, files: Mapping[str, UploadedFile]
    ) -> list[JSONDict]:
        if self._webhook is not None:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _int(params, "offset", default=0)
        limit = min(max(_int(params, "limit", default=100), 1), 100)
        timeout = max(_float(params, "timeout", default=0.0), 0.0)
        if "allowed_updates" in params:
            allowed = params["allowed_updates"]
            self._allowed_updates = list(allowed) if allowed else None
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._confirmed_offset = max(self._confirmed_offset, offset)
        elif offset < 0:
            # A negative offset keeps only the last -offset updates; the rest are forgotten.
            forgotten, self._updates = self._updates[:offset], self._updates[offset:]
            if forgotten:
                self._confirmed_offset = max(self._confirmed_offset, self._updates[0]["update_id"])
        self._cond.notify_all()
        # Telegram answers an older pending getUpdates with 409 when a newer one arrives.  Here
        # that also frees the thread of a poll whose client was cancelled or killed.
        self._poll_generation += 1
        generation = self._poll_generation
        deadline = time.monotonic() + timeout
        while True:
            if generation != self._poll_generation:
                raise _ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )
            batch = [u for u in self._updates if self._is_allowed(u)][:limit]
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or self._closing:
                return copy.deepcopy(batch)
            self._cond.wait(remaining)

    def _api_send_message(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> JSONDict:
        chat_id = self._target_chat(params)
        text = _text_param(params, "text", MAX_TEXT_LENGTH, "message text is empty")
        content: JSONDict = {"text": text}
        if params.get("entities"):
            content["entities"] = params["entities"]
        stored = self._send(chat_id, content, params, file=None)
        return copy.deepcopy(stored.raw)

    def _api_send_document(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> JSONDict:
        chat_id = self._target_chat(params)
        stored_file = self._input_file(params, files, "document", "documents")
        content: JSONDict = {"document": self._document_json(stored_file)}
        if params.get("caption") is not None:
            content["caption"] = _text_param(params, "caption", MAX_CAPTION_LENGTH, None)
            if params.get("caption_entities"):
                content["caption_entities"] = params["caption_entities"]
        stored = self._send(chat_id, content, params, file=stored_file)
        return copy.deepcopy(stored.raw)

    def _api_send_chat_action(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> bool:
        self._target_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _api_answer_callback_query(
        self, params: JSONDict, files: Mapping[str, UploadedFile]
    ) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._callback_queries or query_id in self._callback_answers:
            raise _ApiError(400, _QUERY_INVALID)
        self._callback_answers[query_id] = dict(params)
        return True

    def _api_edit_message_text(
        self, params: JSONDict, files: Mapping[str, UploadedFile]
    ) -> JSONDict:
        stored = self._message_to_edit(params)
        if "text" not in stored.raw:
            raise _ApiError(400, "Bad Request: there is no text in the message to edit")
        text = _text_param(params, "text", MAX_TEXT_LENGTH, "message text is empty")
        markup = _inline_markup(params)
        entities = params.get("entities") or None
        if (
            text == stored.raw["text"]
            and entities == stored.raw.get("entities")
            and markup == stored.raw.get("reply_markup")
        ):
            raise _ApiError(400, _NOT_MODIFIED)
        stored.raw["text"] = text
        _set_or_pop(stored.raw, "entities", entities)
        self._apply_edit(stored, markup)
        return copy.deepcopy(stored.raw)

    def _api_edit_message_reply_markup(
        self, params: JSONDict, files: Mapping[str, UploadedFile]
    ) -> JSONDict:
        stored = self._message_to_edit(params)
        markup = _inline_markup(params)
        if markup == stored.raw.get("reply_markup"):
            raise _ApiError(400, _NOT_MODIFIED)
        self._apply_edit(stored, markup)
        return copy.deepcopy(stored.raw)

    def _api_delete_message(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> bool:
        chat = self._chats.get(_int(params, "chat_id"))
        stored = chat.messages.get(_int(params, "message_id")) if chat else None
        if stored is None or stored.deleted:
            raise _ApiError(400, "Bad Request: message to delete not found")
        stored.deleted = True
        return True

    def _api_set_my_commands(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _ApiError(400, "Bad Request: can't parse commands JSON object")
        cleaned: list[JSONDict] = []
        for command in commands:
            if not isinstance(command, dict) or not isinstance(command.get("description"), str):
                raise _ApiError(400, "Bad Request: can't parse BotCommand")
            name = command.get("command")
            if not isinstance(name, str) or not _COMMAND_NAME_RE.fullmatch(name):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            cleaned.append({"command": name, "description": command["description"]})
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        if cleaned:
            self._commands[key] = cleaned
        else:
            self._commands.pop(key, None)
        return True

    def _api_get_my_commands(
        self, params: JSONDict, files: Mapping[str, UploadedFile]
    ) -> list[JSONDict]:
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        return copy.deepcopy(self._commands.get(key, []))

    def _api_delete_my_commands(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> bool:
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        self._commands.pop(key, None)
        return True

    def _api_set_webhook(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> bool:
        url = str(params.get("url") or "")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        if url:
            self._webhook = {"url": url, "max_connections": _int(params, "max_connections", 40)}
            if params.get("allowed_updates"):
                self._webhook["allowed_updates"] = params["allowed_updates"]
        else:
            self._webhook = None
        return True

    def _api_delete_webhook(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> bool:
        self._webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _api_get_webhook_info(
        self, params: JSONDict, files: Mapping[str, UploadedFile]
    ) -> JSONDict:
        info: JSONDict = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._webhook is not None:
            info.update(self._webhook)
        return info

    def _api_get_chat(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> JSONDict:
        chat = self._chats.get(_chat_id(params))
        if chat is None:
            raise _ApiError(400, "Bad Request: chat not found")
        return {
            **chat.json,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _api_get_file(self, params: JSONDict, files: Mapping[str, UploadedFile]) -> JSONDict:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _ApiError(400, "Bad Request: invalid file_id")
        return {**self._file_json(stored), "file_path": stored.file_path}

    # ---------------------------------------------------------------- helpers (lock held)

    def _next_id(self) -> int:
        self._counter += 1
        return self._counter

    def _register(
        self,
        user_id: int,
        first_name: str | None,
        last_name: str | None,
        username: str | None,
        language_code: str | None,
        chat_id: int | None,
    ) -> tuple[JSONDict, _Chat]:
        user = self._users.get(user_id)
        if user is None:
            user = self._users[user_id] = _User(user_id, first_name or "Tester")
        for attr, value in (
            ("first_name", first_name),
            ("last_name", last_name),
            ("username", username),
            ("language_code", language_code),
        ):
            if value is not None:
                setattr(user, attr, value)
        chat_id = user_id if chat_id is None else chat_id
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_id == user_id:
                chat_json: JSONDict = {"id": chat_id, "type": "private"}
            else:
                chat_json = {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}
            chat = self._chats[chat_id] = _Chat(chat_json)
        if chat.json["type"] == "private":
            # The private chat mirrors the user's current name, as on Telegram.
            for key in ("first_name", "last_name", "username"):
                _set_or_pop(chat.json, key, getattr(user, key))
        return user.to_json(), chat

    def _enqueue(self, body: JSONDict) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        update = {"update_id": update_id, **body}
        self._updates.append(update)
        self._delivered[update_id] = copy.deepcopy(update)
        self._cond.notify_all()
        return update_id

    def _user_message(
        self, user_id: int, first_name: str | None, chat_id: int | None, content: JSONDict
    ) -> int:
        with self._cond:
            user_json, chat = self._register(user_id, first_name, None, None, None, chat_id)
            stored = self._new_message(chat, user_json, content)
            return self._enqueue({"message": copy.deepcopy(stored.raw)})

    def _new_message(self, chat: _Chat, sender: JSONDict, content: JSONDict) -> _StoredMessage:
        chat.last_message_id += 1
        raw: JSONDict = {
            "message_id": chat.last_message_id,
            "from": dict(sender),
            "chat": dict(chat.json),
            "date": int(time.time()),
            **content,
        }
        stored = _StoredMessage(raw=raw, from_bot=bool(sender.get("is_bot")))
        chat.messages[chat.last_message_id] = stored
        return stored

    def _target_chat(self, params: JSONDict) -> int:
        chat_id = _chat_id(params)
        chat = self._chats.get(chat_id)
        if chat is None:
            raise _ApiError(400, "Bad Request: chat not found")
        if chat.blocked:
            raise _ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _send(
        self, chat_id: int, content: JSONDict, params: JSONDict, file: _StoredFile | None
    ) -> _StoredMessage:
        chat = self._chats[chat_id]
        markup = params.get("reply_markup")
        if markup is not None:
            markup = _parse_markup(markup)
            if "inline_keyboard" in markup:
                # Only inline keyboards belong to the message; reply keyboards go to the client.
                content["reply_markup"] = markup
        reply = params.get("reply_parameters")
        if isinstance(reply, dict) and "message_id" in reply:
            target = chat.messages.get(int(reply["message_id"]))
            if target is not None and not target.deleted:
                quoted = copy.deepcopy(target.raw)
                quoted.pop("reply_to_message", None)
                content["reply_to_message"] = quoted
            elif not reply.get("allow_sending_without_reply"):
                raise _ApiError(400, "Bad Request: message to be replied not found")
        stored = self._new_message(chat, self.bot_user, content)
        stored.file = file
        stored.reply_markup = copy.deepcopy(markup)
        return stored

    def _message_to_edit(self, params: JSONDict) -> _StoredMessage:
        if params.get("inline_message_id"):
            raise _ApiError(400, "Bad Request: message to edit not found")
        chat = self._chats.get(_chat_id(params))
        stored = chat.messages.get(_int(params, "message_id")) if chat else None
        if stored is None or stored.deleted:
            raise _ApiError(400, "Bad Request: message to edit not found")
        if not stored.from_bot:
            raise _ApiError(400, "Bad Request: message can't be edited")
        return stored

    def _apply_edit(self, stored: _StoredMessage, markup: JSONDict | None) -> None:
        # An edit without reply_markup removes the inline keyboard, as on Telegram.
        _set_or_pop(stored.raw, "reply_markup", markup)
        stored.reply_markup = copy.deepcopy(markup)
        stored.raw["edit_date"] = int(time.time())
        stored.edited = True

    def _input_file(
        self, params: JSONDict, files: Mapping[str, UploadedFile], name: str, folder: str
    ) -> _StoredFile:
        upload = files.get(name)
        value = params.get(name)
        if upload is None and isinstance(value, str):
            if value.startswith("attach://"):
                upload = files.get(value.removeprefix("attach://"))
            elif value in self._files:
                return self._files[value]
            else:
                raise _ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        if upload is None:
            raise _ApiError(400, f"Bad Request: there is no {name} in the request")
        if not upload.data:
            raise _ApiError(400, "Bad Request: file must be non-empty")
        content_type = upload.content_type
        if content_type == "application/octet-stream" and upload.filename:
            content_type = mimetypes.guess_type(upload.filename)[0] or content_type
        return self._store_file(
            dataclasses.replace(
                upload, filename=upload.filename or "file", content_type=content_type
            ),
            folder,
        )

    def _store_file(self, upload: UploadedFile, folder: str) -> _StoredFile:
        number = self._next_id()
        suffix = ""
        if upload.filename and "." in upload.filename:
            suffix = "." + upload.filename.rsplit(".", 1)[1]
        stored = _StoredFile(
            file_id=f"BQACAgIAAxkBAAI{number:08d}fake",
            file_unique_id=f"AgAD{number:06d}",
            file_path=f"{folder}/file_{number}{suffix}",
            upload=upload,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def _file_json(self, stored: _StoredFile) -> JSONDict:
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.upload.data),
        }

    def _document_json(self, stored: _StoredFile) -> JSONDict:
        return {
            "file_name": stored.upload.filename,
            "mime_type": stored.upload.content_type,
            **self._file_json(stored),
        }

    def _is_allowed(self, update: JSONDict) -> bool:
        kind = next(key for key in update if key != "update_id")
        if self._allowed_updates is None:
            return kind not in _NOT_DELIVERED_BY_DEFAULT
        return kind in self._allowed_updates

    def _bot_messages(self, chat_id: int) -> list[SentMessage]:
        chat = self._chats.get(chat_id)
        if chat is None:
            return []
        return [
            self._snapshot(chat_id, stored)
            for _, stored in sorted(chat.messages.items())
            if stored.from_bot
        ]

    def _snapshot(self, chat_id: int, stored: _StoredMessage) -> SentMessage:
        upload = stored.file.upload if stored.file else None
        raw = copy.deepcopy(stored.raw)
        return SentMessage(
            chat_id=chat_id,
            message_id=raw["message_id"],
            kind="document" if "document" in raw else "text",
            text=raw.get("text", raw.get("caption")),
            filename=upload.filename if upload else None,
            mime_type=upload.content_type if upload else None,
            data=upload.data if upload else None,
            reply_markup=copy.deepcopy(stored.reply_markup),
            edited=stored.edited,
            deleted=stored.deleted,
            raw=raw,
        )


# --------------------------------------------------------------------------------------------
# HTTP plumbing


class _Server(HTTPServer):
    """An HTTPServer with one daemon thread per connection that it can close on stop."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api
        self._connections: dict[threading.Thread, socket.socket] = {}
        # Requests being answered right now; stop lets them finish before closing sockets.
        self._busy = 0
        self._state = threading.Condition()
        super().__init__(("127.0.0.1", 0), _RequestHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host name, which can stall in a sandbox.
        TCPServer.server_bind(self)
        self.server_name = "127.0.0.1"
        self.server_port = int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self._serve_connection,
            args=(request, client_address),
            name="FakeBotAPI-connection",
            daemon=True,
        )
        with self._state:
            self._connections[thread] = request
        thread.start()

    def _serve_connection(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            with self._state:
                self._connections.pop(threading.current_thread(), None)

    @contextlib.contextmanager
    def busy(self) -> Iterator[None]:
        with self._state:
            self._busy += 1
        try:
            yield
        finally:
            with self._state:
                self._busy -= 1
                self._state.notify_all()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hang up all the time (a cancelled long poll, a killed bot): not an error.
        if not isinstance(sys.exc_info()[1], OSError):
            _LOGGER.exception("FakeBotAPI connection from %s failed", client_address)

    def close_connections(self, timeout: float) -> None:
        """Let answers in progress go out, then wake and end every connection thread."""
        deadline = time.monotonic() + timeout
        with self._state:
            self._state.wait_for(lambda: self._busy == 0, timeout)
            connections = list(self._connections.items())
        for _, sock in connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread, _ in connections:
            thread.join(max(deadline - time.monotonic(), 0.1))


class _RequestHandler(BaseHTTPRequestHandler):
    # HTTP/1.1 keep-alive, as api.telegram.org speaks; httpx reuses connections.
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm and delayed ACKs every
    # answer would wait ~40 ms.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def log_message(self, format: str, *args: Any) -> None:
        _LOGGER.debug("FakeBotAPI %s: %s", self.address_string(), format % args)

    def _serve(self, http_method: str) -> None:
        with self.server.busy():
            try:
                body = self._read_body()
            except (ValueError, OSError):
                self.close_connection = True
                self._write(_error_response(400, "Bad Request: unreadable request body"))
                return
            url = urlsplit(self.path)
            response = self.server.api._handle_http(
                http_method, url.path, url.query, self.headers.get("Content-Type", ""), body
            )
            self._write(response)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline(65537).split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _write(self, response: _Response) -> None:
        if response.status is None:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)
            self.wfile.flush()
        except OSError:
            # The client gave up (e.g. a cancelled long poll); nobody is left to answer.
            self.close_connection = True


# --------------------------------------------------------------------------------------------
# Parsing and small helpers


def _parse_params(
    query: str, content_type: str, body: bytes
) -> tuple[JSONDict, dict[str, UploadedFile]]:
    """Parameters from the query string and a JSON, urlencoded or multipart body."""
    params: JSONDict = {key: _decode_value(key, value) for key, value in parse_qsl(query)}
    files: dict[str, UploadedFile] = {}
    media_type = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return params, files
    if media_type == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError as exc:
            raise _ApiError(400, "Bad Request: can't parse JSON object") from exc
        if not isinstance(decoded, dict):
            raise _ApiError(400, "Bad Request: JSON object expected")
        params.update(decoded)
    elif media_type == "multipart/form-data":
        boundary = _header_params(content_type).get("boundary")
        if not boundary:
            raise _ApiError(400, "Bad Request: multipart boundary is missing")
        fields, files = _parse_multipart(body, boundary)
        params.update({key: _decode_value(key, value) for key, value in fields.items()})
    else:
        # Telegram reads any other body as a urlencoded form.
        text = body.decode("utf-8", errors="replace")
        pairs = parse_qsl(text, keep_blank_values=True)
        params.update({key: _decode_value(key, value) for key, value in pairs})
    return params, files


def _parse_multipart(body: bytes, boundary: str) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    # Hand parsing keeps file bytes exact and reads httpx's raw UTF-8 file names, which
    # email.parser would mangle into surrogate escapes.
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    segments = (b"\r\n" + body).split(delimiter)
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    for segment in segments[1:]:
        if segment.startswith(b"--"):
            return fields, files
        line_end = segment.find(b"\r\n")
        if line_end < 0:
            break
        part = segment[line_end + 2 :]
        head, separator, data = part.partition(b"\r\n\r\n")
        if not separator:
            if not part.startswith(b"\r\n"):
                break
            head, data = b"", part[2:]
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", errors="replace").split("\r\n"):
            header, colon, value = line.partition(":")
            if colon:
                headers[header.strip().lower()] = value.strip()
        disposition = _header_params(headers.get("content-disposition", ""))
        name = disposition.get("name")
        if name is None:
            continue
        if "filename" in disposition:
            files[name] = UploadedFile(
                field=name,
                filename=disposition["filename"] or None,
                content_type=headers.get("content-type", "application/octet-stream"),
                data=data,
            )
        else:
            fields[name] = data.decode("utf-8", errors="replace")
    raise _ApiError(400, "Bad Request: can't parse multipart/form-data request")


def _header_params(value: str) -> dict[str, str]:
    """``key=value`` parameters of a Content-Type or Content-Disposition header."""
    params: dict[str, str] = {}
    for match in _HEADER_PARAM_RE.finditer(value):
        key, raw = match.group(1).lower(), match.group(2).strip()
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
            raw = _HTML5_ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), raw)
        params[key] = raw
    extended = params.pop("filename*", None)
    if extended is not None:
        charset, _, rest = extended.partition("'")
        _, _, encoded = rest.partition("'")
        try:
            params["filename"] = unquote(encoded, encoding=charset or "utf-8")
        except LookupError:
            params["filename"] = unquote(encoded)
    return params


def _decode_value(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    if value[:1] in ("{", "[") or _JSON_SCALAR_RE.fullmatch(value):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _int(params: JSONDict, name: str, default: int | None = None) -> int:
    value = params.get(name)
    if value is None or value == "":
        if default is None:
            raise _ApiError(400, f"Bad Request: {name} is empty")
        return default
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise _ApiError(400, f"Bad Request: invalid {name} specified") from exc


def _float(params: JSONDict, name: str, default: float) -> float:
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except (TypeError, ValueError) as exc:
        raise _ApiError(400, f"Bad Request: invalid {name} specified") from exc


def _chat_id(params: JSONDict) -> int:
    value = params.get("chat_id")
    if value is None or value == "":
        raise _ApiError(400, "Bad Request: chat_id is empty")
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        # "@channelusername" and other non-numeric ids name no chat this server knows.
        raise _ApiError(400, "Bad Request: chat not found") from exc


def _text_param(params: JSONDict, name: str, limit: int, empty_error: str | None) -> str:
    value = params.get(name)
    text = "" if value is None else str(value)
    if empty_error is not None and not text.strip():
        raise _ApiError(400, f"Bad Request: {empty_error}")
    if _visible_length(text, params.get("parse_mode")) > limit:
        what = "message" if name == "text" else "message caption"
        raise _ApiError(400, f"Bad Request: {what} is too long")
    return text


def _visible_length(text: str, parse_mode: Any) -> int:
    # Telegram's limits count the text after entity parsing.  HTML is easy to strip; for
    # Markdown the raw length is used, which can only over-count by the markup characters.
    if isinstance(parse_mode, str) and parse_mode.lower() == "html":
        return len(html.unescape(re.sub(r"<[^>]*>", "", text)))
    return len(text)


def _parse_markup(value: Any) -> JSONDict:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise _ApiError(
                400, "Bad Request: can't parse reply keyboard markup JSON object"
            ) from exc
    if not isinstance(value, dict):
        raise _ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in value:
        rows = value["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _ApiError(400, "Bad Request: can't parse inline keyboard markup")
        for button in (button for row in rows for button in row):
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise _ApiError(400, "Bad Request: can't parse inline keyboard button")
            if not _INLINE_BUTTON_ACTIONS & button.keys():
                raise _ApiError(
                    400,
                    "Bad Request: can't parse inline keyboard button: Text buttons are "
                    "unallowed in the inline keyboard",
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return value


def _inline_markup(params: JSONDict) -> JSONDict | None:
    if params.get("reply_markup") is None:
        return None
    markup = _parse_markup(params["reply_markup"])
    if "inline_keyboard" not in markup:
        raise _ApiError(400, "Bad Request: inline keyboard expected")
    return markup


def _scope_key(scope: Any) -> str:
    if isinstance(scope, str):
        scope = json.loads(scope)
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


def _set_or_pop(target: JSONDict, key: str, value: Any) -> None:
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value


def _snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _utf16_len(text: str) -> int:
    # Telegram measures entity offsets and lengths in UTF-16 code units.
    return len(text.encode("utf-16-le")) // 2


def _shorten(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe_sent(message: SentMessage) -> str:
    if message.kind == "document":
        return (
            f"[{message.message_id}] document {message.filename!r} ({len(message.data or b'')} B)"
        )
    return f"[{message.message_id}] {_shorten(message.text, 80)}"


def _json_response(status: int, payload: Any) -> _Response:
    return _Response(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def _error_response(status: int, description: str, retry_after: int | None = None) -> _Response:
    payload: JSONDict = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        payload["parameters"] = {"retry_after": retry_after}
    return _json_response(status, payload)


def _failure_response(failure: _Failure) -> _Response:
    if failure.status is None:
        return _Response(None)
    description = failure.description
    if description is None:
        if failure.status == HTTPStatus.TOO_MANY_REQUESTS:
            description = f"Too Many Requests: retry after {failure.retry_after}"
        else:
            try:
                description = HTTPStatus(failure.status).phrase
            except ValueError:
                description = "Injected failure"
    return _error_response(failure.status, description, failure.retry_after)
