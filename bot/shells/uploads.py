"""Documents sent to the Telegram bot: the organisation's earlier reports, imported.

Each is fetched with getFile into a temporary folder in the data directory,
read and mined into the organisation's own bank; the writer is told in one
message what was learned and what was skipped and why. Several files sent at
once arrive as an album (one update each, sharing a ``media_group_id``): they
are gathered for a moment and imported together, with one answer.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from telegram import Document, Message
from telegram.ext import ContextTypes

from bot.chat import texts
from bot.chat.conversation import Reply
from bot.chat.library import summary
from bot.chat.organisations import Organisations
from phrasebank import intake
from phrasebank.errors import PhrasebankError, SourceError
from phrasebank.themes import load_lexicon

log = logging.getLogger(__name__)

# How long the files of one album are gathered after its first arrives (Telegram sends
# them within a fraction of a second).
ALBUM_WAIT = 1.5

Send = Callable[[str, int, Reply, ContextTypes.DEFAULT_TYPE], Awaitable[None]]
Retry = Callable[[Callable[[], Awaitable[Any]]], Awaitable[Any]]


class Uploads:
    """Imports the documents writers send, one answer per file or per album."""

    def __init__(self, organisations: Organisations, data_dir: Path, send: Send, retry: Retry):
        self.organisations = organisations
        self.data_dir = data_dir
        self.send = send
        self.retry = retry
        self._albums: dict[tuple[int, str], list[Document]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def received(
        self, user: str, chat_id: int, message: Message, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        document = message.document
        if document is None:
            return
        group = message.media_group_id
        if group is None:
            await self.load(user, chat_id, [document], context)
            return
        key = (chat_id, group)
        album = self._albums.setdefault(key, [])
        album.append(document)
        if len(album) == 1:
            task = asyncio.create_task(self._album(key, user, context))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _album(
        self, key: tuple[int, str], user: str, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        await asyncio.sleep(ALBUM_WAIT)
        documents = self._albums.pop(key)
        try:
            await self.load(user, key[0], documents, context)
        except Exception:
            # Not a handler: python-telegram-bot's error handler never sees this task.
            log.exception("could not import an album for %s", user)
            await self.send(user, key[0], Reply(texts.IMPORT_FAILED), context)

    async def load(
        self,
        user: str,
        chat_id: int,
        documents: list[Document],
        context: ContextTypes.DEFAULT_TYPE,
    ) -> None:
        library = self.organisations.library(user)
        if library is None:
            return
        too_big: list[SourceError] = []
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.data_dir, prefix=".import-") as tmp:
            files: list[tuple[Path, str]] = []
            for index, document in enumerate(documents):
                name = document.file_name or texts.DOCUMENT_NAME
                size = document.file_size or 0
                if size > intake.MAX_BYTES:
                    # Not even fetched: Telegram serves at most 20 MB, and we read at most 10.
                    too_big.append(SourceError(name, intake.too_big(size)))
                    continue
                # The reader goes by the file's extension, as the writer named it.
                path = Path(tmp) / f"upload{index}{Path(name).suffix.lower()}"
                file = await self.retry(partial(context.bot.get_file, document.file_id))
                await self.retry(partial(file.download_to_drive, path))
                files.append((path, name))
            try:
                learned = await asyncio.to_thread(library.add, files)
            except (OSError, PhrasebankError):
                log.exception("could not import documents for %s", user)
                await self.send(user, chat_id, Reply(texts.IMPORT_FAILED), context)
                return
        learned = replace(learned, skipped=(*too_big, *learned.skipped))
        for reply in summary(learned, load_lexicon()):
            await self.send(user, chat_id, reply, context)
