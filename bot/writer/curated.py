"""Choosing among curated wording (data/subtopics.toml): one option not yet said, the
same for the same draft, filled for the unit."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from .report import Sentence

if TYPE_CHECKING:
    from .compose import Drafting


class Curated:
    """A part of a draft that says curated wording; `d` is the draft in progress."""

    d: Drafting

    def curated(
        self,
        options: tuple[str, ...],
        source: str,
        variant: int = 0,
        keep: Callable[[str], bool] | None = None,
        shape: Callable[[str], str] | None = None,
    ) -> Sentence | None:
        """One of the curated `options` not yet said, the same for the same draft.

        `keep` passes over options (by their template), `shape` rewrites the kept
        ones before filling; the source names the option's place in the data.
        """
        found = candidates(self.d, options, source, variant, keep, shape)
        return self.commit(found[0]) if found else None

    def commit(self, sentence: Sentence) -> Sentence:
        """`sentence` said: the draft's ledger holds it."""
        self.d.ledger.use(sentence.text)
        return sentence


def candidates(
    d: Drafting,
    options: tuple[str, ...],
    source: str,
    variant: int = 0,
    keep: Callable[[str], bool] | None = None,
    shape: Callable[[str], str] | None = None,
) -> list[Sentence]:
    """The usable `options` for draft `d`, filled, in its order of preference: not said
    yet, fit for the unit, starting at the draft's own place (nothing used)."""
    usable = []
    for number, template in enumerate(options, start=1):
        if keep is not None and not keep(template):
            continue
        text = d.fit.fill(shape(template) if shape else template)
        if text and _doubled(template, text):
            continue
        if text and d.ledger.is_new(text) and not d.fit.forbids(text):
            usable.append(Sentence(text, (f"{source}:{number}",)))
    if not usable:
        return []
    start = (d.seed + zlib.crc32(source.encode()) + variant) % len(usable)
    return usable[start:] + usable[:start]


# A lead this short says each of its words once.
_SHORT = 16


def _doubled(template: str, text: str) -> bool:
    """Whether short `text` says a word of its `template` twice, the unit's words filled in
    (服务保障{中心工作} of a 血站 is 服务保障血液保障工作, round DA)."""
    if len(text) > _SHORT:
        return False
    own = re.sub(r"\{[^}]*\}", "|", template)
    words = {own[i : i + 2] for i in range(len(own) - 1)}
    return any("|" not in word and text.count(word) > own.count(word) for word in words)
