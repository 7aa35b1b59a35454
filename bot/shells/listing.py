"""Listings the command line prints: mined counts, phrases, classified activities."""

from __future__ import annotations

import re
from typing import Any

from bot.writer.subtopics import Subtopic
from phrasebank.bank import DocumentInfo
from phrasebank.matching import Classification, Matcher
from phrasebank.phrase import KIND_LABELS, Kind, Phrase
from phrasebank.text import CONTROL
from phrasebank.themes import THEME_IDS, Lexicon

from .tables import table, width, wrap


def counts_tables(by_kind: dict[str, int], by_theme: dict[str, int], lexicon: Lexicon) -> str:
    """How many phrases of each kind and of each theme a bank holds, as two tables."""
    kinds = [[KIND_LABELS[Kind(k)], k, str(n)] for k, n in by_kind.items()]
    themes = [[lexicon.label(t), t, str(by_theme.get(t, 0))] for t in THEME_IDS]
    return "\n\n".join(
        [
            table(["类别", "代码", "数量"], kinds, flexible=0),
            table(["主题", "代码", "数量"], themes, flexible=0),
        ]
    )


MIN_PHRASE_COLUMNS = 40  # narrower than this, a phrase is read a few characters a line


def phrase_table(found: list[Phrase], lexicon: Lexicon, columns: int) -> str:
    """Phrases with their kind, theme and where they were found, fitting `columns`.

    In a narrow terminal the phrase gets lines of its own, as wide as the
    terminal, under a line with its id, kind, theme and source.
    """
    rows = [_phrase_row(p, lexicon) for p in found]
    others = [max(width(h), *(width(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
    room = columns - sum(w for i, w in enumerate(others) if i != PHRASE) - 2 * (len(HEADERS) - 1)
    if room >= min(MIN_PHRASE_COLUMNS, others[PHRASE]):
        return table(HEADERS, rows, total=columns, flexible=PHRASE)
    indent = "  "
    blocks = []
    for row in rows:
        head = "  ".join(cell for i, cell in enumerate(row) if i != PHRASE)
        body = [indent + line for line in wrap(row[PHRASE], max(10, columns - len(indent)))]
        blocks.append("\n".join([head, *body]))
    return "\n\n".join(blocks)


HEADERS = ["编号", "类别", "主题", "短语", "出处"]
PHRASE = 3


def _phrase_row(phrase: Phrase, lexicon: Lexicon) -> list[str]:
    source = phrase.source
    where = f"{source.document[:3]} {source.path} 第{source.line}行"
    if phrase.frequency > 1:
        where += f" 等{phrase.frequency}处"
    theme = lexicon.label(phrase.theme) if phrase.theme else "—"
    mark = "（旧提法）" if phrase.stale else ""
    return [phrase.id, KIND_LABELS[phrase.kind], theme, phrase.text + mark, where]


def classification_record(
    text: str, result: Classification, matcher: Matcher, subtopic: Subtopic | None
) -> dict[str, Any]:
    """One classified activity as a JSON object: its theme and sub-topic, the leads of
    that sub-topic (the alternatives /swap offers) and the phrases it would draw on."""
    leads = matcher.best(Kind.LEAD, result.theme, text, 3)
    effects = matcher.best(Kind.EFFECT, result.theme, text, 2)
    return {
        "text": text,
        "theme": result.theme,
        "subtopic": subtopic.id if subtopic else None,
        "subtopic_label": subtopic.label if subtopic else None,
        "leads": list(subtopic.leads) if subtopic else [],
        "confidence": result.confidence,
        "low_confidence": result.low,
        "alternatives": [{"theme": t, "share": round(s, 3)} for t, s in result.ranking[:3]],
        "phrases": [{"id": p.id, "kind": str(p.kind), "text": p.text} for p in leads + effects],
    }


def one_line(text: str) -> str:
    """A line as printed back: no tabs or control characters to break the columns."""
    return re.sub(f"[\t\n{CONTROL}]+", " ", text).strip()


# What mining noticed in each document, at most this many lines a document.
NOTES_PER_DOCUMENT = 5


def document_notes(documents: tuple[DocumentInfo, ...]) -> list[str]:
    """What mining noticed in the writer's own documents (a skipped number, …), briefly."""
    lines = []
    for info in documents:
        lines += [f"提示 {info.name}：{w}" for w in info.warnings[:NOTES_PER_DOCUMENT]]
        if len(info.warnings) > NOTES_PER_DOCUMENT:
            more = len(info.warnings) - NOTES_PER_DOCUMENT
            lines.append(f"提示 {info.name}：另有 {more} 条类似提示，从略")
    return lines
