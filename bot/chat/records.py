"""The stored form of a conversation: plain JSON, and back.

Format 3 is what this code writes: each undo snapshot holds only what differs
from the state after it, and an activity it shares with that state is just its
key, so a full undo history costs a few hundred bytes, not ten copies of the
conversation. Format 2 records (full snapshots) and format 1 records (and the
snapshots inside them), written before the conversation kept `auto` and
`after`, still load: their `problems_auto`/`plans_auto`/`revising` flags are
read into the new fields, and their never-read `drafted` flag is dropped.
"""

from __future__ import annotations

from dataclasses import asdict
from enum import Enum
from typing import Any, TypeVar

from . import texts
from .buttons import decode
from .conversation import Choice, Conversation, Entry, Reply
from .states import After, Role, State

FORMAT = 3

Record = dict[str, Any]
E = TypeVar("E", bound=Enum)


class UnknownValue(ValueError):
    """A stored state, role or flag this code does not know; the message says which."""


def to_record(conversation: Conversation) -> Record:
    return {
        "format": FORMAT,
        "user": conversation.user,
        **_content(conversation),
        "undo": _deltas(conversation),
        "last_update": conversation.last_update,
        "last_replies": [_reply(r) for r in conversation.last_replies],
    }


def from_record(record: Record) -> Conversation:
    user = record["user"]
    return Conversation(
        user=user,
        **_from_content(record),
        undo=tuple(Conversation(user=user, **_from_content(s)) for s in _snapshots(record)),
        last_update=record.get("last_update"),
        last_replies=tuple(
            Reply(r["text"], _choices(r.get("choices", ())), bool(r.get("document", False)))
            for r in record.get("last_replies", ())
        ),
    )


def _deltas(conversation: Conversation) -> list[Record]:
    """The undo snapshots, oldest first, each as its difference from the state after it."""
    newer = _content(conversation)
    deltas = []
    for snapshot in reversed(conversation.undo):
        content = _content(snapshot)
        delta = {key: value for key, value in content.items() if newer[key] != value}
        if "entries" in delta:
            same = {e["key"]: e for e in newer["entries"]}
            delta["entries"] = [
                e["key"] if same.get(e["key"]) == e else e for e in delta["entries"]
            ]
        deltas.append(delta)
        newer = content
    return deltas[::-1]


def _snapshots(record: Record) -> list[Record]:
    """The undo snapshots of `record` as whole contents, oldest first."""
    stored = record.get("undo", ())
    if record.get("format", 1) < 3:
        return list(stored)
    newer = record
    snapshots = []
    for delta in reversed(stored):
        content = {**newer, **delta}
        if "entries" in delta:
            by_key = {e["key"]: e for e in newer["entries"]}
            content["entries"] = [by_key[e] if isinstance(e, int) else e for e in delta["entries"]]
        snapshots.append(content)
        newer = content
    return snapshots[::-1]


def _content(conversation: Conversation) -> Record:
    """What an undo snapshot holds: everything but the user, the undo stack and the last update."""
    return {
        "state": conversation.state.value,
        "unit": conversation.unit,
        "period": conversation.period,
        "genre": conversation.genre,
        "entries": [asdict(e) for e in conversation.entries],
        "problems": list(conversation.problems),
        "plans": list(conversation.plans),
        "auto": sorted(role.value for role in conversation.auto),
        "after": conversation.after.value,
        "options": [_choice(c) for c in conversation.options],
        "next_key": conversation.next_key,
        "reminded": conversation.reminded,
        "kind": conversation.kind,
        "name": conversation.name,
        "checklist": list(conversation.checklist),
        "checklist_title": conversation.checklist_title,
        "checked": conversation.checked,
        "pending": conversation.pending,
        "unmet": list(conversation.unmet),
        "adding": conversation.adding,
    }


def _from_content(data: Record) -> dict[str, Any]:
    if "auto" in data:
        auto = frozenset(_known(Role, role) for role in data["auto"])
    else:  # format 1
        auto = frozenset(role for role in Role if data.get(f"{role.value}_auto"))
    after = data.get("after", After.DRAFT if data.get("revising") else After.NEXT)
    return {
        "state": _known(State, data.get("state", "idle")),
        "unit": data.get("unit"),
        "period": data.get("period"),
        "genre": data.get("genre"),
        "entries": tuple(Entry(**e) for e in data.get("entries", ())),
        "problems": tuple(data.get("problems", ())),
        "plans": tuple(data.get("plans", ())),
        "auto": auto,
        "after": _known(After, after),
        "options": _choices(data.get("options", ())),
        "next_key": int(data.get("next_key", 1)),
        "reminded": bool(data.get("reminded", False)),
        "kind": data.get("kind"),
        "name": data.get("name"),
        "checklist": tuple(data.get("checklist", ())),
        "checklist_title": data.get("checklist_title"),
        "checked": int(data.get("checked", 0)),
        "pending": data.get("pending"),
        "unmet": tuple(data.get("unmet", ())),
        "adding": data["adding"] if isinstance(data.get("adding"), int) else None,
    }


def _known(kind: type[E], value: Any) -> E:
    """`value` as a member of `kind`; a value this code does not know is a damaged record."""
    try:
        return kind(value)
    except ValueError:
        raise UnknownValue(texts.unknown_value(value)) from None


def _choice(choice: Choice) -> Record:
    return {"label": choice.label, "data": choice.data}


def _choices(records: Any) -> tuple[Choice, ...]:
    # A stored button this code no longer understands is simply not offered again.
    decoded = ((c["label"], decode(c["data"])) for c in records)
    return tuple(Choice(label, button) for label, button in decoded if button is not None)


def _reply(reply: Reply) -> Record:
    return {
        "text": reply.text,
        "choices": [_choice(c) for c in reply.choices],
        "document": reply.document,
    }
