"""Mining outlines into phrase records: what each part of a report contributes.

Work sections give headings, item leads, stock sentences and effect clauses;
problem, cause and plan sections give statements with their elaborations
(linked by ``parent``); openings, section intros and closings give the
structural sentences of a report. Every text goes through the templater, gets
a theme from its own words and its enclosing heading, and near-duplicates
across documents are merged with a frequency.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from . import tokens
from .bank import Bank, DocumentInfo
from .corpus import Document
from .outline import Item, Outline, Paragraph, Role, Section, cues, parse
from .phrase import THEMED_KINDS, Kind, Phrase, Source, phrase_id
from .slots import FACT_SLOTS, NEUTRAL, SLOT, Templated, Templater, render
from .terms import Terms, load_terms
from .text import (
    EFFECT_START,
    alternatives,
    any_of,
    normal,
    split_clauses,
    split_sentences,
    starts,
)
from .themes import Lexicon, load_lexicon

# What a bank mined by this code holds; the cached default bank is re-mined when
# it changes. Bump it with every change to the miner's code that changes a bank.
MINER_VERSION = 1

# Merge two phrases of one kind whose templates are this similar (0–100);
# short phrases differ by a word where long ones differ by a clause.
MERGE_SIMILARITY = 90
MERGE_SIMILARITY_SHORT = 85
SHORT = 20
# Sources kept per phrase; its frequency still counts them all. A corpus of
# copied reports would otherwise store every copy's line.
MAX_SOURCES = 20

_EFFECT_LENGTH = (5, 32)
_LEAD_MAX = 30
_SENTENCE_LENGTH = (8, 160)
_STATEMENT_MAX = 80
_CAUSE_SENTENCE = starts(cues()["cause_sentence"]["starts"])
_EXAMPLES = re.compile(f"(?:{alternatives(cues()['listing']['words'])})：")
_SHORTCOMING = any_of(cues()["shortcoming"]["words"])
_QUOTED_TERM = re.compile(r"“([^“”]{2,12})”")


@dataclass
class _Raw:
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
    raws: list[_Raw] = field(default_factory=list)

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
            _Raw(kind, role, text, self.outline.document, path, line, tuple(context), parent)
        )
        return len(self.raws) - 1


# ----------------------------------------------------------------- walking


def collect(outline: Outline) -> list[_Raw]:
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
    low, high = _EFFECT_LENGTH
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
    if item.lead and len(item.lead) <= _LEAD_MAX:
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
        if kind is Kind.PROBLEM and _CAUSE_SENTENCE.match(sentence):
            c.add(
                Kind.CAUSE,
                Role.CAUSES,
                _CAUSE_SENTENCE.sub("", sentence),
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


# ------------------------------------------------------------------ mining


def self_name(outline: Outline, terms: Terms, text: str) -> str | None:
    """The word a document uses most for its own unit (``区局``, ``市局``)."""
    counts = Counter({name: text.count(name) for name in terms.self_names})
    name, count = counts.most_common(1)[0] if counts else ("", 0)
    return name if count >= 2 else None


def quoted_terms(documents: Iterable[Document]) -> Counter[str]:
    """How many distinct documents quote each short term (a copy of a document counts once)."""
    texts = {document.text for document in documents}
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(_QUOTED_TERM.findall(text)))
    return counts


def _allowed(kind: Kind, templated: Templated) -> bool:
    text = templated.template
    facts = [s for s in SLOT.findall(text) if s in FACT_SLOTS]
    if kind is Kind.SENTENCE:
        low, high = _SENTENCE_LENGTH
        return len(facts) <= 2 and low <= len(text) <= high
    if facts:
        return False
    if kind is Kind.EFFECT:
        low, high = _EFFECT_LENGTH
        return low <= len(text) <= high
    if kind is Kind.LEAD:
        return 4 <= len(text) <= _LEAD_MAX
    if kind in (Kind.PROBLEM, Kind.CAUSE, Kind.PLAN):
        return 6 <= len(text) <= _SENTENCE_LENGTH[1]
    return len(text) >= 2


def mine(
    documents: Sequence[Document],
    *,
    lexicon: Lexicon | None = None,
    terms: Terms | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Bank:
    """Mine `documents` into a phrasebank."""
    lexicon = lexicon or load_lexicon()
    terms = terms or load_terms()
    quotes = quoted_terms(documents)
    generic = set(terms.generic_quotes) | set(lexicon.keywords())
    generic |= {q for q, n in quotes.items() if n >= 2 and not re.search(r"[\d*X]", q)}
    dictionary = sorted(
        generic | {q for q in quotes if not re.search(r"[\d*X，、·\s]", q) and len(q) <= 10}
    )
    outlines: list[Outline] = []
    infos: list[DocumentInfo] = []
    phrases: list[Phrase] = []
    templaters: dict[str | None, Templater] = {}
    for index, document in enumerate(documents, start=1):
        if progress:
            progress(index, len(documents), document.name)
        outline = parse(document)
        outlines.append(outline)
        infos.append(_info(document, outline))
        name = self_name(outline, terms, document.text)
        if name not in templaters:
            templaters[name] = Templater(terms, generic, name)
        templater = templaters[name]
        phrases.extend(_phrases(collect(outline), templater, lexicon, outline.year))
    merged = merge(phrases)
    tokens.tokenizer(dictionary)
    keyed = [replace(p, keys=tuple(tokens.keys(p.text, dictionary))) for p in merged]
    return Bank(tuple(keyed), tuple(infos), tuple(dictionary))


def _info(document: Document, outline: Outline) -> DocumentInfo:
    return DocumentInfo(
        name=document.name,
        path=document.path,
        encoding=document.encoding,
        title=outline.title,
        year=outline.year,
        sections=tuple((s.marker, s.heading, str(s.role)) for s in outline.sections),
        warnings=outline.warnings,
    )


def _phrases(
    raws: list[_Raw], templater: Templater, lexicon: Lexicon, era: int | None
) -> list[Phrase]:
    made: dict[int, Phrase] = {}
    for index, raw in enumerate(raws):
        templated = templater.template(raw.text, year=era)
        if templated is None or not _allowed(raw.kind, templated):
            continue
        template = templated.template
        if raw.kind in (
            Kind.SENTENCE,
            Kind.PLAN,
            Kind.PROBLEM,
            Kind.CAUSE,
            Kind.OPENING,
            Kind.CLOSING,
        ) and (raw.parent is not None or raw.kind in (Kind.SENTENCE, Kind.OPENING, Kind.CLOSING)):
            template = template if template.endswith(("。", "！", "？", "：")) else f"{template}。"
        parent = made.get(raw.parent) if raw.parent is not None else None
        if raw.parent is not None and parent is None:
            continue
        theme = _theme(raw, lexicon, parent) if raw.kind in THEMED_KINDS else None
        source = Source(raw.document, raw.path, raw.line)
        made[index] = Phrase(
            id=phrase_id(raw.kind, template),
            kind=raw.kind,
            theme=theme,
            role=str(raw.role),
            text=render(template, NEUTRAL | _default_fill()),
            template=template,
            slots=templated.slots,
            source=source,
            sources=(source,),
            era=era,
            stale=templated.stale.label if templated.stale else None,
            trade=templated.trade,
            parent=parent.id if parent else None,
        )
    return list(made.values())


def _default_fill() -> dict[str, str]:
    return next(f for f in load_terms().fills if f.id == "default").values


def _theme(raw: _Raw, lexicon: Lexicon, parent: Phrase | None) -> str:
    # The phrase's own words count in full; its sentence or item, then its
    # headings, vote with their score share, so a long body cannot outvote
    # what the phrase itself says.
    context = list(zip(raw.context, (2.0, 1.5, 1.0, 1.0, 1.0), strict=False))
    theme = lexicon.decide(raw.text, context)
    if theme is None and parent is not None and parent.theme:
        return parent.theme
    return theme or "responsibility"


def merge(phrases: Iterable[Phrase]) -> list[Phrase]:
    """Merge near-duplicates of the same kind: the first wording stays, sources add up."""
    kept: list[Phrase] = []
    exact: dict[tuple[Kind, str], int] = {}
    normals: dict[Kind, list[str]] = {}
    positions: dict[Kind, list[int]] = {}
    aliases: dict[str, str] = {}
    for phrase in phrases:
        letters = normal(phrase.template)
        index = exact.get((phrase.kind, letters))
        if index is None and letters:
            choices = normals.get(phrase.kind, [])
            found = process.extractOne(
                letters, choices, scorer=fuzz.ratio, score_cutoff=MERGE_SIMILARITY_SHORT
            )
            if found is not None and (
                found[1] >= MERGE_SIMILARITY or max(len(letters), len(found[0])) < SHORT
            ):
                index = positions[phrase.kind][found[2]]
        if index is None:
            exact[(phrase.kind, letters)] = len(kept)
            normals.setdefault(phrase.kind, []).append(letters)
            positions.setdefault(phrase.kind, []).append(len(kept))
            kept.append(phrase)
            continue
        exact[(phrase.kind, letters)] = index
        first = kept[index]
        aliases[phrase.id] = first.id
        kept[index] = replace(
            first,
            sources=(first.sources + phrase.sources)[:MAX_SOURCES],
            frequency=first.frequency + phrase.frequency,
            era=max(filter(None, (first.era, phrase.era)), default=None),
            stale=first.stale or phrase.stale,
        )
    return [replace(p, parent=aliases.get(p.parent, p.parent)) if p.parent else p for p in kept]
