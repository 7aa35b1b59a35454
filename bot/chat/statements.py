"""Problems and plans: written by the writer, picked from suggestions, or left to the composer.

The PROBLEMS and PLANS states behave alike; `Role` says which list a step is on.
"""

from __future__ import annotations

from bot.writer import answers
from bot.writer.wording import formalise, split_items
from phrasebank.text import normal

from . import texts
from .buttons import Button, Kind
from .conversation import Choice, Conversation, Reply
from .states import After, Role, State
from .step import Context, Outcome, answers_of, draft, expired, go, said

MAX_SUGGESTIONS = 4


def role_of(conversation: Conversation) -> Role:
    return Role.PROBLEMS if conversation.state is State.PROBLEMS else Role.PLANS


def ask_statements(context: Context, conversation: Conversation) -> Reply:
    role = role_of(conversation)
    text = texts.ASK_PROBLEMS if role is Role.PROBLEMS else texts.ASK_PLANS
    return Reply(text, suggestions(context, conversation, role))


def suggestions(context: Context, conversation: Conversation, role: Role) -> tuple[Choice, ...]:
    draft = answers_of(conversation, context.today)
    if draft is None or not draft.activities:
        return ()
    offered = context.composer.suggestions(draft, role.value)[:MAX_SUGGESTIONS]
    picks = [
        Choice(texts.PICK + s, Button(Kind.PICK, role.value, i)) for i, s in enumerate(offered, 1)
    ]
    return (
        *picks,
        Choice(texts.AUTO, Button(Kind.AUTO, role.value)),
        Choice(texts.FINISH, Button(Kind.DONE, role.value)),
    )


def add_statements(context: Context, conversation: Conversation, raw: str) -> Outcome:
    role = role_of(conversation)
    if raw.strip().lower() in texts.AUTO_WORDS:
        changed = conversation.remembered().with_statements(role, (), auto=True)
        return said(
            changed, Reply(texts.PROBLEMS_AUTO if role is Role.PROBLEMS else texts.PLANS_AUTO)
        )
    items = [i for i in split_items(raw) if formalise(i)]
    if not items:
        return said(conversation, Reply(texts.NO_TEXT))
    if any(len(i) > answers.MAX_TEXT for i in items):
        too_long = texts.TOO_LONG.format(length=max(map(len, items)), limit=answers.MAX_TEXT)
        return said(conversation, Reply(too_long))
    current = conversation.statements(role)
    known = {normal(formalise(t)) for t in current}
    fresh = [i for i in dict.fromkeys(items) if normal(formalise(i)) not in known]
    if not fresh:
        return said(conversation, Reply(texts.statement_repeated(role.value)))
    statements = current + tuple(fresh)
    changed = conversation.remembered().with_statements(role, statements, auto=False)
    return said(changed, Reply(texts.statements_recorded(role.value, len(statements))))


def finish_statements(context: Context, conversation: Conversation) -> Outcome:
    """/done on problems or plans: nothing given means 自动; then on, or back to the draft."""
    role = role_of(conversation)
    conversation = conversation.remembered()
    if not (conversation.statements(role) or role in conversation.auto):
        conversation = conversation.with_statements(role, (), auto=True)
    if role is Role.PROBLEMS and conversation.after is After.DRAFT:
        return draft(context, go(conversation, "revised"))
    conversation = go(conversation, "done")
    if conversation.state is State.DONE:
        return draft(context, conversation)
    return said(conversation, ask=True)


# ------------------------------------------------------------------ buttons
# Each answers the list it was offered with; pressed on the other list's message, it has expired.


def press_pick(context: Context, conversation: Conversation, button: Button) -> Outcome:
    # Suggestions travel by number (Telegram allows 64 bytes of button data);
    # the text is the one offered with the conversation's current options.
    chosen = next((c for c in conversation.options if c.button == button), None)
    if button.value != conversation.state.value or chosen is None:
        return expired(conversation)
    return add_statements(context, conversation, chosen.label.removeprefix(texts.PICK))


def press_auto(context: Context, conversation: Conversation, button: Button) -> Outcome:
    if button.value != conversation.state.value:
        return expired(conversation)
    return add_statements(context, conversation, texts.AUTO_WORDS[0])


def press_finish(context: Context, conversation: Conversation, button: Button) -> Outcome:
    if button.value != conversation.state.value:
        return expired(conversation)
    return finish_statements(context, conversation)
