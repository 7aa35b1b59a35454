"""The activities: recording them, describing them, and the buttons under each one.

Used in ACTIVITIES and, for one more activity after the draft, in DONE; the
entry buttons (theme, swap, delete) work in every state.
"""

from __future__ import annotations

from dataclasses import replace

from bot.errors import InputError
from bot.writer import answers, genres, period
from bot.writer.checks import DETAILS, terse
from bot.writer.reminders import missing
from bot.writer.subtopics import load_subtopics
from bot.writer.wording import formalise, split_items
from bot.writer.work import Placed
from phrasebank.text import normal

from . import texts
from .buttons import Button, Kind
from .conversation import Choice, Conversation, Entry, Reply
from .states import State
from .step import Context, Outcome, answers_of, go, said

# From this many terse activities (checks.terse), the writer hears what each might add.
TERSE_REMINDED = 2

# A pasted list longer than this is confirmed in one message, not one per activity.
SUMMARY_AFTER = 3
SUMMARY_TEXT = 40

Placements = dict[int, Placed | None]


def ask_activities(context: Context, conversation: Conversation) -> Reply:
    return Reply(texts.ASK_ACTIVITIES.format(period=conversation.period or texts.THIS_PERIOD))


def add_activities(context: Context, conversation: Conversation, raw: str) -> Outcome:
    items = split_items(raw)
    if not items or not any(formalise(i) for i in items):
        return said(conversation, Reply(texts.NO_TEXT))
    too_long = next((i for i in items if len(i) > answers.MAX_TEXT), None)
    if too_long is not None:
        return said(
            conversation,
            Reply(texts.TOO_LONG.format(length=len(too_long), limit=answers.MAX_TEXT)),
        )
    existing = conversation.entries
    known = {normal(formalise(e.text)) for e in existing}
    fresh = [i for i in dict.fromkeys(items) if formalise(i) and normal(formalise(i)) not in known]
    repeats = len(items) - len(fresh)
    if not fresh:
        return said(conversation, Reply(texts.ALREADY_RECORDED))
    if len(existing) + len(fresh) > answers.MAX_ACTIVITIES:
        limit = answers.MAX_ACTIVITIES
        too_many = texts.TOO_MANY.format(added=len(fresh), have=len(existing), limit=limit)
        return said(conversation, Reply(too_many))
    entries = list(existing)
    key = conversation.next_key
    for item in fresh:
        result = context.composer.classify(answers.Activity(item))
        entries.append(Entry(key, item, result.theme, result.confidence, asked=result.low))
        key += 1
    conversation = replace(conversation.remembered(), entries=tuple(entries), next_key=key)
    new = entries[len(existing) :]
    placed = placements(context, conversation)
    if len(new) > SUMMARY_AFTER:
        replies = [summary(context, conversation, new, placed)]
    else:
        replies = [describe(context, conversation, e, placed) for e in new]
    checks = [
        texts.concern(conversation.number_of(e.key) or 0, c)
        for e in new
        if (p := placed.get(e.key)) is not None
        for c in p.concerns
    ]
    if checks:
        replies.append(Reply("\n".join(checks)))
    if repeats:
        replies.append(Reply(texts.SKIPPED_REPEATS.format(count=repeats)))
    unsure = next((e for e in new if e.asked), None)
    if unsure is not None:
        replies.append(theme_question(context, conversation, unsure, likely=True))
    elif conversation.state is State.DONE:
        replies.append(Reply(texts.ADDED_AFTER_DRAFT))
    return said(conversation, *replies)


def summary(
    context: Context, conversation: Conversation, new: list[Entry], placed: Placements
) -> Reply:
    """One reply for a pasted list, instead of one message per activity."""
    first = conversation.number_of(new[0].key) or 0
    lines = [texts.summary_header(first, first + len(new) - 1)]
    for entry in new:
        number = conversation.number_of(entry.key) or 0
        text = entry.text if len(entry.text) <= SUMMARY_TEXT else entry.text[:SUMMARY_TEXT] + "…"
        label = context.lexicon.label(entry.theme)
        lead = _lead(placed, entry)
        lines.append(texts.summary_line(number, label, not entry.asked, text, lead))
    lines.append(texts.SUMMARY_FOOTER)
    return Reply("\n".join(lines))


def describe(
    context: Context, conversation: Conversation, entry: Entry, placed: Placements | None = None
) -> Reply:
    number = conversation.number_of(entry.key) or 0
    lead = _lead(placed if placed is not None else placements(context, conversation), entry)
    label = context.lexicon.label(entry.theme)
    text = texts.recorded(number, entry.text, label, not entry.asked, lead)
    choices: tuple[Choice, ...] = (
        Choice(texts.CHANGE_THEME, Button(Kind.RETHEME, key=entry.key)),
        Choice(texts.SWAP, Button(Kind.SWAP, key=entry.key)),
        Choice(texts.DELETE, Button(Kind.DEL, key=entry.key)),
    )
    # A terse one (checks.terse) can take its details in the writer's next message.
    if terse(entry.text):
        choices += (Choice(texts.ADD_DETAILS, Button(Kind.MORE, key=entry.key)),)
    return Reply(text, choices)


def placements(context: Context, conversation: Conversation) -> Placements:
    """Where each entry goes in the draft as it stands: its lead and what to check
    (one composition for all)."""
    draft = answers_of(conversation, context.today)
    if draft is None:
        return {}
    placed = context.composer.compose(draft).placed
    return dict(zip((e.key for e in conversation.entries), placed, strict=True))


def _lead(placed: Placements, entry: Entry) -> str | None:
    found = placed.get(entry.key)
    return found.lead if found else None


def theme_question(
    context: Context, conversation: Conversation, entry: Entry, likely: bool
) -> Reply:
    number = conversation.number_of(entry.key) or 0
    lexicon = context.lexicon
    activity = answers.Activity(entry.text)
    ranking = context.composer.classify(activity).likely(3) if likely else []
    themes = ranking or list(lexicon.ids)
    choices = [Choice(lexicon.label(t), Button(Kind.THEME, t, entry.key)) for t in themes]
    if likely:
        choices.append(Choice(texts.OTHER_THEME, Button(Kind.RETHEME, key=entry.key)))
    question = texts.ask_theme(number) if likely else texts.ask_new_theme(number)
    return Reply(question, tuple(choices))


def finish_activities(context: Context, conversation: Conversation) -> Outcome:
    if not conversation.entries:
        return said(conversation, Reply(texts.NEED_ACTIVITIES))
    reminders = [] if conversation.reminded else _reminders(context, conversation)
    # Reminded once, even after an /undo back to the activities.
    moved_on = go(replace(conversation, reminded=True).remembered(), "done")
    if reminders:
        # Without blocking: the writer can /undo to add what was missed.
        reminders.append(texts.UNDO_TO_ADD)
        return said(moved_on, Reply("\n".join(reminders)), ask=True)
    return said(moved_on, ask=True)


def _reminders(context: Context, conversation: Conversation) -> list[str]:
    """What the writer may have left out (reminders.missing): usual themes untouched, last
    period's problems put right, their own part, fewer activities than a report of the
    period usually states; and activities told too briefly (a report's length comes from
    the facts)."""
    entries = conversation.entries
    found = _missing(context, conversation)
    # Each was told what to add when recorded (checks.terse); here, which ones.
    brief = [n for n, e in enumerate(entries, start=1) if terse(e.text)]
    if len(brief) >= TERSE_REMINDED:
        numbers = "、".join(map(str, brief))
        found.append(texts.TERSE_ACTIVITIES.format(count=len(brief), numbers=numbers))
    return found


def _missing(context: Context, conversation: Conversation) -> list[str]:
    """What a report of the genre and period usually tells and these activities do not."""
    genre = genres.genres().get(conversation.genre or "")
    try:
        the_period = period.parse(conversation.period or "")
    except InputError:
        return []
    if genre is None:
        return []
    entries = conversation.entries
    lacking = missing(genre, the_period, [e.text for e in entries], {e.theme for e in entries})
    found = []
    if lacking.untouched:
        labels = "、".join(context.lexicon.label(t) for t in lacking.untouched)
        found.append(texts.NOT_YET_MENTIONED.format(themes=labels))
    if lacking.rectified_example:
        example = lacking.rectified_example
        found.append(texts.NO_RECTIFIED.format(label=genre.label, example=example))
    if lacking.role_reminder:
        found.append(lacking.role_reminder)
    if lacking.few:
        span, count = texts.SPAN_NAMES[the_period.span], len(entries)
        found.append(texts.FEW_ACTIVITIES.format(count=count, span=span, typical=lacking.few))
    return found


# ------------------------------------------------------------------ changes


def edit(context: Context, conversation: Conversation, number: int, text: str) -> Outcome:
    entries = list(conversation.entries)
    old = entries[number - 1]
    if old.chosen:
        entries[number - 1] = replace(old, text=text, variant=0)
    else:
        result = context.composer.classify(answers.Activity(text))
        entries[number - 1] = replace(
            old,
            text=text,
            theme=result.theme,
            confidence=result.confidence,
            asked=result.low,
            variant=0,
        )
    conversation = replace(conversation.remembered(), entries=tuple(entries))
    replies = [describe(context, conversation, entries[number - 1])]
    if entries[number - 1].asked:
        replies.append(theme_question(context, conversation, entries[number - 1], likely=True))
    return said(conversation, *replies)


def delete(context: Context, conversation: Conversation, *numbers: int) -> Outcome:
    entries = list(conversation.entries)
    order = sorted(numbers, reverse=True)
    removed = [entries.pop(n - 1) for n in order]
    conversation = replace(conversation.remembered(), entries=tuple(entries))
    lines = [(n, e.text) for n, e in zip(order, removed, strict=True)]
    return said(conversation, Reply(texts.deleted(lines)))


def swap(context: Context, conversation: Conversation, number: int) -> Outcome:
    entries = list(conversation.entries)
    entries[number - 1] = replace(entries[number - 1], variant=entries[number - 1].variant + 1)
    conversation = replace(conversation.remembered(), entries=tuple(entries))
    lead = _lead(placements(context, conversation), entries[number - 1])
    return said(conversation, Reply(texts.swapped(number, lead)))


# ------------------------------------------------------------------ buttons


def press_theme(context: Context, conversation: Conversation, button: Button) -> Outcome:
    entries = list(conversation.entries)
    index = next((i for i, e in enumerate(entries) if e.key == button.key), None)
    if index is None or button.value not in context.lexicon:
        return said(conversation, Reply(texts.ENTRY_GONE))
    entries[index] = replace(entries[index], theme=button.value, chosen=True, asked=False)
    conversation = replace(conversation.remembered(), entries=tuple(entries))
    replies = [describe(context, conversation, entries[index])]
    pending = next((e for e in conversation.entries if e.asked), None)
    if pending is not None:
        replies.append(theme_question(context, conversation, pending, likely=True))
    return said(conversation, *replies)


def press_retheme(context: Context, conversation: Conversation, button: Button) -> Outcome:
    entry = next((e for e in conversation.entries if e.key == button.key), None)
    if entry is None:
        return said(conversation, Reply(texts.ENTRY_GONE))
    return said(conversation, theme_question(context, conversation, entry, likely=False))


def press_swap(context: Context, conversation: Conversation, button: Button) -> Outcome:
    number = conversation.number_of(button.key or 0)
    if number is None:
        return said(conversation, Reply(texts.ENTRY_GONE))
    return swap(context, conversation, number)


def press_more(context: Context, conversation: Conversation, button: Button) -> Outcome:
    """补充: the writer's next message adds to this activity, as its kind of work asks."""
    number = conversation.number_of(button.key or 0)
    if number is None:
        return said(conversation, Reply(texts.ENTRY_GONE))
    entry = conversation.entries[number - 1]
    found = placements(context, conversation).get(entry.key)
    kind = load_subtopics().get(found.subtopic or "") if found else None
    details = (kind.details if kind else "") or DETAILS
    asked = texts.ASK_DETAILS.format(number=number, details=details, text=entry.text)
    return said(replace(conversation, adding=entry.key), Reply(asked))


def add_details(context: Context, conversation: Conversation, key: int, text: str) -> Outcome:
    """`text` added to the activity the writer pressed 补充 under, as one fact."""
    number = conversation.number_of(key)
    added = text.strip().rstrip("。")
    if number is None:
        return said(conversation, Reply(texts.ENTRY_GONE))
    # Nothing to add, or too much: the writer may send it again.
    waiting = replace(conversation, adding=key)
    if not formalise(added):
        return said(waiting, Reply(texts.NO_TEXT))
    whole = f"{conversation.entries[number - 1].text.rstrip('。；，,; ')}，{added}"
    if len(whole) > answers.MAX_TEXT:
        too_long = texts.ADDED_TOO_LONG.format(length=len(whole), limit=answers.MAX_TEXT)
        return said(waiting, Reply(too_long))
    return edit(context, conversation, number, whole)


def press_delete(context: Context, conversation: Conversation, button: Button) -> Outcome:
    number = conversation.number_of(button.key or 0)
    if number is None:
        return said(conversation, Reply(texts.ENTRY_GONE))
    return delete(context, conversation, number)
