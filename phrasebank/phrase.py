"""The phrase record: one stock formulation mined from the corpus."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .slots import FACT_SLOTS


class Kind(StrEnum):
    TITLE = "title"
    OPENING = "opening"
    SECTION_HEADING = "section_heading"
    HEADING = "heading"
    LEAD = "lead"
    SENTENCE = "sentence"
    EFFECT = "effect"
    PROBLEM = "problem"
    CAUSE = "cause"
    PLAN = "plan"
    INTRO = "intro"
    CLOSING = "closing"


# Kinds that carry a theme (DESIGN: work, problem and plan phrases).
THEMED_KINDS = frozenset(
    {Kind.HEADING, Kind.LEAD, Kind.SENTENCE, Kind.EFFECT, Kind.PROBLEM, Kind.CAUSE, Kind.PLAN}
)

KIND_LABELS = {
    Kind.TITLE: "标题",
    Kind.OPENING: "开头",
    Kind.SECTION_HEADING: "一级标题",
    Kind.HEADING: "二级标题",
    Kind.LEAD: "条目引语",
    Kind.SENTENCE: "常用句",
    Kind.EFFECT: "成效语",
    Kind.PROBLEM: "问题",
    Kind.CAUSE: "原因",
    Kind.PLAN: "措施",
    Kind.INTRO: "过渡语",
    Kind.CLOSING: "结尾",
}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a phrase was found: document, outline path (``二/（一）/三是``) and line."""

    document: str
    path: str
    line: int

    def label(self) -> str:
        return f"{self.document} {self.path} 第{self.line}行"


def phrase_id(kind: str, template: str) -> str:
    digest = hashlib.sha1(f"{kind}:{template}".encode()).hexdigest()[:8]
    return f"{kind}-{digest}"


# Slotted: a bank holds hundreds of thousands of these.
@dataclass(frozen=True, slots=True)
class Phrase:
    id: str
    kind: Kind
    theme: str | None
    role: str | None
    text: str
    template: str
    slots: tuple[str, ...]
    source: Source
    sources: tuple[Source, ...] = ()
    era: int | None = None
    stale: str | None = None
    trade: str | None = None
    keys: tuple[str, ...] = ()
    frequency: int = 1
    parent: str | None = None
    # Mined from the writer's own organisation's reports (phrasebank.own), not the bundled corpus.
    own: bool = False

    @property
    def fact_slots(self) -> tuple[str, ...]:
        return tuple(s for s in self.slots if s in FACT_SLOTS)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "kind": str(self.kind),
            "theme": self.theme,
            "role": self.role,
            "text": self.text,
            "template": self.template,
            "slots": list(self.slots),
            "source": _source_record(self.source),
            "sources": [_source_record(s) for s in self.sources],
            "era": self.era,
            "stale": self.stale,
            "trade": self.trade,
            "keys": list(self.keys),
            "frequency": self.frequency,
            "parent": self.parent,
        }
        if self.own:
            record["own"] = True
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Phrase:
        return cls(
            id=record["id"],
            kind=Kind(record["kind"]),
            theme=record["theme"],
            role=record.get("role"),
            text=record["text"],
            template=record["template"],
            slots=tuple(record["slots"]),
            source=Source(**record["source"]),
            sources=tuple(Source(**s) for s in record.get("sources", ())),
            era=record.get("era"),
            stale=record.get("stale"),
            trade=record.get("trade"),
            keys=tuple(record.get("keys", ())),
            frequency=record.get("frequency", 1),
            parent=record.get("parent"),
            own=record.get("own", False),
        )


def _source_record(source: Source) -> dict[str, Any]:
    return {"document": source.document, "path": source.path, "line": source.line}
