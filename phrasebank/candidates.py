"""Phrase candidates of one outline: what each part of a report offers the miner.

Work sections give headings, item leads, stock sentences and effect clauses;
problem, cause and plan sections give statements with their elaborations
(linked by ``parent``); openings, section intros and closings give the
structural sentences of a report. Nothing here is templated yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .outline import Item, Outline, Paragraph, Role, Section, cues
from .phrase import Kind
from .text import EFFECT_START, alternatives, any_of, split_clauses, split_sentences, starts

EFFECT_LENGTH = (5, 32)
LEAD_MAX = 30
_STATEMENT_MAX = 80
CAUSE_SENTENCE = starts(cues()["cause_sentence"]["starts"])
_EXAMPLES = re.compile(f"(?:{alternatives(cues()['listing']['words'])})：")
_SHORTCOMING = any_of(cues()["shortcoming"]["words"])


@dataclass
class Candidate:
    """A text one part of a report offers, before templating."""

    kind: Kind
    role: Role
    text: str
    document: str
    path: str
    line: int
    context: tuple[str, ...] = ()
    parent: int | None = None


@dataclass
class _Collector:
    outline: Outline
    raws: list[Candidate] = field(default_factory=list)

    def add(
        self,
        kind: Kind,
        role: Role,
        text: str,
        path: str,
        line: int,
        context: Iterable[str] = (),
        parent: int | None = None,
    ) -> int | None:
        # A trailing colon stays: it is how an intro hands over to its list.
        text = text.strip().lstrip("，；：、").rstrip("，；、")
        if not text:
            return None
        self.raws.append(
            Candidate(kind, role, text, self.outline.document, path, line, tuple(context), parent)
        )
        return len(self.raws) - 1


def collect(outline: Outline) -> list[Candidate]:
    """Raw (untemplated) phrase candidates of one outline."""
    c = _Collector(outline)
    if outline.title:
        c.add(Kind.TITLE, Role.OPENING, outline.title, "标题", outline.title_line or 1)
    for paragraph in outline.opening:
        for sentence in split_sentences(paragraph.text):
            c.add(Kind.OPENING, Role.OPENING, sentence, "开头", paragraph.line)
    for section in outline.sections:
        path = section.marker.rstrip("、")
        c.add(Kind.SECTION_HEADING, section.role, section.heading, path, section.line)
        if section.role in (Role.WORK, Role.OVERVIEW):
            _work(c, section, path)
        elif section.role in (Role.PROBLEMS, Role.CAUSES):
            _problems(c, section, path)
        else:
            _plans(c, section, path)
    for paragraph in outline.closing:
        _closing(c, paragraph)
    if not outline.sections:
        for paragraph in outline.opening:
            for sentence in split_sentences(paragraph.text):
                _sentence(c, Role.WORK, sentence, "正文", paragraph.line, ())
    return c.raws


def _sentence(
    c: _Collector, role: Role, sentence: str, path: str, line: int, context: Sequence[str]
) -> None:
    """A stock sentence and the effect clause it may end with."""
    c.add(Kind.SENTENCE, role, sentence, path, line, (sentence, *context))
    effect = effect_of(sentence)
    if effect:
        c.add(Kind.EFFECT, role, effect, path, line, (sentence, *context))


def effect_of(sentence: str) -> str | None:
    """The closing clause of a sentence when it states an effect (``确保…``, ``推动…``)."""
    parts = split_clauses(sentence.rstrip("。！？"))
    clauses = parts[::2]
    if len(clauses) < 2 or parts[-2] not in "，；":
        return None
    last = clauses[-1].strip()
    low, high = EFFECT_LENGTH
    if EFFECT_START.match(last) and low <= len(last) <= high:
        return last
    return None


def _work(c: _Collector, section: Section, path: str) -> None:
    context = (section.heading,)
    for paragraph in section.paragraphs:
        _work_paragraph(c, paragraph, path, context)
    for sub in section.subsections:
        sub_path = f"{path}/{sub.marker}"
        sub_context = (sub.heading, *context)
        body = " ".join(p.text for p in sub.paragraphs)
        c.add(Kind.HEADING, Role.WORK, sub.heading, sub_path, sub.line, (sub.heading, body))
        if not sub.items and len(sub.heading) <= 14 and "，" not in sub.heading:
            # A heading over a single block of text reads as that block's lead.
            c.add(
                Kind.LEAD,
                Role.WORK,
                sub.heading.removesuffix("方面"),
                sub_path,
                sub.line,
                (sub.heading, body),
            )
        for paragraph in sub.paragraphs:
            _work_paragraph(c, paragraph, sub_path, sub_context)


def _work_paragraph(
    c: _Collector, paragraph: Paragraph, path: str, context: tuple[str, ...]
) -> None:
    for sentence in split_sentences(paragraph.intro):
        _sentence(c, Role.WORK, sentence, path, paragraph.line, context)
    for item in paragraph.items:
        _work_item(c, item, path, context)


def _work_item(c: _Collector, item: Item, path: str, context: tuple[str, ...]) -> None:
    item_path = f"{path}/{item.marker}"
    own = (item.text, *context)
    if item.lead and len(item.lead) <= LEAD_MAX:
        c.add(Kind.LEAD, Role.WORK, item.lead, item_path, item.line, own)
    for sentence in split_sentences(item.body):
        _sentence(c, Role.WORK, sentence, item_path, item.line, (item.lead or "", *context))
    for child in item.children:
        _work_item(c, child, item_path, (item.lead or "", *context))


def _statement(
    c: _Collector,
    kind: Kind,
    role: Role,
    lead: str | None,
    body: str,
    path: str,
    line: int,
    context: Sequence[str],
) -> None:
    """A problem, cause or plan: a short statement, and its body sentences linked to it."""
    sentences = split_sentences(body)
    if not lead:
        if not sentences:
            return
        lead, sentences = sentences[0], sentences[1:]
    parent = None
    if len(lead) <= _STATEMENT_MAX:
        parent = c.add(kind, role, lead.rstrip("。；"), path, line, (lead, body, *context))
    for sentence in sentences:
        if kind is Kind.PROBLEM and CAUSE_SENTENCE.match(sentence):
            c.add(
                Kind.CAUSE,
                Role.CAUSES,
                CAUSE_SENTENCE.sub("", sentence),
                path,
                line,
                (sentence, *context),
            )
            continue
        pieces = [s for s in sentence.split("；") if s] if kind is Kind.PLAN else [sentence]
        for piece in pieces:
            text = piece if piece.endswith(("。", "！", "？")) else f"{piece}。"
            c.add(kind, role, text, path, line, (piece, lead, *context), parent=parent)
            if kind is Kind.PLAN and (effect := effect_of(piece)):
                c.add(Kind.EFFECT, role, effect, path, line, (piece, lead, *context))


def _problems(c: _Collector, section: Section, path: str) -> None:
    for paragraph in section.paragraphs:
        causes = paragraph.role is Role.CAUSES or section.role is Role.CAUSES
        kind, role = (Kind.CAUSE, Role.CAUSES) if causes else (Kind.PROBLEM, Role.PROBLEMS)
        if paragraph.intro and not causes:
            for sentence in split_sentences(paragraph.intro):
                c.add(Kind.INTRO, Role.PROBLEMS, sentence, path, paragraph.line)
        for item in paragraph.items:
            item_path = f"{path}/{item.marker}"
            _statement(
                c, kind, role, item.lead, item.body, item_path, item.line, (section.heading,)
            )
    for sub in section.subsections:
        body = "".join(p.text for p in sub.paragraphs)
        sub_path = f"{path}/{sub.marker}"
        _statement(c, Kind.PROBLEM, Role.PROBLEMS, sub.heading, body, sub_path, sub.line, ())


def _plans(c: _Collector, section: Section, path: str) -> None:
    for paragraph in section.paragraphs:
        for sentence in split_sentences(paragraph.intro):
            c.add(Kind.INTRO, Role.PLANS, sentence, path, paragraph.line)
        for item in paragraph.items:
            _plan_item(c, item, f"{path}/{item.marker}", ())
    for sub in section.subsections:
        sub_path = f"{path}/{sub.marker}"
        body = "".join(p.intro for p in sub.paragraphs)
        _statement(c, Kind.PLAN, Role.PLANS, sub.heading, body, sub_path, sub.line, ())
        for paragraph in sub.paragraphs:
            for item in paragraph.items:
                _plan_item(c, item, f"{sub_path}/{item.marker}", (sub.heading,))


def _plan_item(c: _Collector, item: Item, path: str, context: tuple[str, ...]) -> None:
    _statement(c, Kind.PLAN, Role.PLANS, item.lead, item.body, path, item.line, context)


def _closing(c: _Collector, paragraph: Paragraph) -> None:
    """Closing sentences; problems listed inline (``还存在不足，例如：甲，乙等，…``) too."""
    for sentence in split_sentences(paragraph.text):
        examples = _EXAMPLES.search(sentence)
        if not examples or not _SHORTCOMING.search(sentence[: examples.start()]):
            c.add(Kind.CLOSING, Role.CLOSING, sentence, "结尾", paragraph.line)
            continue
        summary = sentence[: examples.start()].rstrip("，")
        listed, found, rest = sentence[examples.end() :].partition("等，")
        if not found:
            listed, rest = listed.rstrip("。"), ""
        c.add(Kind.INTRO, Role.PROBLEMS, f"{summary}：", "结尾", paragraph.line)
        for problem in _listed_problems(listed):
            c.add(Kind.PROBLEM, Role.PROBLEMS, problem, "结尾", paragraph.line, (problem,))
        if rest.strip():
            c.add(Kind.CLOSING, Role.CLOSING, rest, "结尾", paragraph.line)


def _listed_problems(listed: str) -> list[str]:
    """``甲仍有欠缺，乙依然存在，丙存在短板、丁时有发生等`` → [甲…, 乙…, 丙…, 丁…]."""
    out: list[str] = []
    for raw in split_clauses(listed)[::2]:
        clause = raw.removesuffix("等").strip()
        halves = clause.split("、")
        if len(halves) == 2 and all(len(h) >= 8 for h in halves):
            out.extend(halves)
        elif clause:
            out.append(clause)
    return out
