"""Rendering a report: plain text, Markdown, Telegram-sized messages, or explained by sentence."""

from __future__ import annotations

import re

from phrasebank.bank import Bank

from .report import Paragraph, Report, layout

TELEGRAM_LIMIT = 4096
INDENT = "\u3000\u3000"  # two full-width spaces: the first-line indent of 公文


def to_text(report: Report, indent: bool = True) -> str:
    """The report as plain text, one paragraph a line, body paragraphs indented like 公文."""
    lines: list[str] = []
    for paragraph in layout(report):
        if paragraph.style == "title":
            lines.extend((paragraph.text, ""))
        elif paragraph.style == "signature" or not indent:
            lines.append(paragraph.text)
        else:
            lines.append(INDENT + paragraph.text)
    return "\n".join(lines)


def todo_text(report: Report) -> str:
    """The list of what the writer still has to fill in, or an empty string."""
    if not report.todo:
        return ""
    items = "\n".join(f"{i}. {item}" for i, item in enumerate(report.todo, start=1))
    return f"待补充（请在定稿前填写或核对）：\n{items}"


def to_markdown(report: Report) -> str:
    marks = {"title": "# ", "heading1": "## ", "heading2": "### "}
    out = []
    for paragraph in layout(report):
        text = _escape(paragraph.text)
        if paragraph.style == "signature":
            out.append(f'<p align="right">{text}</p>')
        else:
            out.append(marks.get(paragraph.style, "") + text)
    if report.todo:
        out.append("---")
        out.append("**待补充**")
        out.extend(f"{i}. {_escape(item)}" for i, item in enumerate(report.todo, start=1))
    return "\n\n".join(out) + "\n"


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]#|<>])", r"\\\1", text)


def explain(report: Report, bank: Bank) -> str:
    """Every sentence of the report with where it came from."""
    out = []
    for paragraph in layout(report):
        out.append(paragraph.text if paragraph.style != "body" else INDENT + paragraph.text)
        out.extend(_sources(paragraph, bank))
    return "\n".join(out)


def _sources(paragraph: Paragraph, bank: Bank) -> list[str]:
    lines = []
    for sentence in paragraph.sentences:
        if not sentence.sources:
            continue
        labels = "；".join(_source_label(s, bank) for s in sentence.sources)
        lines.append(f"    ├ {sentence.text}\n    │   来源：{labels}")
    return lines


_WRITER = {
    "activity": "第{}项工作（您的原话）",
    "problem": "第{}条问题（您的原话）",
    "plan": "第{}条措施（您的原话）",
    "unmet": "第{}条未落实的上期打算（您说明的原因）",
    "earlier": "答复上期打算“{}”",
}


def _source_label(source: str, bank: Bank) -> str:
    kind, _, value = source.partition(":")
    if kind in _WRITER:
        return _WRITER[kind].format(value)
    if kind == "genre":
        return f"报告格式（{value}）"
    if kind == "theme":
        return f"主题通用表述（{value}）"
    phrase = bank.get(source)
    if phrase is None:
        return source
    where = phrase.source.label()
    more = f"，另见{phrase.frequency - 1}处" if phrase.frequency > 1 else ""
    # The organisation's own earlier reports are named as such: the writer knows them.
    bank_name = "本单位报告" if phrase.own else "短语库"
    return f"{bank_name} {phrase.id}（{where}{more}）"


def chunks(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """`text` cut into messages of at most `limit` characters, at paragraph boundaries.

    A paragraph longer than a message is cut between sentences, and only a
    sentence longer than a message is cut inside.
    """
    messages: list[str] = []
    current = ""
    for piece in _pieces(text, limit):
        candidate = f"{current}\n{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        current = piece
    if current:
        messages.append(current)
    return messages


def _pieces(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    for paragraph in text.split("\n"):
        if len(paragraph) <= limit:
            pieces.append(paragraph)
            continue
        sentences = re.findall(r"[^。！？!?]*[。！？!?]|[^。！？!?]+$", paragraph)
        current = ""
        for sentence in sentences:
            if len(current) + len(sentence) <= limit:
                current += sentence
                continue
            if current:
                pieces.append(current)
            rest = sentence
            while len(rest) > limit:
                pieces.append(rest[:limit])
                rest = rest[limit:]
            current = rest
        if current:
            pieces.append(current)
    return pieces
