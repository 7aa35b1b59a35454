"""Which organisation a writer belongs to, and the composer that writes for it.

An organisation's own bank (:mod:`phrasebank.own`) is used for its writers
only: each writer's drafts come from a composer over the bundled bank with
that organisation's bank layered on top, and nobody else's. A writer belongs
to the organisation `members` names (config.toml's ``[orgs]`` table), else to
one of their own. Composers are cached per organisation and rebuilt when its
bank changes (another process may have imported a report).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from pathlib import Path

from bot.writer.compose import Composer
from phrasebank.bank import Bank
from phrasebank.errors import PhrasebankError
from phrasebank.own import Earlier, Library, layered

log = logging.getLogger(__name__)


def default_org(user: str) -> str:
    """The organisation of a writer no table names: a console writer's name, else the key."""
    kind, _, name = user.partition(":")
    return name if kind == "console" else user.replace(":", "-")


class Organisations:
    """Maps writers to organisations and organisations to their composers."""

    def __init__(
        self,
        data_dir: Path | None,
        bundled: Bank,
        members: Mapping[str, str] | None = None,
        base: Composer | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.bundled = bundled
        self.members = dict(members or {})
        self.base = base or Composer(bundled)
        self._cache: dict[str, tuple[tuple[int, int], Composer]] = {}
        self._lock = threading.Lock()

    def org_of(self, user: str) -> str:
        return self.members.get(user) or default_org(user)

    def library(self, user: str) -> Library | None:
        """The writer's organisation's library; None without a data directory."""
        if self.data_dir is None:
            return None
        return Library(self.data_dir, self.org_of(user))

    def composer(self, user: str) -> Composer:
        """The composer for the writer's organisation: the bundled one until it imports."""
        library = self.library(user)
        if library is None:
            return self.base
        revision = library.revision()
        if revision == (0, 0):
            return self.base
        with self._lock:
            cached = self._cache.get(library.org)
            if cached is not None and cached[0] == revision:
                return cached[1]
        try:
            own = library.bank()
        except PhrasebankError:
            # A damaged own bank must not stop the writer: drafts go on from the bundled one.
            log.exception("the own bank of %s cannot be read; drafting without it", library.org)
            return self.base
        composer = Composer(layered(own, self.bundled))
        with self._lock:
            self._cache[library.org] = (revision, composer)
        return composer

    def earlier_reports(self, user: str) -> tuple[Earlier, ...]:
        """The organisation's imported reports with plans, latest first."""
        library = self.library(user)
        return library.earlier_reports() if library is not None else ()

    def forget(self, user: str) -> bool:
        library = self.library(user)
        if library is None:
            return False
        with self._lock:
            self._cache.pop(library.org, None)
        return library.forget()

    def decide_brands(self, user: str, own: bool) -> tuple[str, ...]:
        """The pending brands of the writer's organisation, now decided; which they were."""
        library = self.library(user)
        if library is None:
            return ()
        pending = library.pending_brands()
        if pending:
            library.decide_brands(pending, own)
        return pending
