"""Errors of the writer and the conversation; messages are Chinese sentences for the writer."""

from __future__ import annotations


class BotError(Exception):
    """Base class for everything bot/ reports to a writer."""


class InputError(BotError):
    """Something the writer typed cannot be used; the message says what to type instead."""


class AnswersError(BotError):
    """An answers file is malformed; the message names the field and what is expected."""

    def __init__(self, source: str, field: str, expected: str) -> None:
        super().__init__(f"{source}：字段 {field} {expected}")
        self.field = field


class ConfigError(BotError):
    """The bot's configuration is missing or malformed."""


class StateError(BotError):
    """The conversation store cannot be read or written."""
