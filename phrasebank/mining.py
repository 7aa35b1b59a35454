"""Mining documents into a phrasebank.

Each document's outline offers candidates (:mod:`.candidates`); every
candidate goes through the templater, gets a theme from its own words and its
enclosing heading, and near-duplicates across documents are merged with a
frequency.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from . import tokens
from .bank import Bank, DocumentInfo
from .candidates import EFFECT_LENGTH, LEAD_MAX, Candidate, collect
from .corpus import Document
from .duplicates import NearIndex
from .outline import Outline, parse
from .phrase import THEMED_KINDS, Kind, Phrase, Source, phrase_id
from .slots import FACT_SLOTS, NEUTRAL, SLOT, Templated, Templater, render
from .terms import Terms, load_terms
from .text import normal
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

_SENTENCE_LENGTH = (8, 160)
_QUOTED_TERM = re.compile(r"“([^“”]{2,12})”")


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
        low, high = EFFECT_LENGTH
        return low <= len(text) <= high
    if kind is Kind.LEAD:
        return 4 <= len(text) <= LEAD_MAX
    if kind in (Kind.PROBLEM, Kind.CAUSE, Kind.PLAN):
        return 6 <= len(text) <= _SENTENCE_LENGTH[1]
    return len(text) >= 2


def mine(
    documents: Sequence[Document],
    *,
    lexicon: Lexicon | None = None,
    terms: Terms | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    stage: Callable[[str], None] | None = None,
) -> Bank:
    """Mine `documents` into a phrasebank.

    `progress` hears of each document as it is mined, `stage` of the steps over
    the whole corpus that follow (a line of Chinese for the writer).
    """
    lexicon = lexicon or load_lexicon()
    terms = terms or load_terms()
    quotes = quoted_terms(documents)
    generic = set(terms.generic_quotes) | set(lexicon.keywords())
    generic |= {q for q, n in quotes.items() if n >= 2 and not re.search(r"[\d*X]", q)}
    dictionary = sorted(
        generic | {q for q in quotes if not re.search(r"[\d*X，、·\s]", q) and len(q) <= 10}
    )
    infos: list[DocumentInfo] = []
    phrases: list[Phrase] = []
    templaters: dict[str | None, Templater] = {}
    for index, document in enumerate(documents, start=1):
        if progress:
            progress(index, len(documents), document.name)
        outline = parse(document)
        infos.append(_info(document, outline))
        name = self_name(outline, terms, document.text)
        if name not in templaters:
            templaters[name] = Templater(terms, generic, name)
        templater = templaters[name]
        phrases.extend(_phrases(collect(outline), templater, lexicon, outline.year))
    if stage:
        stage(f"正在合并相近的表述（{len(phrases)} 条候选）……")
    merged = merge(phrases)
    if stage:
        stage(f"正在为 {len(merged)} 条表述建立检索词……")
    # The domain terms are added once; each phrase is then cut with them.
    tokens.tokenizer(dictionary)
    # Phrases of different kinds may read the same: each text is cut once.
    keys: dict[str, tuple[str, ...]] = {}
    for phrase in merged:
        if phrase.text not in keys:
            keys[phrase.text] = tuple(tokens.keys(phrase.text))
    keyed = [replace(p, keys=keys[p.text]) for p in merged]
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
    raws: list[Candidate], templater: Templater, lexicon: Lexicon, era: int | None
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


def _theme(raw: Candidate, lexicon: Lexicon, parent: Phrase | None) -> str:
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
    # What later wordings add to a kept phrase, folded in as they come and written
    # into it once at the end: sources, frequency, era, stale.
    added: dict[int, tuple[list[Source], int, int | None, str | None]] = {}
    exact: dict[tuple[Kind, str], int] = {}
    near: dict[Kind, NearIndex] = {}
    positions: dict[Kind, list[int]] = {}
    aliases: dict[str, str] = {}
    for phrase in phrases:
        letters = normal(phrase.template)
        index = exact.get((phrase.kind, letters))
        similar = near.get(phrase.kind)
        if similar is None:
            similar = near[phrase.kind] = NearIndex()
        if index is None and letters:
            # A long phrase merges only at MERGE_SIMILARITY: asking for no less finds
            # the same best match, among fewer candidates.
            cutoff = MERGE_SIMILARITY if len(letters) >= SHORT else MERGE_SIMILARITY_SHORT
            found = similar.best(letters, cutoff)
            if found is not None and (
                found[1] >= MERGE_SIMILARITY or max(len(letters), len(found[0])) < SHORT
            ):
                index = positions[phrase.kind][found[2]]
        if index is None:
            exact[(phrase.kind, letters)] = len(kept)
            similar.add(letters)
            positions.setdefault(phrase.kind, []).append(len(kept))
            kept.append(phrase)
            continue
        exact[(phrase.kind, letters)] = index
        first = kept[index]
        aliases[phrase.id] = first.id
        sources, frequency, era, stale = added.get(index) or (
            list(first.sources),
            first.frequency,
            first.era,
            first.stale,
        )
        sources.extend(phrase.sources)
        del sources[MAX_SOURCES:]
        added[index] = (
            sources,
            frequency + phrase.frequency,
            max(filter(None, (era, phrase.era)), default=None),
            stale or phrase.stale,
        )
    out: list[Phrase] = []
    for index, phrase in enumerate(kept):
        merged = phrase
        if index in added:
            sources, frequency, era, stale = added[index]
            merged = replace(
                merged, sources=tuple(sources), frequency=frequency, era=era, stale=stale
            )
        if merged.parent:
            merged = replace(merged, parent=aliases.get(merged.parent, merged.parent))
        out.append(merged)
    return out
