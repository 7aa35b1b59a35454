"""The mined phrasebank as a value: phrases, the documents they came from, the domain dictionary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast

from .phrase import Kind, Phrase


@dataclass(frozen=True)
class DocumentInfo:
    """What mining learned about one document."""

    name: str
    path: str
    encoding: str
    title: str | None
    year: int | None
    sections: tuple[tuple[str, str, str], ...]  # (marker, heading, role)
    warnings: tuple[str, ...]

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": self.path,
            "encoding": self.encoding,
            "title": self.title,
            "year": self.year,
            "sections": [list(s) for s in self.sections],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DocumentInfo:
        return cls(
            name=record["name"],
            path=record["path"],
            encoding=record["encoding"],
            title=record.get("title"),
            year=record.get("year"),
            sections=tuple((a, b, c) for a, b, c in record.get("sections", ())),
            warnings=tuple(record.get("warnings", ())),
        )


T = TypeVar("T")


class DerivedFiles(Protocol):
    """Where a bank keeps what is computed from it (:class:`phrasebank.cache.BankFiles`)."""

    def read(self, name: str) -> Any | None: ...

    def write(self, name: str, value: Any) -> bool: ...


@dataclass(frozen=True)
class Bank:
    phrases: tuple[Phrase, ...]
    documents: tuple[DocumentInfo, ...]
    dictionary: tuple[str, ...]
    _files: DerivedFiles | None = field(default=None, init=False, repr=False, compare=False)
    _derived: dict[str, Any] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Phrase] = field(init=False, repr=False, compare=False)
    _by_kind: dict[Kind, list[Phrase]] = field(init=False, repr=False, compare=False)
    _children: dict[str, list[Phrase]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_kind: dict[Kind, list[Phrase]] = {}
        children: dict[str, list[Phrase]] = {}
        for phrase in self.phrases:
            by_kind.setdefault(phrase.kind, []).append(phrase)
            if phrase.parent:
                children.setdefault(phrase.parent, []).append(phrase)
        object.__setattr__(self, "_derived", {})
        object.__setattr__(self, "_by_id", {p.id: p for p in self.phrases})
        object.__setattr__(self, "_by_kind", by_kind)
        object.__setattr__(self, "_children", children)

    def __len__(self) -> int:
        return len(self.phrases)

    def __iter__(self) -> Iterator[Phrase]:
        return iter(self.phrases)

    def get(self, phrase_id: str) -> Phrase | None:
        return self._by_id.get(phrase_id)

    def select(
        self,
        kinds: Iterable[Kind] | Kind | None = None,
        theme: str | None = None,
        role: str | None = None,
    ) -> list[Phrase]:
        if kinds is None:
            pool: Iterable[Phrase] = self.phrases
        else:
            wanted = [kinds] if isinstance(kinds, Kind) else list(kinds)
            pool = [p for kind in Kind if kind in wanted for p in self._by_kind.get(kind, ())]
        return [
            p
            for p in pool
            if (theme is None or p.theme == theme) and (role is None or p.role == role)
        ]

    def children(self, phrase_id: str) -> list[Phrase]:
        return list(self._children.get(phrase_id, ()))

    def by_kind(self) -> dict[str, int]:
        counts = Counter(str(p.kind) for p in self.phrases)
        return {str(k): counts[str(k)] for k in Kind if counts[str(k)]}

    def by_theme(self) -> dict[str, int]:
        counts = Counter(p.theme for p in self.phrases if p.theme)
        return dict(sorted(counts.items()))

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """Plain data computed from this bank by `build`, once per process and, for a bank
        loaded from a file, once per version of that file (kept in its cache folder).

        `name` must change whenever what `build` computes changes (code or data);
        the value must be marshal-able (str, int, float, bytes, tuples, lists, dicts).
        """
        if name in self._derived:
            return cast(T, self._derived[name])
        value = self._files.read(name) if self._files is not None else None
        if value is None:
            value = build()
            if self._files is not None:
                self._files.write(name, value)
        self._derived[name] = value
        return cast(T, value)
