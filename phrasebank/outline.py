"""Parsing a report into its outline: title, opening, level-1 sections with roles,
level-2 subsections and items (一是…二是…).

Reports in the corpus mark levels with ``一、`` and ``（一）``; a level-2 heading
stands alone on its line or opens a paragraph (``（一）标题。正文…``); items run
inline in a paragraph or one per line, and may nest (``二是…一是…二是…三是…``).
Numbering gaps are tolerated and reported as warnings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from typing import Any

from .corpus import Document, Line
from .text import NUMERALS, any_of, chinese_number, numeral, read_data, split_sentences, starts

_NUM = f"[{NUMERALS}]{{1,3}}"
LEVEL1 = re.compile(rf"^({_NUM})[、，,．.]\s*(.*)$")
LEVEL2 = re.compile(rf"^[（(]({_NUM})[）)]\s*(.*)$")
ITEM = re.compile(rf"(?:^|(?<=[。；：！？]))\s*({_NUM})(?:是|要|是要)(?=\S)")

LEAD_MAX = 30
HEADING_MAX = 60


class Role(StrEnum):
    """What a part of a report does."""

    OPENING = "opening"
    OVERVIEW = "overview"
    WORK = "work"
    PROBLEMS = "problems"
    CAUSES = "causes"
    PLANS = "plans"
    CLOSING = "closing"


@cache
def cues() -> dict[str, Any]:
    """``data/cues.toml``: the words that tell what a part of a report does."""
    return read_data("phrasebank.data", "cues.toml")


# Checked in order; the first match wins (see data/cues.toml).
_ROLE_CUES = tuple((Role(row["role"]), any_of(row["words"])) for row in cues()["role"])
_CAUSE_PARAGRAPH = starts(cues()["cause_paragraph"]["starts"])
_CLOSING_CUE = any_of(cues()["closing"]["words"])


def role_of(heading: str) -> Role:
    """The role of a level-1 section, from the wording of its heading."""
    for role, cue in _ROLE_CUES:
        if cue.search(heading):
            return role
    return Role.WORK


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    lead: str | None
    body: str
    line: int
    children: tuple[Item, ...] = ()

    @property
    def marker(self) -> str:
        return f"{chinese_number(self.number)}是"


@dataclass(frozen=True)
class Paragraph:
    line: int
    intro: str
    items: tuple[Item, ...]
    role: Role | None = None

    @property
    def text(self) -> str:
        return self.intro + "".join(f"{i.marker}{i.text}" for i in self.items)


@dataclass(frozen=True)
class Subsection:
    number: int
    heading: str
    line: int
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def marker(self) -> str:
        return f"（{chinese_number(self.number)}）"

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for p in self.paragraphs for item in p.items)


@dataclass(frozen=True)
class Section:
    number: int
    heading: str
    role: Role
    line: int
    paragraphs: tuple[Paragraph, ...] = ()
    subsections: tuple[Subsection, ...] = ()

    @property
    def marker(self) -> str:
        return f"{chinese_number(self.number)}、"

    @property
    def items(self) -> tuple[Item, ...]:
        """Items directly in the section, outside its subsections."""
        return tuple(item for p in self.paragraphs for item in p.items)


@dataclass(frozen=True)
class Outline:
    document: str
    title: str | None
    title_line: int | None
    opening: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    closing: tuple[Paragraph, ...]
    year: int | None
    warnings: tuple[str, ...] = ()

    def roles(self) -> list[Role]:
        return [s.role for s in self.sections]


# ------------------------------------------------------------------ items


def parse_paragraph(text: str, line: int, warnings: list[str] | None = None) -> Paragraph:
    """Split a paragraph into its intro and its (possibly nested) items."""
    marks = [(m.start(), m.end(), numeral(m.group(1))) for m in ITEM.finditer(text)]
    if not marks:
        return Paragraph(line, text, ())
    intro = text[: marks[0][0]].strip()
    # Each mark's own text runs up to the next mark, whatever its level.
    spans = [
        (num, text[end : marks[k + 1][0] if k + 1 < len(marks) else len(text)].strip())
        for k, (_start, end, num) in enumerate(marks)
    ]
    items = _nest(spans, line, warnings)
    return Paragraph(line, intro, tuple(items))


@dataclass
class _Node:
    number: int
    text: str
    children: list[_Node] = field(default_factory=list)


def _nest(spans: list[tuple[int, str]], line: int, warnings: list[str] | None) -> list[Item]:
    root: list[_Node] = []
    stack: list[tuple[list[_Node], int]] = [(root, spans[0][0])]
    for number, text in spans:
        siblings, expected = stack[-1]
        if number == expected or not siblings:
            pass
        elif number == 1:
            stack.append((siblings[-1].children, 1))
        elif any(number == exp for _, exp in stack[:-1]):
            while stack[-1][1] != number:
                stack.pop()
        elif number > expected:
            if warnings is not None:
                gap = f"{chinese_number(expected)}是 之后是 {chinese_number(number)}是"
                warnings.append(f"第{line}行：条目编号不连续，{gap}")
        else:
            # A number already used at this level: ordinary text, not an item.
            siblings[-1].text += f"{chinese_number(number)}是{text}"
            continue
        siblings = stack[-1][0]
        siblings.append(_Node(number, text))
        stack[-1] = (siblings, number + 1)
    return [_freeze(node, line) for node in root]


def _freeze(node: _Node, line: int) -> Item:
    lead, body = split_lead(node.text)
    children = tuple(_freeze(child, line) for child in node.children)
    return Item(node.number, node.text, lead, body, line, children)


def split_lead(text: str) -> tuple[str | None, str]:
    """An item's short lead sentence (without its 。) and the rest, when it has one."""
    sentences = split_sentences(text)
    if not sentences:
        return None, ""
    first = sentences[0]
    if first[-1] in "。！？" and len(first) <= LEAD_MAX + 1:
        return first[:-1], "".join(sentences[1:])
    return None, text


def split_heading(rest: str) -> tuple[str, str]:
    """Heading and body of a level-2 line (``标题。正文`` or a bare heading)."""
    sentences = split_sentences(rest)
    if len(sentences) <= 1 and not rest.endswith("。"):
        return rest.rstrip("：:。"), ""
    first = sentences[0]
    body = "".join(sentences[1:])
    if len(first) > HEADING_MAX:
        clause = first.split("，", 1)[0]
        return clause, first[len(clause) + 1 :] + body
    return first.rstrip("。"), body


# ---------------------------------------------------------------- outline

_TITLE_PUNCT = re.compile(r"[。，；：！？]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")


def _title_lines(lines: tuple[Line, ...]) -> int:
    count = 0
    for line in lines[:3]:
        text = line.text
        if _TITLE_PUNCT.search(text) or len(text) > 64 or LEVEL1.match(text) or LEVEL2.match(text):
            break
        count += 1
    return count


def _document_year(
    title: str | None, opening: list[Paragraph], lines: tuple[Line, ...]
) -> int | None:
    for text in [title or "", *(p.text for p in opening)]:
        if m := _YEAR.search(text):
            return int(m.group(1))
    years = Counter(int(y) for line in lines for y in _YEAR.findall(line.text))
    return years.most_common(1)[0][0] if years else None


@dataclass
class _Builder:
    sections: list[Section] = field(default_factory=list)
    opening: list[Paragraph] = field(default_factory=list)
    subsections: list[Subsection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def close_section(self) -> None:
        if self.sections and self.subsections:
            self.sections[-1] = replace(self.sections[-1], subsections=tuple(self.subsections))
        self.subsections = []

    def add_paragraph(self, paragraph: Paragraph) -> None:
        if not self.sections:
            self.opening.append(paragraph)
            return
        section = self.sections[-1]
        if paragraph.role is Role.CAUSES or not self.subsections:
            self.sections[-1] = replace(section, paragraphs=(*section.paragraphs, paragraph))
        else:
            last = self.subsections[-1]
            self.subsections[-1] = replace(last, paragraphs=(*last.paragraphs, paragraph))


def parse(document: Document) -> Outline:
    """The outline of a document. Never fails: what it cannot place is kept as text."""
    lines = document.lines
    n_title = _title_lines(lines)
    title = "".join(line.text for line in lines[:n_title]) or None
    title_line = lines[0].number if n_title else None
    b = _Builder()
    for line in lines[n_title:]:
        _parse_line(line, b)
    b.close_section()
    sections, closing = _split_closing(b.sections)
    if not sections:
        b.warnings.append("未识别到一级标题（一、二、三……），只按句子提取")
    year = _document_year(title, b.opening, lines)
    return Outline(
        document=document.name,
        title=title,
        title_line=title_line,
        opening=tuple(b.opening),
        sections=tuple(sections),
        closing=tuple(closing),
        year=year,
        warnings=tuple(b.warnings),
    )


def _parse_line(line: Line, b: _Builder) -> None:
    text = line.text
    if m := LEVEL1.match(text):
        b.close_section()
        number = numeral(m.group(1))
        heading, _, rest = m.group(2).partition("。")
        if b.sections and number != b.sections[-1].number + 1:
            gap = f"{b.sections[-1].marker} 之后是 {chinese_number(number)}、"
            b.warnings.append(f"第{line.number}行：一级标题编号不连续，{gap}")
        b.sections.append(Section(number, heading.strip(), role_of(heading), line.number))
        if rest.strip():
            b.add_paragraph(parse_paragraph(rest.strip(), line.number, b.warnings))
        return
    if (m := LEVEL2.match(text)) and b.sections:
        number = numeral(m.group(1))
        heading, body = split_heading(m.group(2).strip())
        if b.subsections and number != b.subsections[-1].number + 1:
            gap = f"{b.subsections[-1].marker} 之后是 （{chinese_number(number)}）"
            b.warnings.append(f"第{line.number}行：二级标题编号不连续，{gap}")
        b.subsections.append(Subsection(number, heading, line.number))
        if body:
            b.add_paragraph(parse_paragraph(body, line.number, b.warnings))
        return
    paragraph = parse_paragraph(text, line.number, b.warnings)
    if (
        b.sections
        and b.sections[-1].role in (Role.PROBLEMS, Role.CAUSES)
        and _CAUSE_PARAGRAPH.match(text)
    ):
        paragraph = replace(paragraph, role=Role.CAUSES)
    b.add_paragraph(paragraph)


def _split_closing(sections: list[Section]) -> tuple[list[Section], list[Paragraph]]:
    """Move a final summing-up paragraph out of the last work section.

    Some reports (003) end with a paragraph that sums up, names the problems
    (``但工作中还存在不足，例如：…``) and looks ahead, written right after the
    last subsection of a work section rather than under a heading of its own.
    """
    if not sections or sections[-1].role not in (Role.WORK, Role.OVERVIEW):
        return sections, []
    last = sections[-1]
    container: Section | Subsection = last.subsections[-1] if last.subsections else last
    paragraphs = list(container.paragraphs)
    closing: list[Paragraph] = []
    # A subsection's first paragraph is its own body; only later ones can close.
    keep = 1 if isinstance(container, Subsection) else 0
    while (
        len(paragraphs) > keep
        and not paragraphs[-1].items
        and _CLOSING_CUE.search(paragraphs[-1].intro)
    ):
        closing.insert(0, replace(paragraphs.pop(), role=Role.CLOSING))
    if not closing:
        return sections, []
    if isinstance(container, Subsection):
        subsections = (*last.subsections[:-1], replace(container, paragraphs=tuple(paragraphs)))
        last = replace(last, subsections=subsections)
    else:
        last = replace(last, paragraphs=tuple(paragraphs))
    return [*sections[:-1], last], closing
