"""The dialogue engine: runs the declared conversation (steps.py) over persisted conversations.

It knows nothing of Telegram or terminals. An adapter turns what the writer
did into an :class:`~bot.chat.states.Event`, calls :meth:`Engine.handle`, and
shows the :class:`~bot.chat.conversation.Reply` values it gets back. Each step
is saved before its replies are returned, and an update seen before (Telegram
re-delivers when the bot died before confirming) is answered again, never
applied twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import replace

from bot.errors import InputError
from bot.writer.answers import Answers
from bot.writer.compose import Composer

from . import steps, texts
from .conversation import Conversation, Reply
from .organisations import Organisations
from .sessions import ConversationStore, Stored
from .states import Event
from .step import Act, Context, Outcome, answers_of

log = logging.getLogger(__name__)

OPTIMISTIC_ATTEMPTS = 3


class Engine:
    """Runs conversations for any number of writers over one store and one composer."""

    def __init__(
        self,
        composer: Composer,
        store: ConversationStore,
        today: Callable[[], dt.date] = dt.date.today,
        organisations: Organisations | None = None,
    ) -> None:
        self.composer = composer
        self.store = store
        self.today = today
        self.organisations = organisations

    def composer_for(self, user: str) -> Composer:
        """The composer of the writer's organisation (its own bank over the bundled one)."""
        if self.organisations is None:
            return self.composer
        return self.organisations.composer(user)

    def handle(self, user: str, event: Event) -> list[Reply]:
        """Apply one event to the writer's conversation, save it, and return the replies.

        The step runs on a snapshot outside the writer's lock (composing a draft
        takes a while); the lock is held only to check that nobody saved in
        between and to write. If somebody did, the step runs again on the new
        record: steps are pure, so running one twice changes nothing.
        """
        for _ in range(OPTIMISTIC_ATTEMPTS):
            stored = self.store.read(user)
            outcome = self._step(user, stored, event)
            with self.store.locked(user):
                if self.store.revision(user) == stored.revision:
                    return self._act(user, outcome, self._save(stored, outcome))
        # Contended this often: step under the lock, so the writer is answered at last.
        with self.store.locked(user):
            stored = self.store.read(user)
            outcome = self._step(user, stored, event)
            return self._act(user, outcome, self._save(stored, outcome))

    def _act(self, user: str, outcome: Outcome | list[Reply], replies: list[Reply]) -> list[Reply]:
        """What a step asked done beyond the conversation, once it is saved: forgetting the
        organisation's reports, deciding its brands."""
        act = outcome.act if isinstance(outcome, Outcome) else None
        if act is None or self.organisations is None:
            return replies
        if act is Act.FORGET:
            self.organisations.forget(user)
        elif act in (Act.BRANDS_OWN, Act.BRANDS_NOT):
            self.organisations.decide_brands(user, own=act is Act.BRANDS_OWN)
        return replies

    def _step(self, user: str, stored: Stored, event: Event) -> Outcome | list[Reply]:
        """The step's outcome, or the replies to an update seen before (nothing to save)."""
        conversation = stored.conversation
        last = conversation.last_update
        if event.update_id is not None and last is not None and event.update_id <= last:
            # Seen before: say again what was said, change nothing.
            return list(conversation.last_replies) if event.update_id == last else []
        organisations = self.organisations
        context = Context(
            self.composer_for(user),
            self.today(),
            lambda: stored.unit,
            (lambda: organisations.earlier_reports(user)) if organisations else tuple,
        )
        try:
            outcome = steps.run(context, conversation, event)
        except Exception:
            log.exception("step failed for %s in state %s", user, conversation.state)
            outcome = Outcome(conversation, (Reply(texts.SOMETHING_WRONG),))
        return replace(
            outcome,
            conversation=replace(
                outcome.conversation,
                last_update=event.update_id if event.update_id is not None else last,
                last_replies=outcome.replies,
            ),
        )

    def _save(self, stored: Stored, outcome: Outcome | list[Reply]) -> list[Reply]:
        if isinstance(outcome, list):
            return outcome
        unit = outcome.unit or stored.unit
        self.store.write(outcome.conversation, unit, stored.revision + 1)
        return list(outcome.replies)

    def document(self, user: str) -> tuple[str, bytes]:
        """The writer's current draft as a .docx: its file name and bytes."""
        from bot.writer.docxfile import render_docx  # noqa: PLC0415 - python-docx loads only when exporting

        answers = self.answers(self.store.load(user))
        if answers is None:
            raise InputError(texts.NOT_COMPLETE)
        report = self.composer_for(user).compose(answers).report
        name = re.sub(r'[\\/:*?"<>|\s]+', "", report.title.text)[:60] or texts.DOCUMENT_NAME
        return f"{name}.docx", render_docx(report)

    def answers(self, conversation: Conversation) -> Answers | None:
        """The conversation as answers for the composer, once unit, period and genre are known."""
        return answers_of(conversation, self.today())
