"""The conversation declared as tables: what each state asks and does, each button, each command.

:data:`STEPS` gives every state its prompt, what it does with text, with
/done, and which question buttons it answers; :data:`ANYWHERE` the buttons
that work in every state; :data:`COMMANDS` every command with its help text
(/help, Telegram's command menu and the console all read it). :func:`run`
applies one event. Adding a state or a command is one entry here plus its
handler and its texts; a meta-test checks every entry is complete.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from phrasebank.text import sanitize

from . import activities, checklist, commands, library, questions, statements, texts
from .buttons import Button, Kind, decode
from .conversation import Conversation, Reply
from .states import Event, State
from .step import Context, Outcome, expired, said

Prompt = Callable[[Context, Conversation], Reply]
OnText = Callable[[Context, Conversation, str], Outcome]
OnPress = Callable[[Context, Conversation, Button], Outcome]
OnDone = Callable[[Context, Conversation], Outcome]
OnCommand = Callable[[Context, Conversation, str], Outcome]


@dataclass(frozen=True)
class Step:
    """One state: the question it asks, and what it does with an answer, /done and its buttons."""

    prompt: Prompt
    text: OnText
    done: OnDone
    buttons: dict[Kind, OnPress] = field(default_factory=dict)
    content: bool = False  # text here is content: a bare number means nothing


def idle_done(context: Context, conversation: Conversation) -> Outcome:
    return said(conversation, Reply(texts.IDLE_HINT))


STATEMENT_BUTTONS: dict[Kind, OnPress] = {
    Kind.PICK: statements.press_pick,
    Kind.AUTO: statements.press_auto,
    Kind.DONE: statements.press_finish,
}

STEPS: dict[State, Step] = {
    State.IDLE: Step(questions.ask_nothing, questions.hint, idle_done),
    State.UNIT: Step(
        questions.ask_unit,
        questions.answer_unit,
        questions.answer_first,
        {Kind.UNIT: questions.press_unit},
    ),
    State.PERIOD: Step(
        questions.ask_period,
        questions.answer_period,
        questions.answer_first,
        {Kind.PERIOD: questions.press_period},
    ),
    State.GENRE: Step(
        questions.ask_genre,
        questions.answer_genre,
        questions.answer_first,
        {Kind.GENRE: questions.press_genre},
    ),
    State.CHECKLIST: Step(
        checklist.ask_plan,
        checklist.answer,
        checklist.finish,
        {Kind.CHECK: checklist.press_check, Kind.EARLIER: checklist.press_earlier},
        content=True,
    ),
    State.ACTIVITIES: Step(
        activities.ask_activities,
        activities.add_activities,
        activities.finish_activities,
        content=True,
    ),
    State.PROBLEMS: Step(
        statements.ask_statements,
        statements.add_statements,
        statements.finish_statements,
        STATEMENT_BUTTONS,
        content=True,
    ),
    State.PLANS: Step(
        statements.ask_statements,
        statements.add_statements,
        statements.finish_statements,
        STATEMENT_BUTTONS,
        content=True,
    ),
    State.DONE: Step(
        questions.show_draft_done,
        activities.add_activities,
        questions.redraft,
        {Kind.REVISE: questions.press_revise},
        content=True,
    ),
}

# The buttons under an activity act on it whatever the conversation is asking now.
ANYWHERE: dict[Kind, OnPress] = {
    Kind.THEME: activities.press_theme,
    Kind.RETHEME: activities.press_retheme,
    Kind.SWAP: activities.press_swap,
    Kind.DEL: activities.press_delete,
    Kind.MORE: activities.press_more,
    Kind.KIND: commands.press_kind,
    Kind.BRANDS: library.press_brands,
    Kind.FORGET: library.press_forget,
}


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    handler: OnCommand


def done(context: Context, conversation: Conversation, rest: str) -> Outcome:
    return STEPS[conversation.state].done(context, conversation)


def show_help(context: Context, conversation: Conversation, rest: str) -> Outcome:
    lines = [texts.HELP_HEADER, *(f"/{c.name} — {c.help}" for c in COMMANDS), texts.HELP_FOOTER]
    return said(conversation, Reply("\n".join(lines)))


COMMANDS: tuple[Command, ...] = (
    Command("start", texts.HELP_START, commands.start),
    Command("new", texts.HELP_NEW, commands.new),
    Command("help", texts.HELP_HELP, show_help),
    Command("list", texts.HELP_LIST, commands.listing),
    Command("edit", texts.HELP_EDIT, commands.edit_item),
    Command("del", texts.HELP_DEL, commands.delete_items),
    Command("theme", texts.HELP_THEME, commands.retheme),
    Command("swap", texts.HELP_SWAP, commands.reword),
    Command("undo", texts.HELP_UNDO, commands.undo),
    Command("preview", texts.HELP_PREVIEW, commands.preview),
    Command("done", texts.HELP_DONE, done),
    Command("export", texts.HELP_EXPORT, commands.export),
    Command("phrases", texts.HELP_PHRASES, commands.phrases),
    Command("kind", texts.HELP_KIND, commands.unit_kind),
    Command("name", texts.HELP_NAME, commands.reporter),
    Command("import", texts.HELP_IMPORT, library.import_here),
    Command("forget", texts.HELP_FORGET, library.forget),
    Command("cancel", texts.HELP_CANCEL, commands.cancel),
)
BY_NAME = {c.name: c for c in COMMANDS}


# ---------------------------------------------------------------------- running


def run(context: Context, conversation: Conversation, event: Event) -> Outcome:
    """Apply one event; the outcome ends with the new state's question when the step asks it."""
    outcome = dispatch(context, conversation, event)
    replies = outcome.replies
    if outcome.ask:
        replies = (*replies, prompt(context, outcome.conversation))
    # A number typed next refers to the choices last shown, and only to those.
    shown = next((r.choices for r in reversed(replies) if r.choices), ())
    return Outcome(
        replace(outcome.conversation, options=shown), replies, unit=outcome.unit, act=outcome.act
    )


def prompt(context: Context, conversation: Conversation) -> Reply:
    """The question the conversation's state asks, with its choices."""
    return STEPS[conversation.state].prompt(context, conversation)


def dispatch(context: Context, conversation: Conversation, event: Event) -> Outcome:
    # Details to add (补充) are the very next message's: anything else drops the wait.
    adding, conversation = conversation.adding, replace(conversation, adding=None)
    if event.kind == "command":
        return command(context, conversation, event.text)
    if event.kind == "press":
        button = decode(event.text)
        return press(context, conversation, button) if button else expired(conversation)
    if event.kind == "other":
        return said(conversation, Reply(texts.ONLY_TEXT), ask=True)
    text = sanitize(event.text)
    if adding is not None:
        return activities.add_details(context, conversation, adding, text)
    if re.fullmatch(r"\s*\d{1,3}\s*", text):
        number = int(text)
        options = conversation.options
        if 1 <= number <= len(options):
            return press(context, conversation, options[number - 1].button)
        if options:
            return said(conversation, Reply(texts.NO_SUCH_OPTION.format(number=number)), ask=True)
        if STEPS[conversation.state].content:
            return said(conversation, Reply(texts.ONLY_NUMBER))
    return STEPS[conversation.state].text(context, conversation, text)


def press(context: Context, conversation: Conversation, button: Button) -> Outcome:
    # A question's button answers that question only; pressed later (a double tap,
    # an old message) it must not act on whatever the conversation asks now.
    handler = STEPS[conversation.state].buttons.get(button.kind) or ANYWHERE.get(button.kind)
    if handler is None:
        return expired(conversation)
    return handler(context, conversation, button)


def command(context: Context, conversation: Conversation, raw: str) -> Outcome:
    name, _, rest = sanitize(raw).strip()[1:].partition(" ")
    name = name.split("@", 1)[0].lower()
    found = BY_NAME.get(name)
    if found is None:
        return said(conversation, Reply(texts.UNKNOWN_COMMAND.format(command="/" + name[:20])))
    return found.handler(context, conversation, rest.strip())
