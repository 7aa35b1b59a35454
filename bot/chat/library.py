"""The organisation's own reports in the conversation: forgetting them, confirming brands.

Importing itself happens in the shells (a file sent in Telegram, /import in
the console), which then offer :func:`brands_question`; the steps here only
ask and answer, and name the :class:`~bot.chat.step.Act` the engine carries
out once the conversation is saved.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from phrasebank.own import Learned
from phrasebank.phrase import KIND_LABELS
from phrasebank.phrase import Kind as PhraseKind
from phrasebank.themes import Lexicon

from . import texts
from .buttons import Button, Kind
from .conversation import Choice, Conversation, Reply
from .step import Act, Context, Outcome, said

YES = "yes"
NO = "no"


def import_here(context: Context, conversation: Conversation, rest: str) -> Outcome:
    """/import reaches the conversation only in Telegram, where files are sent instead."""
    return said(conversation, Reply(texts.IMPORT_HOW))


def brands_question(brands: tuple[str, ...]) -> Reply:
    listed = texts.LIST_SEPARATOR.join(f"“{b}”" for b in brands)
    return Reply(
        texts.BRANDS_ASK.format(brands=listed),
        (
            Choice(texts.BRANDS_YES, Button(Kind.BRANDS, YES)),
            Choice(texts.BRANDS_NO, Button(Kind.BRANDS, NO)),
        ),
    )


def press_brands(context: Context, conversation: Conversation, button: Button) -> Outcome:
    own = button.value == YES
    reply = Reply(texts.BRANDS_OWN if own else texts.BRANDS_NOT)
    return replace(said(conversation, reply), act=Act.BRANDS_OWN if own else Act.BRANDS_NOT)


def forget(context: Context, conversation: Conversation, rest: str) -> Outcome:
    choices = (
        Choice(texts.FORGET_YES, Button(Kind.FORGET, YES)),
        Choice(texts.FORGET_NO, Button(Kind.FORGET, NO)),
    )
    return said(conversation, Reply(texts.FORGET_ASK, choices))


def press_forget(context: Context, conversation: Conversation, button: Button) -> Outcome:
    if button.value != YES:
        return said(conversation, Reply(texts.FORGET_KEPT))
    return replace(said(conversation, Reply(texts.FORGOTTEN)), act=Act.FORGET)


# Themes named in the summary of an import.
SUMMARY_THEMES = 3


def summary(learned: Learned, lexicon: Lexicon) -> tuple[Reply, ...]:
    """What one import learned, in one short message; then the brands to confirm, if any."""
    lines = []
    if learned.documents:
        names = texts.LIST_SEPARATOR.join(f"《{name}》" for name in learned.documents)
        kinds = texts.LIST_SEPARATOR.join(
            f"{KIND_LABELS[PhraseKind(kind)]} {count}" for kind, count in learned.by_kind.items()
        )
        lines.append(
            texts.IMPORT_LEARNED.format(documents=names, phrases=learned.phrases, kinds=kinds)
        )
        top = sorted(learned.by_theme.items(), key=lambda pair: -pair[1])[:SUMMARY_THEMES]
        if top:
            themes = texts.LIST_SEPARATOR.join(lexicon.label(theme) for theme, _ in top)
            lines.append(texts.IMPORT_THEMES.format(themes=themes))
    else:
        lines.append(texts.IMPORT_NOTHING)
    lines.extend(
        texts.IMPORT_SKIPPED.format(name=Path(error.path).name, reason=error.reason)
        for error in learned.skipped
    )
    if learned.documents:
        lines.append(texts.IMPORT_PRIVATE)
    replies = [Reply("\n".join(lines))]
    if learned.documents and learned.brands:
        replies.append(brands_question(learned.brands))
    return tuple(replies)
