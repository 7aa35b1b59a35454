"""The problems section and its analysis of causes.

Problems are the writer's own, always; or 2–4 stock ones from the sub-topics
worked on that the facts do not contradict (a problem lists the words that
would deny it). Each problem gets its cause, two to four, or none at all. The
plans that answer them are plans.py's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from phrasebank.phrase import Kind, Phrase
from phrasebank.text import shares_stretch

from .asked import asked_for, contradicted, unasked
from .curated import candidates
from .grouping import unquoted
from .placing import answering
from .report import Block, Item, Section, Sentence
from .subtopics import Subtopic, load_subtopics
from .wording import as_reporter, dated, formalise

if TYPE_CHECKING:
    from .compose import Drafting

# Stock problems when the writer gives none (DESIGN: 2–4).
STOCK_PROBLEMS = {"quarter": 3, "half": 4, "year": 4}
# Themes every unit can honestly name a problem in, after the ones worked on.
COMMON_PROBLEM_THEMES = ("organization", "theory", "integrity", "integration")
CAUSES = (2, 4)
# Distinct character pairs a curated cause must share with its problem to be chosen for it.
CAUSE_LIKENESS = 3
# Of them, pairs of matter (not 还需加强, 党员 or 党建工作).
CAUSE_CONTENT = 1
# A cause sharing this long a stretch with its problem says the problem over again.
CAUSE_ECHO = 6
# Characters of a sub-topic's problem words (answers) that name it as the problem's work.
NAMED = 4
# A statement this short is followed by its first fitting elaboration.
ELABORATE_MAX = 40
# A mined plan this short with no elaboration is a slogan, not a plan.
SLOGAN_MAX = 16
# Pairs of the genre's function words (还需加强, 不够, 党建工作): alike wording, not alike
# matter (round OO gave 党务工作力量还需加强 to 辅警的教育管理还需加强).
_COMMON_PAIRS = frozenset(
    {"还需", "需加", "加强", "还不", "不够", "有待", "待提", "提高", "工作", "党建", "建工"}
    | {"进一", "一步", "存在", "问题", "还有", "方面", "不足", "够强", "够高"}
    | {"党员", "员干", "干部"}
)
# A stock problem sharing this long a stretch with a practice the draft states gainsays it.
GAINSAY = 4
# A problem's second sentence sharing this long a stretch with its first repeats it.
PROBLEM_ECHO = 5
# A writer's problem that gives its own reason (因资金原因, 受…影响): a stock cause beside
# it blames what the writer did not (round BN: 举一反三不够 for a 整改 held up by funds).
_OWN_REASON = re.compile(
    r"因[^，。；]{1,12}(?:原因|所限|限制|影响)|由于|受[^，。；]{1,12}(?:影响|限制|制约)|受限于"
)


class Problem:
    """One problem of the draft: its text, the theme and sub-topic its plan must answer."""

    def __init__(self, text: str, theme: str, subtopic: Subtopic | None, own: bool = False) -> None:
        self.text = text
        self.theme = theme
        self.subtopic = subtopic
        self.own = own  # the writer's own problem


def problems_section(
    draft: Drafting, worked: list[str], work: Sequence[Block] = ()
) -> tuple[Section, list[Problem]]:
    """The problems section, and each problem for the plans to answer; `work` is the work
    section's blocks, whose practices no stock problem gainsays."""
    intro = (draft.fixed(draft.genre.problems_intro),)
    items: list[Item] = []
    problems: list[Problem] = []
    practices = _practices(work)
    # Earlier plans not carried out come first, then the writer's own problems.
    given = [(raw, f"unmet:{i}") for i, raw in enumerate(draft.answers.unmet, start=1)]
    given += [(raw, f"problem:{i}") for i, raw in enumerate(draft.answers.problems, start=1)]
    written: set[str] = set()
    for raw, source in given:
        text = dated(formalise(raw), draft.answers.period.year)
        if draft.genre.first_person:
            text = as_reporter(text, draft.answers.profile.secretary())
        # Every problem the writer named stands, whatever the draft said before it (a
        # framing may share its words); only the same problem typed twice is said once.
        if not text or text in written:
            continue
        written.add(text)
        draft.ledger.use(text)
        subtopic = answering(draft.answers.profile.kind, text)
        # The writer's problem stands as typed: a stock sentence after it would own up to
        # a shortcoming the writer did not name (reviewers struck every one).
        items.append(Item((Sentence(text, (source,)),)))
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
            sentences = _stock_problem(draft, subtopic, practices)
            if sentences:
                items.append(Item(sentences))
                problems.append(Problem(sentences[0].text, subtopic.theme, subtopic))
    blocks = [Block(None, (), tuple(items))]
    has_causes = draft.genre.has_causes(draft.answers.period.span)
    causes = _causes(draft, problems, practices) if has_causes else []
    if causes:
        # One cause is no 以下几个方面.
        said = draft.genre.causes
        said = said.replace("主要有以下几个方面：", "主要是：") if len(causes) == 1 else said
        blocks.append(Block(None, (draft.fixed(said),), tuple(causes)))
    heading = draft.heading("problems_causes" if causes else "problems")
    return Section("problems", heading, intro, tuple(blocks)), problems


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


def gainsays(text: str, practices: Sequence[str]) -> bool:
    """Whether `text` (a stock problem or cause) says a way of working a practice claims
    (以学促干), the names of the work aside: 发展党员 in both is its subject, not a claim."""
    subtopics = load_subtopics()

    def ways(said: str) -> str:
        for keyword in subtopics.keywords_in(said):
            said = said.replace(keyword, "|")
        return said

    return any(shares_stretch(ways(text), ways(said), GAINSAY) for said in practices)


def _practices(work: Sequence[Block]) -> list[str]:
    """How the work section says its work was done (注重学以致用、以学促干)."""
    return [
        sentence.text
        for block in work
        for sentence in (*block.intro, *(s for item in block.items for s in item.sentences))
        if any(":practice:" in source for source in sentence.sources)
    ]


def _stock_problem(
    draft: Drafting, subtopic: Subtopic, practices: Sequence[str] = ()
) -> tuple[Sentence, ...]:
    """Up to two curated problems of `subtopic` that the writer's facts do not contradict,
    nor the draft's own practices (以学促干的成效不明显 under 注重学以致用、以学促干,
    round AS): the first states the problem, a second (where it has one) says more of it."""
    facts = "".join(text for texts in draft.worked.values() for text in texts)
    found: list[Sentence] = []
    for number, problem in enumerate(subtopic.problems, start=1):
        if any(word in facts for word in problem.denies):
            continue
        if gainsays(problem.text, practices):
            continue
        text = draft.fit.fill(problem.text)
        # A second sentence says more, not the first's subject again (中心组学习 twice).
        if text and found and shares_stretch(text, found[0].text, PROBLEM_ECHO):
            continue
        if text and draft.ledger.is_new(text) and not draft.fit.forbids(text):
            draft.ledger.use(text)
            found.append(Sentence(f"{text}。", (f"curated:{subtopic.id}:problem:{number}",)))
            if len(found) == 2:
                break
    return tuple(found)


def _causes(draft: Drafting, problems: list[Problem], practices: Sequence[str] = ()) -> list[Item]:
    """A cause of each problem, in the problems' order (two problems of one theme get two
    of its causes), at most four; for stock problems at least two, or none.

    A cause of the organisation's own reports comes first, then the curated causes of the
    problem's sub-topic, then of its theme (written to fit any unit; the one worded most
    like its problem), then a mined one. The writer's own problem gets only a cause of
    its own work (its sub-topic's, or one worded like it): a stock cause beside it owns up
    to a failing the writer never named (reviewers in rounds X to AA struck them). Where
    the writer named fewer problems, the common themes make up the least.
    """
    least, most = CAUSES
    own = any(p.own for p in problems)
    wanted = min(len(problems) if own else max(len(problems), least), most)
    targets = [(p.theme, p.text, p.subtopic, p.own) for p in problems]
    if not own:
        targets += [(theme, "", None, False) for theme in COMMON_PROBLEM_THEMES]
    said = "".join(p.text for p in problems)
    causes: list[Item] = []
    subtopics = load_subtopics()
    for theme, problem, subtopic, writers in targets:
        if len(causes) == wanted:
            break
        if writers and _OWN_REASON.search(problem):
            continue
        item, _ = statement(draft, Kind.CAUSE, theme, said, own=True)
        if item is None and subtopic is not None and subtopic.causes:
            source = f"curated:{subtopic.id}:cause"
            # Named by the words its problems say (简单粗暴, 执法方式), not by a fact's word
            # (调解) or a short one (党员少): its causes need no words of the problem's.
            named = sum(len(word) for word in subtopic.answers if word in problem) >= NAMED
            item = _curated_cause(
                draft,
                subtopic.causes,
                source,
                problem,
                own_work=True,
                named=named,
                practices=practices,
            )
        if item is None:
            options = subtopics.themes[theme].causes
            source = f"curated:{theme}:cause"
            item = _curated_cause(
                draft, options, source, problem, closest_only=writers, practices=practices
            )
        if item is None and not writers:
            item, _ = statement(draft, Kind.CAUSE, theme, said)
        if item is not None:
            causes.append(item)
    return causes if len(causes) >= (1 if own else least) else []


def _curated_cause(
    draft: Drafting,
    options: tuple[str, ...],
    source: str,
    problem: str,
    closest_only: bool = False,
    own_work: bool = False,
    named: bool = False,
    practices: Sequence[str] = (),
) -> Item | None:
    """One of the curated causes not said yet: the one worded most like `problem`
    (发展党员难 → 发展党员工作的渠道…) where one shares CAUSE_LIKENESS pairs, else
    (unless `closest_only`) the draft's turn. Of a sub-topic's causes (`own_work`, all of
    the problem's own work) the closest always, in their order on a tie, if it speaks of
    the problem's matter or the problem was `named` by its sub-topic's problem words."""

    facts = "".join(a.text for a in draft.answers.activities)

    def fits(cause: str) -> bool:
        # Nor say the problem over again (手段还比较单一 under 监督手段单一), nor what the
        # writer's own facts deny.
        said_again = shares_stretch(unquoted(cause), unquoted(problem), CAUSE_ECHO)
        said_again = said_again or restates(cause, problem)
        # Nor gainsay how the work section says the work was done (以学促干, round AS).
        gainsaid = gainsays(cause, practices)
        fits = not unasked(cause, problem) and not said_again and not gainsaid
        # Nor what the problem itself denies (记录齐全 for 记录不规范, round BQ).
        return fits and not contradicted(cause, facts + problem)

    found = candidates(draft, options, source, keep=fits)
    if not found:
        return None
    ordered = (
        sorted(found, key=lambda c: int(c.sources[0].rsplit(":", 1)[1])) if own_work else found
    )
    closest = max(ordered, key=lambda cause: distinct_pairs(cause.text, problem))
    # The unit's own name for its work, filled in, is no likeness (党建与政协工作融合 is no
    # cause of a 政协's 协商成果转化, round DD).
    own = [str(draft.fit.values.get(slot, "")) for slot in _BUSINESS_SLOTS]
    bare = _without(closest.text, own)
    close = alike(bare, problem)
    # Of the problem's own work, still one speaking of its matter: 议事协商、网格服务 is no
    # cause of a 司法所's 人少事多, nor 三会一课 of 一线党员少 (round CG).
    related = named or content_pairs(bare, problem) or asked_for(closest.text, problem)
    unrelated = own_work and problem and not related
    if (not close and closest_only) or unrelated:
        return None
    chosen = closest if close or own_work else found[0]
    draft.ledger.use(chosen.text)
    return Item((Sentence(f"{chosen.text.rstrip('。')}。", chosen.sources),))


# The slots naming the unit's own business, filled into a cause (党建与{业务}融合).
_BUSINESS_SLOTS = ("业务", "中心工作", "事业")


def _without(text: str, words: Sequence[str]) -> str:
    """`text` with each of `words` (two characters or more) cut out, a gap in its place."""
    for word in sorted(words, key=len, reverse=True):
        if len(word) >= 2:
            text = text.replace(word, "|")
    return text


# Words a cause's head and its problem share without saying the same thing.
_FILLER = re.compile(r"还|不够|不足|有待|比较|较|的|了|有时|存在|一些|仍")
# The share of a cause head's character pairs its problem holds when it says it again.
RESTATED = 0.55


def restates(cause: str, problem: str) -> bool:
    """Whether a cause's head says its problem over again in other order (学习的主动性还不够强
    under 学习主动性不够; 党员教育管理还不够精细 under 日常教育管理抓得不够细, round BG)."""
    head = _pairs(_FILLER.sub("", cause.split("。", maxsplit=1)[0]))
    said = _pairs(_FILLER.sub("", problem))
    return len(head) >= 4 and len(head & said) >= RESTATED * len(head)


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
        every = draft.c.bank.children(head.id)
        children = [c for c in every if draft.fit.allows(c)]
        # A plan whose source went on to its measures (of another trade, left out here) is
        # a heading: alone it promises without saying how.
        if kind is Kind.PLAN and not children and (every or len(head.text) <= SLOGAN_MAX):
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


def shared_pairs(a: str, b: str) -> int:
    """How many two-character stretches `a` and `b` share: a rough likeness of wording."""
    pairs = _pairs(b)
    return sum(a[i : i + 2] in pairs for i in range(len(a) - 1))


def distinct_pairs(a: str, b: str) -> int:
    """How many different two-character stretches `a` and `b` share."""
    return len(_pairs(a) & _pairs(b))


def alike(a: str, b: str) -> bool:
    """Whether `a` is worded like `b`: CAUSE_LIKENESS shared pairs, CAUSE_CONTENT of
    them no mere function words (还需加强 and 党建工作 are said of every matter)."""
    shared = _pairs(a) & _pairs(b)
    return len(shared) >= CAUSE_LIKENESS and len(content_pairs(a, b)) >= CAUSE_CONTENT


def content_pairs(a: str, b: str) -> set[str]:
    """The two-character stretches of matter `a` and `b` share: no function words."""
    return {pair for pair in (_pairs(a) & _pairs(b)) - _COMMON_PAIRS if pair.isalnum()}


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}
