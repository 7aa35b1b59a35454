"""The Telegram adapter: python-telegram-bot's Application over the dialogue engine.

Long polling by default, a webhook when one is configured. Choices become
inline keyboards, long drafts are split into messages of at most 4096
characters, the .docx goes out with sendDocument. Only allowed users are
served; anyone else gets one polite refusal and nothing of theirs is stored.
Flood limits are respected by the rate limiter; sending retries on network
errors; one error handler logs with context and tells the writer that their
draft is safe.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlparse

# Opt in to python-telegram-bot's timedelta values, so its RetryAfter does not
# warn of the coming change on every flood-limit reply.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Update,
)
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.chat import texts
from bot.chat.buttons import decode
from bot.chat.conversation import Choice, Reply
from bot.chat.dialogue import Engine
from bot.chat.states import Event
from bot.chat.steps import COMMANDS
from bot.errors import BotError, ConfigError
from bot.writer.render import chunks

from .settings import Settings
from .uploads import Uploads

log = logging.getLogger(__name__)

SEND_ATTEMPTS = 3
BOOTSTRAP_RETRIES = 5
BUTTONS_PER_ROW = 2
T = TypeVar("T")


def user_key(user_id: int) -> str:
    return f"telegram:{user_id}"


class TelegramBot:
    """Wires one engine to one Telegram bot."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        organisations = engine.organisations
        self.uploads = (
            Uploads(organisations, settings.data_dir, self._send, self._retry)
            if organisations is not None
            else None
        )
        self.application = self._build()

    def _build(self) -> Application[Any, Any, Any, Any, Any, Any]:
        builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
            ApplicationBuilder()
            .token(self.settings.token)
            .rate_limiter(AIORateLimiter(max_retries=3))
            .post_init(self._post_init)
        )
        if self.settings.base_url:
            builder = builder.base_url(self.settings.base_url)
            builder = builder.base_file_url(self.settings.base_file_url or "")
        application = builder.build()
        # Group -1 runs first: a refused user never reaches the engine.
        application.add_handler(TypeHandler(Update, self._gate), group=-1)
        application.add_handler(CallbackQueryHandler(self._on_press))
        application.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, self._on_edited))
        application.add_handler(MessageHandler(filters.ALL, self._on_message))
        application.add_error_handler(self._on_error)
        return application

    def run(self) -> None:
        """Serve until stopped; a wrong token or an unreachable server is a BotError."""
        try:
            self._run()
        except InvalidToken as exc:
            raise ConfigError(
                "机器人令牌无效：请检查 config.toml 中的 token 或环境变量 ZONGJIE_TOKEN"
            ) from exc
        except NetworkError as exc:
            host = urlparse(self.settings.base_url or "https://api.telegram.org").netloc
            raise BotError(
                f"无法连接 Telegram 服务器（{host}）：请检查网络，或在 config.toml 中设置 base_url"
            ) from exc

    def _run(self) -> None:
        # A bot started while the network (or Telegram) is down keeps trying to come up.
        if self.settings.webhook_url:
            # Telegram sends this secret with every update; anything without it is refused.
            secret = hashlib.sha256(f"zongjie:{self.settings.token}".encode()).hexdigest()[:48]
            self.application.run_webhook(
                listen=self.settings.webhook_listen,
                port=self.settings.webhook_port,
                url_path=urlparse(self.settings.webhook_url).path.strip("/"),
                webhook_url=self.settings.webhook_url,
                secret_token=secret,
                bootstrap_retries=BOOTSTRAP_RETRIES,
            )
        else:
            self.application.run_polling(bootstrap_retries=BOOTSTRAP_RETRIES)

    async def _post_init(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        commands = [BotCommand(command.name, command.help) for command in COMMANDS]
        await application.bot.set_my_commands(commands)
        if not self.settings.allowed_users:
            log.warning("allowed_users is empty: anyone who finds this bot can use it")
        log.info("bot started as @%s", application.bot.username)

    # ------------------------------------------------------------ handlers

    async def _gate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        chat = update.effective_chat
        if user is None:
            raise ApplicationHandlerStop
        if self.settings.allowed_users and user.id not in self.settings.allowed_users:
            log.info("refused update %s from a user not in allowed_users", update.update_id)
            await self._tell(update, context, texts.REFUSAL)
            raise ApplicationHandlerStop
        if chat is not None and chat.type != "private":
            await self._tell(update, context, texts.PRIVATE_ONLY)
            raise ApplicationHandlerStop

    async def _tell(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        if update.callback_query is not None:
            await self._retry(lambda: update.callback_query.answer(text, show_alert=True))  # type: ignore[union-attr]
        elif update.effective_chat is not None:
            chat_id = update.effective_chat.id
            await self._retry(lambda: context.bot.send_message(chat_id, text))

    async def _on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or update.effective_user is None:
            return
        if message.document is not None and self.uploads is not None:
            user = user_key(update.effective_user.id)
            await self.uploads.received(user, message.chat_id, message, context)
            return
        if message.text is not None:
            event = Event.from_text(message.text, update.update_id)
        else:
            event = Event("other", "", update.update_id)
        await self._handle(update.effective_user.id, message.chat_id, event, context)

    async def _on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None:
            await self._retry(partial(context.bot.send_message, message.chat_id, texts.EDITED))

    async def _on_press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or update.effective_user is None or query.message is None:
            return
        # Answered late (the bot was down), Telegram refuses: the press still counts.
        await self._quietly(query.answer)
        event = Event("press", query.data or "", update.update_id)
        chat_id = query.message.chat.id
        button = decode(query.data or "")
        if button is not None and button.once:
            # A question answered once: its buttons go, so an old one cannot be pressed again.
            await self._quietly(lambda: query.edit_message_reply_markup(reply_markup=None))
        await self._handle(update.effective_user.id, chat_id, event, context)

    async def _handle(
        self, user_id: int, chat_id: int, event: Event, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        user = user_key(user_id)
        # The engine reads and writes files and composes drafts: keep the event loop free.
        replies = await asyncio.to_thread(self.engine.handle, user, event)
        for reply in replies:
            await self._send(user, chat_id, reply, context)

    async def _send(
        self, user: str, chat_id: int, reply: Reply, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        bot = context.bot
        if reply.document:
            name, data = await asyncio.to_thread(self.engine.document, user)
            await self._retry(
                lambda: bot.send_document(
                    chat_id, InputFile(data, filename=name), caption=reply.text
                )
            )
            return
        parts = chunks(reply.text) or [" "]
        for index, part in enumerate(parts):
            markup = _keyboard(reply.choices) if index == len(parts) - 1 and reply.choices else None
            await self._retry(partial(bot.send_message, chat_id, part, reply_markup=markup))

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        context_text = ""
        if isinstance(update, Update):
            user = update.effective_user.id if update.effective_user else None
            context_text = f"update {update.update_id} from user {user}"
        log.error("error handling %s", context_text or "a non-update event", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            chat_id = update.effective_chat.id
            await self._quietly(lambda: context.bot.send_message(chat_id, texts.FAILED))

    # ------------------------------------------------------------- sending

    async def _retry(self, call: Callable[[], Awaitable[T]]) -> T:
        """`call`, tried again after network errors (flood limits are the rate limiter's)."""
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                return await call()
            except (BadRequest, Forbidden, RetryAfter):
                raise
            except NetworkError as exc:
                if attempt == SEND_ATTEMPTS:
                    raise
                log.warning("network error (%s), retrying (%d/%d)", exc, attempt, SEND_ATTEMPTS)
                await asyncio.sleep(0.5 * attempt)
        raise AssertionError("unreachable")

    async def _quietly(self, call: Callable[[], Awaitable[Any]]) -> None:
        try:
            await self._retry(call)
        except (BadRequest, Forbidden, NetworkError) as exc:
            log.warning("could not complete a cosmetic request: %s", exc)


def _keyboard(choices: tuple[Choice, ...]) -> InlineKeyboardMarkup:
    long = any(len(c.label) > 8 for c in choices)
    per_row = 1 if long else BUTTONS_PER_ROW
    rows = [
        [InlineKeyboardButton(c.label[:60], callback_data=c.data) for c in choices[i : i + per_row]]
        for i in range(0, len(choices), per_row)
    ]
    return InlineKeyboardMarkup(rows)
