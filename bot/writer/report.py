"""The composed report as a value: what every renderer (text, Markdown, Telegram, .docx) draws.

A report is a title, an opening, numbered level-1 sections (一、二、三、) made of
blocks — a block is a level-2 subsection （一） with a heading, or a plain run of
items under its section — and items (一是…二是…). Every piece of text is a
:class:`Sentence` that knows where it came from, so ``--explain`` can show it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from phrasebank.text import chinese_number


@dataclass(frozen=True)
class Sentence:
    """A piece of report text and its sources.

    `sources` name phrase ids of the phrasebank (``lead-1a2b3c4d``), the
    writer's own input (``activity:3``, ``problem:1``, ``plan:2``, ``answers:unit``)
    or the genre's fixed wording (``genre:summary``).
    """

    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One item of a list: rendered ``一是`` + its sentences run together, or bare when alone.

    An item not `numbered` (a fact with no lead, after the led ones) is a plain paragraph
    that the numbering of its list passes over.
    """

    sentences: tuple[Sentence, ...]
    numbered: bool = True

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class Block:
    """A level-2 subsection （一） when it has a heading; else items straight under a section."""

    heading: Sentence | None
    intro: tuple[Sentence, ...] = ()
    items: tuple[Item, ...] = ()
    numbered: bool = True  # items as 一是、二是; else each a plain paragraph


@dataclass(frozen=True)
class Section:
    """A level-1 section (一、…) with its role: ``work``, ``problems`` or ``plans``."""

    role: str
    heading: Sentence
    intro: tuple[Sentence, ...] = ()
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Report:
    title: Sentence
    opening: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    closing: tuple[Sentence, ...] = ()
    signature: tuple[Sentence, ...] = ()
    todo: tuple[str, ...] = ()  # 待补充: what the writer still has to fill in

    def section(self, role: str) -> Section:
        """The section of `role` (``work``, ``problems`` or ``plans``)."""
        for section in self.sections:
            if section.role == role:
                return section
        roles = "、".join(s.role for s in self.sections)
        raise KeyError(f"no {role} section; the report has {roles}")

    def sentences(self) -> Iterator[Sentence]:
        """Every sentence in reading order."""
        yield self.title
        yield from self.opening
        for section in self.sections:
            yield section.heading
            yield from section.intro
            for block in section.blocks:
                if block.heading:
                    yield block.heading
                yield from block.intro
                for item in block.items:
                    yield from item.sentences
        yield from self.closing
        yield from self.signature


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as laid out on the page; `style` tells the renderer how to set it."""

    style: str  # "title" | "heading1" | "heading2" | "body" | "signature"
    text: str
    sentences: tuple[Sentence, ...]


def layout(report: Report) -> list[Paragraph]:
    """The report as paragraphs in reading order, with all numbering applied.

    Numbering is continuous at every level: sections 一、二、三、; within a
    section, headed blocks （一）（二）; within a block (or a section's plain
    items), items 一是、二是. A headed block with a single item runs it on
    without ``一是``. Renderers draw these paragraphs and add nothing.
    """
    out = [Paragraph("title", report.title.text, (report.title,))]
    if report.opening:
        out.append(Paragraph("body", _join(report.opening), report.opening))
    for s_index, section in enumerate(report.sections, start=1):
        heading = f"{chinese_number(s_index)}、{section.heading.text}"
        out.append(Paragraph("heading1", heading, (section.heading,)))
        if section.intro:
            out.append(Paragraph("body", _join(section.intro), section.intro))
        headed = 0
        for block in section.blocks:
            if block.heading is not None:
                headed += 1
                out.extend(_headed_block(block, headed))
            else:
                if block.intro:
                    out.append(Paragraph("body", _join(block.intro), block.intro))
                out.extend(_items(block.items))
    if report.closing:
        out.append(Paragraph("body", _join(report.closing), report.closing))
    out.extend(Paragraph("signature", s.text, (s,)) for s in report.signature)
    return out


def _headed_block(block: Block, number: int) -> list[Paragraph]:
    assert block.heading is not None
    heading = Sentence(f"（{chinese_number(number)}）{block.heading.text}", block.heading.sources)
    if len(block.items) == 1:
        # A single item reads as the subsection's own text, no 一是.
        sentences = (*block.intro, *block.items[0].sentences)
        return [
            Paragraph("heading2", heading.text, (heading,)),
            Paragraph("body", _join(sentences), sentences),
        ]
    out = [Paragraph("heading2", heading.text, (heading,))]
    if block.intro:
        out.append(Paragraph("body", _join(block.intro), block.intro))
    if not block.numbered:
        out.extend(Paragraph("body", item.text, item.sentences) for item in block.items)
        return out
    out.extend(_items(block.items))
    return out


def _items(items: tuple[Item, ...]) -> list[Paragraph]:
    # One item alone (a lone problem, a lone plan) reads as a sentence: no 一是 without 二是.
    if len(items) == 1:
        return [Paragraph("body", items[0].text, items[0].sentences)]
    out = []
    number = 0
    for item in items:
        if not item.numbered:
            out.append(Paragraph("body", item.text, item.sentences))
            continue
        number += 1
        marker = Sentence(f"{chinese_number(number)}是")
        out.append(Paragraph("body", marker.text + item.text, (marker, *item.sentences)))
    return out


def _join(sentences: tuple[Sentence, ...]) -> str:
    return "".join(s.text for s in sentences)
