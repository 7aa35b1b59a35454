"""The problems section, its analysis of causes, and the plans that answer the problems.

Problems are the writer's own, always; or 2–4 stock ones from the sub-topics
worked on that the facts do not contradict (a problem lists the words that
would deny it). Every problem gets a plan that answers it by content (the
sub-topic whose words it shares), and every theme worked on gets a plan;
a plan is never a bare slogan. Causes (述职) come two or three, or not at all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from phrasebank.phrase import Kind, Phrase
from phrasebank.text import shares_stretch

from .claims import unslotted
from .curated import candidates
from .report import Block, Item, Section, Sentence
from .subtopics import Subtopic, load_subtopics
from .wording import formalise

if TYPE_CHECKING:
    from .compose import Drafting

# Stock problems when the writer gives none (DESIGN: 2–4).
STOCK_PROBLEMS = {"quarter": 3, "half": 4, "year": 4}
# Themes every unit can honestly name a problem in, after the ones worked on.
COMMON_PROBLEM_THEMES = ("organization", "theory", "integrity", "integration")
CAUSES = (2, 4)
# A statement this short is followed by its first fitting elaboration.
ELABORATE_MAX = 40
# What a plan says it will set up: 建立…制度, 修订完善…规则.
_SETS_UP = re.compile(
    r"(?:建立|制定|修订完善|修订|出台|建成)([^，。；、]{2,12}?(?:制度|机制|规则|清单|办法|台账|中心))"
)
# Meetings held at the turn of the year, which a plan for the rest of a year does not hold.
_YEAR_END_MEETINGS = re.compile(r"民主生活会|组织生活会|述职评议")
# Distinct character pairs a theme's plan must share with a problem no sub-topic answers.
CLOSEST_LIKENESS = 3
# Two-character stretches a sub-topic's plan must share with the writer's own problem.
OWN_LIKENESS = 3
# A mined plan this short with no elaboration is a slogan, not a plan.
SLOGAN_MAX = 16
# A plan's lead sharing this long a stretch with the plan only says it twice.
PLAN_LEAD_ECHO = 6


class Problem:
    """One problem of the draft: its text, the theme and sub-topic its plan must answer."""

    def __init__(self, text: str, theme: str, subtopic: Subtopic | None, own: bool = False) -> None:
        self.text = text
        self.theme = theme
        self.subtopic = subtopic
        self.own = own  # the writer's own problem


def problems_section(draft: Drafting, worked: list[str]) -> tuple[Section, list[Problem]]:
    """The problems section, and each problem for the plans to answer."""
    intro = (draft.fixed(draft.genre.problems_intro),)
    items: list[Item] = []
    problems: list[Problem] = []
    subtopics = load_subtopics()
    # Earlier plans not carried out come first, then the writer's own problems.
    given = [(raw, f"unmet:{i}") for i, raw in enumerate(draft.answers.unmet, start=1)]
    given += [(raw, f"problem:{i}") for i, raw in enumerate(draft.answers.problems, start=1)]
    for raw, source in given:
        text = formalise(raw)
        if not text or not draft.ledger.is_new(text):
            continue
        draft.ledger.use(text)
        subtopic = subtopics.answering(text)
        # A terse problem (警示教育形式比较单一) is followed by one of its sub-topic's that
        # says more of it, as a writer spells a problem out.
        terse = subtopic is not None and len(text) <= ELABORATE_MAX
        more = _stock_problem(draft, subtopic, 1, like=text) if subtopic and terse else ()
        items.append(Item((Sentence(text, (source,)), *more)))
        theme = subtopic.theme if subtopic else draft.matcher.classify(text).theme
        problems.append(Problem(text, theme, subtopic, own=True))
    # A writer who typed a shortcoming among the activities gave no problems list:
    # the stock ones make up the rest.
    if not draft.answers.problems or len(draft.shortfalls) == len(draft.answers.problems):
        for subtopic in _candidates(draft, worked):
            if len(items) >= STOCK_PROBLEMS[draft.answers.period.span]:
                break
            if any(p.theme == subtopic.theme for p in problems):
                continue
            sentences = _stock_problem(draft, subtopic)
            if sentences:
                items.append(Item(sentences))
                problems.append(Problem(sentences[0].text, subtopic.theme, subtopic))
    blocks = [Block(None, (), tuple(items))]
    causes = _causes(draft, problems) if draft.genre.has_causes(draft.answers.period.span) else []
    if causes:
        blocks.append(Block(None, (draft.fixed(draft.genre.causes),), tuple(causes)))
    heading = draft.heading("problems_causes" if causes else "problems")
    return Section("problems", heading, intro, tuple(blocks)), problems


def plans_section(
    draft: Drafting, problems: list[Problem], worked: list[str]
) -> tuple[Section, list[str]]:
    """The plans section, and the theme each plan answers."""
    heading = draft.heading("plans")
    intro = (draft.fixed(draft.genre.plans_intro),)
    items: list[Item] = []
    themes: list[str] = []
    answered: set[str] = set()  # sub-topics the writer's own plans already answer
    for index, raw in enumerate(draft.answers.plans, start=1):
        text = formalise(raw)
        if text and draft.ledger.is_new(text):
            draft.ledger.use(text)
            items.append(Item((Sentence(text, (f"plan:{index}",)),)))
            subtopic = load_subtopics().answering(text)
            themes.append(subtopic.theme if subtopic else draft.matcher.classify(text).theme)
            if subtopic is not None:
                answered.add(subtopic.id)
    own_plans = bool(draft.answers.plans)
    # Closed loop: each problem its answer, by content; then each theme worked on.
    for problem in problems:
        if problem.subtopic is not None and problem.subtopic.id in answered:
            continue
        item = _answer(draft, problem.subtopic, problem.theme, problem.text, problem.own)
        if item is not None:
            items.append(item)
            themes.append(problem.theme)
    if not own_plans:
        for theme in worked:
            if theme not in themes:
                # The sub-topic done most; failing that, any of the theme whose plan fits.
                busiest = _busiest(draft, theme)
                tried = [busiest] if busiest else []
                tried += [s for s in load_subtopics().of_theme(theme) if s is not busiest]
                for subtopic in tried:
                    item = _answer(draft, subtopic, theme, draft.activities_of(theme))
                    if item is not None:
                        items.append(item)
                        themes.append(theme)
                        break
    return Section("plans", heading, intro, (Block(None, (), tuple(items)),)), themes


def _candidates(draft: Drafting, worked: list[str]) -> list[Subtopic]:
    """Sub-topics to draw problems from: where the facts are thin.

    A problem where the writer reported much (18 reading events) contradicts
    the report; one where a single activity stands, or a common theme the
    writer did not touch, is what a writer owns up to. The busiest come last.
    """
    subtopics = load_subtopics()
    counts: dict[str, int] = {}
    for placed in draft.placed:
        if placed is not None and placed.subtopic:
            counts[placed.subtopic] = counts.get(placed.subtopic, 0) + 1
    order = draft.c.lexicon.ids.index
    by_count = sorted(counts, key=lambda s: (counts[s], order(subtopics[s].theme)))
    thin = [subtopics[s] for s in by_count if counts[s] == 1 and subtopics[s].theme in worked]
    untouched = [
        s
        for theme in COMMON_PROBLEM_THEMES
        for s in subtopics.of_theme(theme)
        if s.id not in counts
    ]
    busy = [subtopics[s] for s in by_count if counts[s] > 1 and subtopics[s].theme in worked]
    return list(dict.fromkeys([*thin, *untouched, *busy]))


def _stock_problem(
    draft: Drafting, subtopic: Subtopic, most: int = 2, like: str = ""
) -> tuple[Sentence, ...]:
    """Up to `most` curated problems of `subtopic` that the writer's facts do not contradict:
    the first states the problem, a second (where the sub-topic has one) says more of it.
    Those worded most `like` a problem they follow come first."""
    facts = "".join(text for texts in draft.worked.values() for text in texts)
    found: list[Sentence] = []
    numbered = list(enumerate(subtopic.problems, start=1))
    if like:
        numbered.sort(key=lambda p: -_shared_pairs(p[1].text, like))
    for number, problem in numbered:
        if any(word in facts for word in problem.denies):
            continue
        text = draft.fit.fill(problem.text)
        if text and draft.ledger.is_new(text) and not draft.fit.forbids(text):
            draft.ledger.use(text)
            found.append(Sentence(f"{text}。", (f"curated:{subtopic.id}:problem:{number}",)))
            if len(found) == most:
                break
    return tuple(found)


def _causes(draft: Drafting, problems: list[Problem]) -> list[Item]:
    """A cause of each problem, in the problems' order (two problems of one theme get two
    of its causes), at least two and at most four; or none when fewer than two are found.

    A cause of the organisation's own reports comes first, then the theme's curated
    causes (written to fit any unit), then a mined one. A problem whose theme has no
    cause left is passed over; the common themes make up the least.
    """
    least, most = CAUSES
    wanted = min(max(len(problems), least), most)
    themes = [p.theme for p in problems] + list(COMMON_PROBLEM_THEMES)
    said = "".join(p.text for p in problems)
    causes: list[Item] = []
    for theme in themes:
        if len(causes) == wanted:
            break
        item, _ = statement(draft, Kind.CAUSE, theme, said, own=True)
        if item is None:
            item = _curated_cause(draft, theme)
        if item is None:
            item, _ = statement(draft, Kind.CAUSE, theme, said)
        if item is not None:
            causes.append(item)
    return causes if len(causes) >= least else []


def _curated_cause(draft: Drafting, theme: str) -> Item | None:
    """One of the theme's curated causes not said yet."""
    options = load_subtopics().themes[theme].causes
    sentence = _rotated(draft, options, f"curated:{theme}:cause")
    return Item((sentence,)) if sentence else None


def _rotated(draft: Drafting, options: tuple[str, ...], source: str) -> Sentence | None:
    """The first usable of `options` (curated.candidates), said, as a whole sentence."""
    found = candidates(draft, options, source)
    if not found:
        return None
    draft.ledger.use(found[0].text)
    return Sentence(f"{found[0].text.rstrip('。')}。", found[0].sources)


def _busiest(draft: Drafting, theme: str) -> Subtopic | None:
    """The sub-topic of `theme` the writer did most in."""
    subtopics = load_subtopics()
    counts: dict[str, int] = {}
    for placed in draft.placed:
        if placed is not None and placed.theme == theme and placed.subtopic:
            counts[placed.subtopic] = counts.get(placed.subtopic, 0) + 1
    if not counts:
        return None
    return subtopics[max(counts, key=lambda s: counts[s])]


def _answer(
    draft: Drafting, subtopic: Subtopic | None, theme: str, text: str, own: bool = False
) -> Item | None:
    """A plan answering `text`: its sub-topic's curated plan; for the writer's own problem
    that no sub-topic answers, a plan naming that problem; else a mined plan of its theme."""
    if subtopic is not None:
        # A quarter's plan says one thing; a half year's or a year's, two.
        wanted = 1 if draft.answers.period.span == "quarter" else 2
        bodies: list[Sentence] = []
        # The plan closest to the problem's own words answers it first.
        ranked = sorted(
            enumerate(subtopic.plans, start=1), key=lambda p: -_shared_pairs(p[1], text)
        )
        for number, plan in ranked:
            filled = draft.fit.fill(plan)
            if filled and _fits_plan(draft, filled):
                draft.ledger.use(filled)
                source = f"curated:{subtopic.id}:plan:{number}"
                bodies.append(Sentence(f"{filled.rstrip('。')}。", (source,)))
                if len(bodies) == wanted:
                    break
        # The writer's own problem needs a plan about it, not merely of its sub-topic.
        unrelated = own and (not bodies or _shared_pairs(bodies[0].text, text) < OWN_LIKENESS)
        if bodies and not unrelated:
            lead = _plan_lead(draft, subtopic, bodies)
            return Item((lead, *bodies) if lead else tuple(bodies))
    if own:
        # The writer's own problem that no sub-topic's plans answer: a plan naming it,
        # by its first clause as a writer refers back to it (not its figures), with the
        # theme's measure most like it; failing one, the genre's general answer.
        core = re.split(r"[，,；;]", text.rstrip("。"))[0]
        closest = _closest_plan(draft, theme, text)
        if closest is not None:
            measure, source = closest
            named = f"针对{core}的问题，{measure.rstrip('。')}。"
            draft.own_answers.append(named)
            draft.ledger.use(named)
            return Item((Sentence(named, (draft.genre.source, source)),))
        for template in draft.genre.problem_plans:
            answer = draft.fit.fill(template.replace("{问题}", core))
            # Each in turn: two problems are not answered in the same words.
            if answer and not any(shares_stretch(answer, said, 12) for said in draft.own_answers):
                draft.own_answers.append(answer)
                draft.ledger.use(answer)
                return Item((Sentence(answer, (draft.genre.source,)),))
    item, _ = statement(draft, Kind.PLAN, theme, text)
    return item


def _closest_plan(draft: Drafting, theme: str, problem: str) -> tuple[str, str] | None:
    """The curated plan of `theme` worded most like the writer's `problem` (CLOSEST_LIKENESS
    distinct character pairs at least), filled and fit, with its source; None when none is."""
    ranked = sorted(
        (
            (-_distinct_pairs(plan, problem), subtopic.id, number, plan)
            for subtopic in load_subtopics().of_theme(theme)
            for number, plan in enumerate(subtopic.plans, start=1)
        ),
    )
    for negative, subtopic_id, number, plan in ranked:
        if -negative < CLOSEST_LIKENESS:
            break
        filled = draft.fit.fill(plan)
        if filled and _fits_plan(draft, filled):
            return filled, f"curated:{subtopic_id}:plan:{number}"
    return None


def _plan_lead(draft: Drafting, subtopic: Subtopic, bodies: list[Sentence]) -> Sentence | None:
    """A plan's short lead naming its work, as the seeds write plans: a lead of its
    sub-topic (规范发展党员工作。, not 建强基层战斗堡垒。 over 发展党员), else a short
    heading of its theme; never one saying the plan's own words again."""
    said = "".join(body.text for body in bodies)

    def fresh(lead: str) -> bool:
        return not shares_stretch(unslotted(lead), said, PLAN_LEAD_ECHO)

    headings = load_subtopics().themes[subtopic.theme].headings["short"]
    for options, source in (
        (subtopic.leads, f"curated:{subtopic.id}:lead"),
        (headings, f"curated:{subtopic.theme}:heading"),
    ):
        found = candidates(draft, options, source, keep=fresh)
        if found:
            draft.ledger.use(found[0].text)
            return Sentence(f"{found[0].text}。", found[0].sources)
    return None


def statement(
    draft: Drafting, kind: Kind, theme: str, text: str, own: bool = False
) -> tuple[Item | None, str]:
    """A mined problem, cause or plan: its statement and, when it has one, an elaboration.

    A short plan without an elaboration is a slogan (进一步推进全面从严治党) and is
    not used. `own` takes only the organisation's own wording.
    """

    def top_level(phrase: Phrase) -> bool:
        return phrase.parent is None and draft.fit.allows(phrase) and (phrase.own or not own)

    ranked = draft.matcher.best(kind, theme, text, count=3, allow=top_level)
    if not ranked and not own:
        # No statement of its own in this theme: an elaboration can stand alone.
        ranked = draft.matcher.best(kind, theme, text, count=1, allow=draft.fit.allows)
    for head in ranked:
        children = [c for c in draft.c.bank.children(head.id) if draft.fit.allows(c)]
        if kind is Kind.PLAN and len(head.text) <= SLOGAN_MAX and not children:
            continue
        sentence = draft.stock(head)
        if sentence is None:
            continue
        sentences = [Sentence(sentence.text.rstrip("。") + "。", sentence.sources)]
        if len(head.text) <= ELABORATE_MAX:
            for child in children:
                if (body := draft.stock(child)) is not None:
                    sentences.append(body)
                    break
        return Item(tuple(sentences)), sentence.text
    return None, ""


def _fits_plan(draft: Drafting, text: str) -> bool:
    """A plan not said yet, fit for the unit, and about the next period: 年初 only when the
    next period starts a year."""
    if "年初" in text and draft.answers.period.last_month != 12:
        return False
    # 民主生活会 and 组织生活会 are held at the turn of the year: no plan for a summer.
    if _YEAR_END_MEETINGS.search(text) and draft.answers.period.last_month < 9:
        return False
    # Not to set up what the writer reports already set up (修订完善议事规则 after 制定议事规则).
    facts = "".join(text for texts in draft.worked.values() for text in texts)
    for made in _SETS_UP.findall(text):
        if made[-4:] in facts:
            return False
    return draft.ledger.is_new(text) and not draft.fit.forbids(text)


def _shared_pairs(a: str, b: str) -> int:
    """How many two-character stretches `a` and `b` share: a rough likeness of wording."""
    pairs = _pairs(b)
    return sum(a[i : i + 2] in pairs for i in range(len(a) - 1))


def _distinct_pairs(a: str, b: str) -> int:
    """How many different two-character stretches `a` and `b` share."""
    return len(_pairs(a) & _pairs(b))


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}
