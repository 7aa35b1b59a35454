"""An organisation's own reports: kept in its folder, mined into its own bank, layered over
the bundled one.

Everything of one organisation lives under ``DATA_DIR/orgs/<org>/``: the files
as the writer sent them (``documents/``), their cleaned lines (``texts/``), the
record of what was imported and confirmed (``org.json``) and the bank mined
from all of them (``bank.json``). Each write replaces its file atomically
under the folder's flock. The own bank is mined exactly as the bundled corpus
is — numbers, dates, names become slots — except that quoted brands the
writer confirmed as the organisation's own are kept as wording.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import intake
from .bank import Bank
from .build import fingerprint
from .corpus import Document, Line
from .errors import CorruptDatabase, PhrasebankError, SourceError
from .files import file_lock, write_atomic
from .mining import mine, quoted_terms
from .outline import Outline, Role
from .store import load_bank, load_meta, save_bank
from .terms import load_terms
from .text import split_sentences
from .themes import load_lexicon

ORGS = "orgs"
# Plans offered from one earlier report at most; longer ones are cut at a sentence.
MAX_PLANS = 12
PLAN_LENGTH = 80
_PERIOD = re.compile(r"(20\d\d)年(?:度)?(第?[一二三四1-4]季度|上半年|下半年|前三季度)?")
_SPAN_ORDER = {"一": 1, "1": 1, "上半年": 2, "二": 2, "2": 2, "前三季度": 3, "三": 3, "3": 3}


@dataclass(frozen=True)
class Learned:
    """What one import added: its documents and phrases, what was skipped, brands to confirm."""

    documents: tuple[str, ...]
    by_kind: dict[str, int]
    by_theme: dict[str, int]
    skipped: tuple[SourceError, ...]
    brands: tuple[str, ...]  # quoted names not yet confirmed as the organisation's own

    @property
    def phrases(self) -> int:
        return sum(self.by_kind.values())


@dataclass(frozen=True)
class Earlier:
    """An earlier report of the organisation and the plans it ended with."""

    name: str
    title: str
    plans: tuple[str, ...]
    id: str = ""


def folder_name(org: str) -> str:
    """The organisation's folder: every character outside [a-z0-9_-] escaped, so two ids that
    differ only in case never share a folder on a case-insensitive file system."""
    return "".join(c if re.fullmatch(r"[a-z0-9_-]", c) else f"%{ord(c):04X}" for c in org)


class Library:
    """One organisation's own reports and bank."""

    def __init__(self, data_dir: Path, org: str) -> None:
        if not org.strip():
            raise PhrasebankError("组织代号不能为空")
        self.org = org
        self.folder = data_dir / ORGS / folder_name(org)
        self.bank_path = self.folder / "bank.json"
        self._record_path = self.folder / "org.json"
        self._lock = self.folder / ".lock"

    # ------------------------------------------------------------ reading

    def bank(self) -> Bank | None:
        """The organisation's own bank, or None before anything was imported.

        A bank mined by another version of the miner (or with other word lists) is
        mined again from the kept texts, as the bundled bank is.
        """
        if not self.bank_path.exists():
            return None
        if load_meta(self.bank_path).get("fingerprint") != fingerprint(()):
            with file_lock(self._lock):
                record = self.record()
                if record["documents"]:
                    return self._mine(record)
        return load_bank(self.bank_path)

    def revision(self) -> tuple[int, int]:
        """Changes whenever the own bank is written or removed."""
        try:
            stat = self.bank_path.stat()
        except FileNotFoundError:
            return (0, 0)
        return (stat.st_mtime_ns, stat.st_size)

    def record(self) -> dict[str, Any]:
        """What was imported and confirmed (org.json)."""
        try:
            data: dict[str, Any] = json.loads(self._record_path.read_text("utf-8"))
        except FileNotFoundError:
            return {"documents": [], "brands": [], "declined": []}
        except (ValueError, UnicodeDecodeError) as exc:
            raise CorruptDatabase(
                str(self._record_path), "已损坏，程序没有改动它；可以发送 /forget 删除后重新导入"
            ) from exc
        return data

    def pending_brands(self) -> tuple[str, ...]:
        record = self.record()
        decided = set(record["brands"]) | set(record["declined"])
        found = Counter[str]()
        for entry in record["documents"]:
            found.update(entry.get("quoted", ()))
        return tuple(sorted(q for q in found if q not in decided))

    def earlier_reports(self) -> tuple[Earlier, ...]:
        """The imported reports with plans, latest first (by the period in the title, then by
        import)."""
        entries = list(enumerate(e for e in self.record()["documents"] if e.get("plans")))
        entries.sort(key=lambda pair: (period_key(pair[1]["title"]), pair[0]), reverse=True)
        return tuple(Earlier(e["name"], e["title"], tuple(e["plans"]), e["id"]) for _, e in entries)

    def earlier(self, before: str | None = None) -> Earlier | None:
        """The latest earlier report with plans; with `before` (a period, 2026年上半年), the
        latest of a period before it."""
        return next(iter(before_period(self.earlier_reports(), before)), None)

    # ------------------------------------------------------------ writing

    def add(self, files: Sequence[tuple[Path, str]]) -> Learned:
        """Import `files` ((path, the name the writer gave it)); unusable ones are skipped.

        Nothing of a skipped file is kept; when nothing is usable, nothing changes.
        """
        with file_lock(self._lock):
            record = self.record()
            known = {e["sha1"] for e in record["documents"]}
            skipped: list[SourceError] = []
            added: list[tuple[dict[str, Any], Document, bytes]] = []
            for path, name in files:
                try:
                    data = path.read_bytes() if path.stat().st_size <= intake.MAX_BYTES else b""
                    document, outline = intake.read(path, name)
                except SourceError as exc:
                    skipped.append(exc)
                    continue
                except OSError as exc:
                    skipped.append(SourceError(name, f"无法读取（{exc.strerror or exc}）"))
                    continue
                # The same report is the same text: saved again, or sent as a PDF, it is
                # still the report imported before.
                digest = hashlib.sha1(document.text.encode("utf-8")).hexdigest()
                if digest in known:
                    skipped.append(SourceError(name, "这份报告已经导入过了"))
                    continue
                known.add(digest)
                # Recorded at once: the next file of this import gets the next number.
                entry = _entry(record, name, digest, outline, document)
                record["documents"].append(entry)
                added.append((entry, document, data))
            if not added:
                return Learned((), {}, {}, tuple(skipped), self.pending_brands())
            for entry, document, data in added:
                write_atomic(self.folder / "documents" / entry["file"], data)
                write_atomic(self.folder / "texts" / f"{entry['id']}.json", _lines_json(document))
            # The bank before the record: a crash in between leaves a record without the new
            # files, which a later import of them simply repeats.
            bank = self._mine(record)
            self._write_record(record)
        names = {entry["name"] for entry, _, _ in added}
        new = Bank(tuple(p for p in bank if any(s.document in names for s in p.sources)), (), ())
        return Learned(
            tuple(entry["name"] for entry, _, _ in added),
            new.by_kind(),
            new.by_theme(),
            tuple(skipped),
            self.pending_brands(),
        )

    def decide_brands(self, brands: Iterable[str], own: bool) -> None:
        """The writer says whether `brands` are the organisation's own; the bank follows."""
        with file_lock(self._lock):
            record = self.record()
            key = "brands" if own else "declined"
            record[key] = sorted(set(record[key]) | set(brands))
            if own and record["documents"]:
                self._mine(record)
            self._write_record(record)

    def forget(self) -> bool:
        """Delete the organisation's documents, texts, record and bank; False when there was
        nothing. The lock file stays: an import waiting for it then starts afresh."""
        if not self.folder.exists():
            return False
        with file_lock(self._lock):
            kept = [c for c in self.folder.iterdir() if c.name != self._lock.name]
            for child in kept:
                if child.is_dir():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        return bool(kept)

    def _mine(self, record: dict[str, Any]) -> Bank:
        documents = [self._document(entry) for entry in record["documents"]]
        terms = load_terms()
        terms = replace(terms, generic_quotes=terms.generic_quotes | set(record["brands"]))
        mined = mine(documents, terms=terms)
        bank = Bank(tuple(replace(p, own=True) for p in mined), mined.documents, mined.dictionary)
        meta = {"corpus": "own", "org": self.org, "fingerprint": fingerprint(())}
        save_bank(bank, self.bank_path, meta)
        return bank

    def _document(self, entry: dict[str, Any]) -> Document:
        rows = json.loads((self.folder / "texts" / f"{entry['id']}.json").read_text("utf-8"))
        lines = tuple(Line(number, text) for number, text in rows)
        return Document(entry["name"], entry["file"], entry["encoding"], lines)

    def _write_record(self, record: dict[str, Any]) -> None:
        data = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
        write_atomic(self._record_path, data)


def layered(own: Bank | None, bundled: Bank) -> Bank:
    """The organisation's bank over the bundled one: own phrases first; a bundled phrase the
    own bank also holds (the same wording) is the own one."""
    if own is None or not len(own):
        return bundled
    ids = {p.id for p in own}
    phrases = (*own.phrases, *(p for p in bundled if p.id not in ids))
    dictionary = tuple(sorted(set(own.dictionary) | set(bundled.dictionary)))
    return Bank(phrases, (*own.documents, *bundled.documents), dictionary)


def plans_of(outline: Outline) -> tuple[str, ...]:
    """What a report planned: its 下一步 section's subsection headings, or its items, or its
    sentences; each cut to its first sentence."""
    found: list[str] = []
    for section in outline.sections:
        if section.role is not Role.PLANS:
            continue
        parts = [s.heading for s in section.subsections]
        parts += [item.text for item in section.items]
        if not parts:
            parts = [s for p in section.paragraphs for s in split_sentences(p.text)]
        found.extend(_plan(part) for part in parts)
    return tuple(dict.fromkeys(p for p in found if len(p) >= 4))[:MAX_PLANS]


def _plan(text: str) -> str:
    first = next(iter(split_sentences(text)), text).strip()
    return first.rstrip("。；;，").strip()[:PLAN_LENGTH]


def _entry(
    record: dict[str, Any], name: str, digest: str, outline: Outline, document: Document
) -> dict[str, Any]:
    ids = {e["id"] for e in record["documents"]}
    number = len(ids) + 1
    while f"{number:03d}" in ids:
        number += 1
    identifier = f"{number:03d}"
    names = {e["name"] for e in record["documents"]}
    stem = shown = Path(name).stem
    copy = 1
    while shown in names:
        copy += 1
        shown = f"{stem}（{copy}）"
    lexicon = load_lexicon()
    generic = set(load_terms().generic_quotes) | set(lexicon.keywords())
    quoted = [
        q
        for q in quoted_terms([document])
        if q not in generic and not re.search(r"[\d*X，、·\s]", q) and len(q) <= 10
    ]
    return {
        "id": identifier,
        "sha1": digest,
        "name": shown,
        "file": f"{identifier}{Path(name).suffix.lower()}",
        "encoding": document.encoding,
        "title": outline.title or Path(name).stem,
        "year": outline.year,
        "plans": list(plans_of(outline)),
        "quoted": sorted(quoted),
    }


def _lines_json(document: Document) -> bytes:
    rows = [[line.number, line.text] for line in document.lines]
    return json.dumps(rows, ensure_ascii=False).encode("utf-8")


def before_period(reports: Iterable[Earlier], period: str | None) -> list[Earlier]:
    """The `reports` of a period before `period` (a report whose title names no period counts
    as earlier); all of them when `period` names none."""
    limit = period_key(period or "")
    if limit == (0, 0):
        return list(reports)
    return [r for r in reports if period_key(r.title) < limit]


def period_key(title: str) -> tuple[int, int]:
    """The period a title names as (year, order within the year); (0, 0) when it names none.
    A whole year sorts after its last quarter."""
    found = _PERIOD.search(title)
    if found is None:
        return (0, 0)
    span = found.group(2) or ""
    order = next((v for k, v in _SPAN_ORDER.items() if k in span), 5 if not span else 4)
    return (int(found.group(1)), order)
