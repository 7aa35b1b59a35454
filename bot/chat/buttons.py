"""The button payload: one typed value, one encoding, within Telegram's 64 bytes.

A :class:`Button` travels as Telegram's ``callback_data`` (and is stored with
the conversation's last choices), so its encoding is the old ``kind:value``
form: buttons on messages sent before an upgrade still work. Data that cannot
be decoded — a button of a kind that no longer exists, a damaged key — decodes
to None, which the conversation answers with "this button has expired".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MAX_BYTES = 64  # Telegram's limit on callback_data


class Kind(StrEnum):
    UNIT = "unit"  # value: a unit, or "remembered" for the profile's
    PERIOD = "period"  # value: a period label
    GENRE = "genre"  # value: a genre id
    THEME = "theme"  # key: an entry; value: a theme id
    RETHEME = "retheme"  # key: an entry
    SWAP = "swap"  # key: an entry
    DEL = "del"  # key: an entry
    MORE = "more"  # key: an entry whose details the writer's next message adds
    PICK = "pick"  # value: a role; key: the suggestion's number
    AUTO = "auto"  # value: a role
    DONE = "done"  # value: a role
    REVISE = "revise"  # value: the state to revise
    KIND = "kind"  # value: a kind of unit (data/units.toml)
    BRANDS = "brands"  # value: yes or no — the quoted names found are the organisation's own
    FORGET = "forget"  # value: yes or no — delete the organisation's own reports
    CHECK = "check"  # value: done, not or skip; key: the earlier plan's number
    EARLIER = "earlier"  # value: an imported report's id — use its plans for the checklist


# Questions answered once: the adapter takes their buttons away after a press.
ONCE = frozenset(
    {
        Kind.UNIT,
        Kind.PERIOD,
        Kind.GENRE,
        Kind.THEME,
        Kind.KIND,
        Kind.BRANDS,
        Kind.FORGET,
        Kind.CHECK,
    }
)
# How each kind lays out its parts after "kind:".
_KEY_ONLY = frozenset({Kind.RETHEME, Kind.SWAP, Kind.DEL, Kind.MORE})
REMEMBERED = "remembered"


@dataclass(frozen=True)
class Button:
    """What a button means; `key` names an entry (or a suggestion's number for PICK)."""

    kind: Kind
    value: str = ""
    key: int | None = None

    @property
    def once(self) -> bool:
        return self.kind in ONCE

    def encode(self) -> str:
        if self.kind in _KEY_ONLY:
            data = f"{self.kind}:{self.key}"
        elif self.kind is Kind.THEME:
            data = f"{self.kind}:{self.key}:{self.value}"
        elif self.kind in (Kind.PICK, Kind.CHECK):
            data = f"{self.kind}:{self.value}:{self.key}"
        else:
            data = f"{self.kind}:{self.value}"
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"button data over {MAX_BYTES} bytes: {data!r}")
        return data


def decode(data: str) -> Button | None:
    """The button `data` encodes, or None when it is not (or no longer) a button of ours."""
    name, _, rest = data.partition(":")
    try:
        kind = Kind(name)
        if kind in _KEY_ONLY:
            return Button(kind, key=_key(rest))
        if kind is Kind.THEME:
            key, _, theme = rest.partition(":")
            return Button(kind, theme, _key(key)) if theme else None
        if kind in (Kind.PICK, Kind.CHECK):
            role, _, number = rest.partition(":")
            return Button(kind, role, _key(number))
    except ValueError:
        return None
    return Button(kind, rest)


def _key(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise ValueError(text)
    return int(text)
