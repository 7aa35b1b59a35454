"""What each command does, in any state; :data:`bot.chat.steps.COMMANDS` declares them.

/done and /help are declared beside the tables they read (in steps.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.writer import answers, genres
from bot.writer.profile import load_units, profile_for
from bot.writer.render import to_text
from bot.writer.wording import formalise
from phrasebank.search import search

from . import texts
from .activities import delete, edit, swap, theme_question
from .buttons import Button
from .buttons import Kind as ButtonKind
from .conversation import Choice, Conversation, Entry, Reply
from .states import State
from .step import Context, Outcome, answers_of, go, missing, said


def start(context: Context, conversation: Conversation, rest: str) -> Outcome:
    if conversation.state is State.IDLE:
        return said(go(fresh(conversation), "new"), Reply(texts.GREETING), ask=True)
    # The menu last shown is still what a typed number answers: show it again.
    menu = next((r for r in reversed(conversation.last_replies) if r.choices), None)
    if menu is not None and menu.choices == conversation.options:
        return said(conversation, Reply(texts.WELCOME_BACK), menu)
    return said(conversation, Reply(texts.WELCOME_BACK), ask=True)


def new(context: Context, conversation: Conversation, rest: str) -> Outcome:
    return said(go(fresh(conversation), "new"), ask=True)


def cancel(context: Context, conversation: Conversation, rest: str) -> Outcome:
    return said(go(fresh(conversation), "cancel"), Reply(texts.CANCELLED))


def fresh(old: Conversation) -> Conversation:
    """An empty conversation that can still be undone, numbering activities on from here.

    Activity keys are never reused for a writer, so a button on an old
    message can never reach a newer activity.
    """
    return Conversation(
        user=old.user, state=old.state, next_key=old.next_key, undo=old.remembered().undo
    )


def listing(context: Context, conversation: Conversation, rest: str) -> Outcome:
    entries = conversation.entries
    if not entries:
        idle = conversation.state is State.IDLE
        return said(conversation, Reply(texts.IDLE_HINT if idle else texts.NEED_ACTIVITIES))
    label = context.lexicon.label
    lines = [texts.listed_line(i, label(e.theme), e.text) for i, e in enumerate(entries, 1)]
    return said(conversation, Reply("\n".join([texts.LISTED, *lines])))


def numbered(conversation: Conversation, rest: str, example: str) -> tuple[int, str] | Reply:
    """`rest` read as "N [text]" for an existing item N, or the reply saying what is wrong."""
    match = re.match(r"^\s*(\d{1,3})(?:\s+(.*))?$", rest, re.S)
    count = len(conversation.entries)
    if not match:
        return Reply(texts.BAD_NUMBER.format(example=example, count=count))
    number = int(match.group(1))
    if conversation.entry(number) is None:
        return Reply(texts.NO_SUCH_ITEM.format(number=number, count=count))
    return number, (match.group(2) or "").strip()


def edit_item(context: Context, conversation: Conversation, rest: str) -> Outcome:
    parsed = numbered(conversation, rest, texts.EDIT_EXAMPLE)
    if isinstance(parsed, Reply):
        return said(conversation, parsed)
    number, text = parsed
    if not formalise(text):
        return said(conversation, Reply(texts.EDIT_NEEDS_TEXT))
    if len(text) > answers.MAX_TEXT:
        return said(
            conversation, Reply(texts.TOO_LONG.format(length=len(text), limit=answers.MAX_TEXT))
        )
    return edit(context, conversation, number, text)


def delete_items(context: Context, conversation: Conversation, rest: str) -> Outcome:
    count = len(conversation.entries)
    numbers = sorted({int(n) for n in re.findall(r"\d{1,3}", rest)}, reverse=True)
    if not numbers or re.search(r"[^\d\s,，、]", rest):
        bad = texts.BAD_NUMBER.format(example=texts.DEL_EXAMPLE, count=count)
        return said(conversation, Reply(bad))
    gone = [n for n in numbers if conversation.entry(n) is None]
    if gone:
        return said(conversation, Reply(texts.NO_SUCH_ITEM.format(number=gone[0], count=count)))
    return delete(context, conversation, *numbers)


def retheme(context: Context, conversation: Conversation, rest: str) -> Outcome:
    parsed = numbered(conversation, rest, "/theme 2")
    if isinstance(parsed, Reply):
        return said(conversation, parsed)
    entry = conversation.entry(parsed[0])
    assert entry is not None
    return said(conversation, theme_question(context, conversation, entry, likely=False))


def reword(context: Context, conversation: Conversation, rest: str) -> Outcome:
    parsed = numbered(conversation, rest, "/swap 2")
    if isinstance(parsed, Reply):
        return said(conversation, parsed)
    return swap(context, conversation, parsed[0])


def undo(context: Context, conversation: Conversation, rest: str) -> Outcome:
    previous = conversation.undone()
    if previous is None:
        return said(conversation, Reply(texts.NOTHING_TO_UNDO))
    return said(previous, Reply(texts.undone(what_changed(previous, conversation))), ask=True)


def what_changed(before: Conversation, after: Conversation) -> str:
    """What one step did, going from `before` to `after`, in the writer's words."""
    old = {e.key: e for e in before.entries}
    new = {e.key: e for e in after.entries}
    added = [e for e in after.entries if e.key not in old]
    removed = [e for e in before.entries if e.key not in new]
    if added:
        return texts.UNDO_ADDED.format(items=_quoted(added))
    if removed:
        return texts.UNDO_REMOVED.format(items=_quoted(removed))
    changed = [e for e in after.entries if old[e.key] != e]
    if changed:
        entry = changed[0]
        number = after.number_of(entry.key)
        if entry.text != old[entry.key].text:
            return texts.UNDO_EDITED.format(number=number, text=old[entry.key].text)
        if entry.theme != old[entry.key].theme:
            return texts.UNDO_THEME.format(number=number)
        return texts.UNDO_WORDING.format(number=number)
    for name, label in (
        ("unit", texts.UNIT),
        ("period", texts.PERIOD),
        ("genre", texts.GENRE),
    ):
        if getattr(before, name) != getattr(after, name):
            return texts.UNDO_ANSWER.format(what=label, value=getattr(after, name) or "")
    if (before.problems, before.plans, before.auto) != (after.problems, after.plans, after.auto):
        return texts.UNDO_STATEMENTS
    return texts.UNDO_STEP


def _quoted(entries: list[Entry]) -> str:
    shown = texts.LIST_SEPARATOR.join(f"“{e.text[:30]}”" for e in entries[:3])
    return shown + (texts.AND_MORE.format(count=len(entries)) if len(entries) > 3 else "")


def preview(context: Context, conversation: Conversation, rest: str) -> Outcome:
    gap = missing(conversation)
    if gap:
        return said(conversation, Reply(gap))
    draft = answers_of(conversation, context.today)
    assert draft is not None
    report = context.composer.compose(draft).report
    return said(conversation, Reply(to_text(report)), Reply(texts.PREVIEW_FOOTER))


def export(context: Context, conversation: Conversation, rest: str) -> Outcome:
    gap = missing(conversation)
    if gap:
        return said(conversation, Reply(gap))
    return said(conversation, Reply(texts.DOCUMENT, document=True))


def unit_kind(context: Context, conversation: Conversation, rest: str) -> Outcome:
    """/kind: what kind of unit the draft takes this one for, and the choice to change it."""
    if not conversation.unit:
        return said(conversation, Reply(texts.KIND_NEEDS_UNIT))
    units = load_units()
    wanted = rest.strip()
    if wanted:
        chosen = next((k for k in units.kinds if wanted in (k.id, k.label)), None)
        if chosen is None:
            return said(conversation, Reply(texts.KIND_UNKNOWN.format(kind=wanted[:20])))
        return _set_kind(conversation, chosen.id)
    current = answers_of(conversation, context.today)
    profile = current.profile if current else profile_for(conversation.unit, kind=conversation.kind)
    text = texts.kind_now(profile.kind.label, profile.short_org, profile.scope)
    choices = tuple(Choice(k.label, Button(ButtonKind.KIND, k.id)) for k in units.kinds)
    return said(conversation, Reply(text, choices))


def press_kind(context: Context, conversation: Conversation, button: Button) -> Outcome:
    if not conversation.unit or button.value not in {k.id for k in load_units().kinds}:
        return said(conversation, Reply(texts.EXPIRED))
    return _set_kind(conversation, button.value)


def _set_kind(conversation: Conversation, kind: str) -> Outcome:
    changed = replace(conversation.remembered(), kind=kind)
    profile = profile_for(changed.unit or "", kind=kind)
    return said(changed, Reply(texts.kind_set(profile.kind.label, profile.short_org)))


def reporter(context: Context, conversation: Conversation, rest: str) -> Outcome:
    """/name: who signs a 述职 (述职人：张某某)."""
    name = re.sub(r"\s+", "", rest)
    if conversation.genre and not genres.genres()[conversation.genre].first_person:
        return said(conversation, Reply(texts.NAME_NOT_DUTY))
    if not name:
        text = (
            texts.NAME_NOW.format(name=conversation.name) if conversation.name else texts.NAME_NONE
        )
        return said(conversation, Reply(text))
    if not answers.NAME.fullmatch(name):
        return said(conversation, Reply(texts.NAME_BAD.format(most=answers.NAME_MAX)))
    changed = replace(conversation.remembered(), name=name)
    return said(changed, Reply(texts.NAME_SET.format(name=name)))


def phrases(context: Context, conversation: Conversation, rest: str) -> Outcome:
    query = rest.strip()
    if not query:
        return said(conversation, Reply(texts.PHRASES_NEED_QUERY))
    found = search(context.composer.bank, query[:50], limit=5)
    if not found:
        return said(conversation, Reply(texts.phrases_none(query[:20])))
    lines = [f"{i}. {p.text}" + (texts.STALE if p.stale else "") for i, p in enumerate(found, 1)]
    return said(conversation, Reply(texts.phrases_found(query[:20], lines)))
