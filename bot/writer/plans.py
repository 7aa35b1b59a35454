"""The plans section: a plan answering each problem by content (the sub-topic whose
words it shares; for the writer's own, the measures its words make, remedies.py), then
one for each theme most worked on, four to six in all; looking ahead to the next period."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from phrasebank.phrase import Kind
from phrasebank.text import shares_stretch

from .asked import asked_for, contradicted, unasked
from .checks import lists
from .fit import OVERLAP
from .placing import answering
from .planleads import SLOT, plan_lead
from .problems import Problem, alike, distinct_pairs, shared_pairs, statement
from .remedies import REMEDY, brief, leads, of_matter, remedy
from .report import Block, Item, Section, Sentence
from .subtopics import CENTRAL_TASK_ID, Subtopic, load_subtopics
from .wording import as_reporter, formalise

if TYPE_CHECKING:
    from .compose import Drafting
    from .period import Period

# What a plan says it will set up: 建立…制度, 修订完善…规则, 设立党员先锋岗.
_SETS_UP = re.compile(
    r"(?:建立|制定|修订完善|修订|出台|建成|设立|签订)"
    r"([^，。；、]{2,12}?(?:制度|机制|规则|清单|办法|台账|中心|先锋岗|示范岗|责任区|责任书))"
)
# What a year's start sets: a plan for a half year or a quarter does not (round AZ: 制定
# 年度工作要点 in a 下半年 plan).
_YEAR_START = re.compile(r"年初|年度工作要点|年度学习计划")
PLAN_REPEAT = 4  # a measure sharing this long a stretch with each earlier one says it again
# Meetings held at the turn of the year, which a plan for the rest of a year does not hold.
_YEAR_END_MEETINGS = re.compile(r"民主生活会|组织生活会|述职评议")
# Distinct character pairs a theme's plan must share with a problem no sub-topic answers.
CLOSEST_LIKENESS = 3
# Two-character stretches a sub-topic's plan must share with the writer's own problem.
OWN_LIKENESS = 3
# At most this many plans, those answering the problems first; plans of themes worked on
# answer no problem and add at most THEME_PLANS, up to PLANS_LEAST in all: three such of
# six plans made the plans a quarter of the body, "too long" in rounds AL to AO.
PLANS_MAX = {"quarter": 4, "half": 5, "year": 6}
PLANS_LEAST = {"quarter": 3, "half": 4, "year": 4}
THEME_PLANS = 2
# Themes whose work makes no plan of its own unless a problem asks: a 工会 健步走 or
# 凝聚巾帼力量 as next year's work answers nothing (rounds AD, AE, AH struck them).
UNPLANNED = ("culture",)
# Measures a plan item holds: the seeds' plans answering a problem name three or more
# (落实…；打造…；严格落实…), a quarter's fewer. A plan of a theme worked on that answers
# no problem says less: four measures of 主题党日 in a 党组's report are out of scale,
# and plans a third of the body outweigh the work (round AL).
PLAN_MEASURES = {"quarter": 2, "half": 3, "year": 3}
THEME_MEASURES = {"quarter": 1, "half": 2, "year": 2}


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
        if draft.genre.first_person:
            text = as_reporter(text, draft.answers.profile.secretary())
        if text and draft.ledger.is_new(text):
            draft.ledger.use(text)
            items.append(Item((Sentence(text, (f"plan:{index}",)),)))
            subtopic = answering(draft.answers.profile.kind, text)
            themes.append(subtopic.theme if subtopic else draft.matcher.classify(text).theme)
            if subtopic is not None:
                answered.add(subtopic.id)
    own_plans = bool(draft.answers.plans)
    # Closed loop: each problem its answer, by content; then each theme worked on.
    business = False  # whether a plan already answers a problem of the unit's business
    for problem in problems:
        if problem.subtopic is not None and problem.subtopic.id in answered:
            continue
        subtopic = problem.subtopic
        # A second problem of the business gets no second plan of 党建与业务融合 (round
        # DB: a 工商联's 商会 and 企业家 problems); it is answered in its own words.
        if subtopic is not None and subtopic.id == CENTRAL_TASK_ID and problem.own:
            if business:
                subtopic = None
            business = True
        item = _answer(draft, subtopic, problem.theme, problem.text, problem.own)
        if item is not None:
            items.append(item)
            themes.append(problem.theme)
    if not own_plans:
        # Then the themes most worked on, up to the genre's usual count of plans: ten
        # plans after two problems is padding (reviewers cut them to three or four).
        most = sorted(worked, key=lambda theme: -len(draft.worked.get(theme, ())))
        span = draft.answers.period.span
        limit = min(PLANS_MAX[span], max(PLANS_LEAST[span], len(items) + THEME_PLANS))
        # A sub-topic a problem's plan already speaks to gets no second plan: it said it
        # again (五是领导班子带头学 after 一是发挥中心组示范作用, round CT).
        planned = {p.subtopic.id for p in problems if p.subtopic is not None}
        for theme in most:
            if len(items) >= limit:
                break
            # The sub-topic done most; failing its plans, another the writer did. Facts
            # of no sub-topic (a school's 陪餐 filed under 廉政) say nothing to plan for:
            # a 警示教育 plan over them answers no work and no problem; nor does a
            # 网格化治理 plan a 水利局's flood work (round QQ: reviewers struck it).
            if theme not in themes and theme not in UNPLANNED:
                for subtopic in (s for s in _done(draft, theme) if s.id not in planned):
                    # Its curated plans only: a mined one is another unit's (协助纪检组深化
                    # 纪检监察体制改革 in a village's plans, round AG).
                    facts = draft.activities_of(theme)
                    item = _answer(draft, subtopic, theme, facts, mined=False, asked=False)
                    if item is not None:
                        items.append(item)
                        themes.append(theme)
                        break
    return Section("plans", heading, intro, (Block(None, (), tuple(items)),)), themes


def _done(draft: Drafting, theme: str) -> list[Subtopic]:
    """The sub-topics of `theme` the writer did work in, the most done first."""
    subtopics = load_subtopics()
    counts: dict[str, int] = {}
    for placed in draft.placed:
        if placed is not None and placed.theme == theme and placed.subtopic:
            counts[placed.subtopic] = counts.get(placed.subtopic, 0) + 1
    return [subtopics[s] for s in sorted(counts, key=lambda s: -counts[s])]


def _answer(
    draft: Drafting,
    subtopic: Subtopic | None,
    theme: str,
    text: str,
    own: bool = False,
    mined: bool = True,
    asked: bool = True,
) -> Item | None:
    """A plan answering `text`: its sub-topic's curated plan; for the writer's own problem
    that no sub-topic answers, a plan naming that problem; else a mined plan of its theme."""
    bodies: list[Sentence] = []
    # The measures mending the faults the writer's own problem names, in its words.
    mended = remedy(text) if own else None
    # It says the problem's words again by design: the ledger, which holds them, has
    # no say; the unit's fit and the facts do.
    facts = "".join(t for texts in draft.worked.values() for t in texts) if mended else ""
    if mended is not None and (draft.fit.forbids(mended) or contradicted(mended, facts)):
        mended = None
    if subtopic is not None:
        wanted = (PLAN_MEASURES if asked else THEME_MEASURES)[draft.answers.period.span]
        templates: list[str] = []
        # The plan for a matter the problem names, then the one closest to its own words,
        # answers it first.
        ranked = sorted(
            enumerate(subtopic.plans, start=1),
            key=lambda p: (not asked_for(p[1], text), -shared_pairs(p[1], text)),
        )
        for number, plan in ranked:
            filled = draft.fit.fill(plan)
            # A later sentence does not say an earlier one's way over (采取…等方式 twice,
            # 警示教育 in all three).
            # Nor a stretch of an earlier one, the unit's words filled in aside (the
            # ledger takes the plan only once it is written).
            again = _says_again(plan, templates) or any(
                shares_stretch(SLOT.sub("|", plan), SLOT.sub("|", t), OVERLAP) for t in templates
            )
            # A theme's plan answers no problem: the facts are no fault to mend.
            fault = text if asked else ""
            if (
                filled
                and _fits_plan(draft, filled, fault)
                and not unasked(plan, text)
                and not again
            ):
                # Said (the ledger) only once the plan is written: a plan passed over for a
                # closer one leaves its measures to another problem (round AS: 兼职 had none).
                templates.append(plan)
                source = f"curated:{subtopic.id}:plan:{number}"
                bodies.append(Sentence(f"{filled.rstrip('。')}。", (source,)))
                if len(bodies) == wanted:
                    break
        # The writer's own problem needs a plan about it, not merely of its sub-topic.
        # A plan and a problem sharing a word the sub-topic answers (融合) are related.
        said = "".join(body.text for body in bodies)
        # So are a plan and a problem of one matter (年龄结构 for 党员老龄化, round BN).
        alike_work = any(word in text and word in said for word in subtopic.answers)
        alike_work = alike_work or asked_for(said, text)
        unrelated = own and (
            not bodies or (shared_pairs(bodies[0].text, text) < OWN_LIKENESS and not alike_work)
        )
        if bodies and not unrelated:
            return _led(draft, subtopic, bodies, mended)
    if own:
        # The writer's own problem that no sub-topic's plans answer: the measures mending
        # the faults it names, in its own words (创新科普活动形式 for 科普活动形式单一,
        # round BW), before the theme's measure most like it (not 针对<the problem
        # pasted>的问题: reviewers in round Y struck the pasting); failing one, its
        # sub-topic's plan (the sub-topic its words name); failing that, a mined plan of
        # its theme. An empty promise (深入查找根源，逐项制定整改措施) answers nothing:
        # writers struck it.
        # Under the measures mending it, the theme's measure must be of their matter too
        # (发挥榜样示范作用 shares 组织…作用, not work, with “三长”作用发挥不够, round BW).
        closest = _closest_plan(draft, theme, text, mended)
        if closest is not None:
            measure, source = closest
            draft.ledger.use(measure)
            answering = load_subtopics()[source.split(":")[1]]
            body = [Sentence(f"{measure.rstrip('。')}。", (source,))]
            return _led(draft, answering, body, mended)
        if subtopic is not None and bodies:
            return _led(draft, subtopic, bodies, mended)
        if mended is not None:
            draft.ledger.use(mended)
            return Item((Sentence(f"{mended}。", (REMEDY,)),))
    if not mined:
        return None
    item, said = statement(draft, Kind.PLAN, theme, text)
    # A mined plan for the writer's own problem must be about it: 打造党建品牌 does not
    # answer a 老好人 problem (round QQ).
    if own and item is not None and not alike(said, text):
        return None
    return item


def _led(
    draft: Drafting, subtopic: Subtopic, bodies: list[Sentence], mended: str | None = None
) -> Item:
    """`bodies` under their lead, the unit's posts called as its writer calls them; the
    lead is `mended`, the measures mending the writer's problem, where they do not say
    the bodies over (提高临床科室党支部“三会一课”质量 over 落实“三会一课”制度)."""
    facts = "".join((*(a.text for a in draft.answers.activities), *draft.answers.problems))
    bodies = [replace(body, text=posts_as_named(body.text, facts)) for body in bodies]
    for body in bodies:
        draft.ledger.use(body.text)
    said = "".join(body.text for body in bodies)
    if mended is not None and leads(mended, said):
        draft.ledger.use(mended)
        return Item((Sentence(f"{brief(mended)}。", (REMEDY,)), *bodies))
    lead = plan_lead(draft, subtopic, bodies)
    return Item((lead, *bodies) if lead else tuple(bodies))


def _closest_plan(
    draft: Drafting, theme: str, problem: str, mended: str | None = None
) -> tuple[str, str] | None:
    """The curated plan of `theme` worded most like the writer's `problem` (CLOSEST_LIKENESS
    distinct character pairs at least), filled and fit, with its source; None when none is.
    Under `mended`, the measures the problem's own words make, it is of their matter too."""
    ranked = sorted(
        (
            (-distinct_pairs(plan, problem), subtopic.id, number, plan)
            for subtopic in load_subtopics().of_theme(theme)
            for number, plan in enumerate(subtopic.plans, start=1)
        ),
    )
    for negative, subtopic_id, number, plan in ranked:
        if -negative < CLOSEST_LIKENESS:
            break
        # 党员干部 in both is no likeness of matter (网格化 for a 老好人 problem, round QQ).
        if not alike(plan, problem):
            continue
        if mended is not None and not of_matter(plan, mended):
            continue
        filled = draft.fit.fill(plan)
        if filled and _fits_plan(draft, filled, problem) and not unasked(plan, problem):
            return filled, f"curated:{subtopic_id}:plan:{number}"
    return None


def _fits_plan(draft: Drafting, text: str, problem: str = "") -> bool:
    """A plan not said yet, fit for the unit, and about the next period: 年初 and a year's
    工作要点 only when the next period starts a year."""
    if _YEAR_START.search(text) and draft.answers.period.last_month != 12:
        return False
    # 民主生活会 and 组织生活会 are held at the turn of the year: no plan for a summer.
    if _YEAR_END_MEETINGS.search(text) and draft.answers.period.last_month < 9:
        return False
    # Nor a day the next period does not hold (七一 in a fourth quarter's plan, round BD),
    # nor one at the turn of the periods (七一 in a second half year's plan, 国庆 in a
    # fourth quarter's, rounds BP and BQ): the report is written after it.
    coming = _next_months(draft.answers.period)
    last = draft.answers.period.last_month
    facts = "".join(text for texts in draft.worked.values() for text in texts)
    for day, months in lists().days.items():
        turn = min(months) >= last and max(months) <= last % 12 + 1
        if _names_day(day, text) and (not set(months) & coming or turn):
            return False
    # Not to set up what the writer reports already set up (修订完善议事规则 after 制定议事规则),
    # but revise what the problem finds fault with (责任清单的针对性还不够强: round BA).
    for made in _SETS_UP.findall(text):
        if made[-4:] in problem and "修订" in text:
            continue
        # 签订党风廉政建设责任书 after 分别签订责任书: the kind of thing made, not its name.
        if (made[-3:] == "责任书" and "责任书" in facts) or made[-4:] in facts:
            return False
        # 设立党员先锋岗 beside 示范岗3个: the unit's posts, whatever it calls them (CB).
        if made[-3:] in _POSTS and any(post in facts for post in _POSTS):
            return False
    # 总结推广已建党员示范岗 presumes posts the writer reported (round DK: a 教师发展中心 had
    # none, and its signer struck the claim).
    if "已建" in text and not any(post in facts + problem for post in _POSTS):
        return False
    if contradicted(text, facts):
        return False
    return draft.ledger.is_new(text) and not draft.fit.forbids(text)


def _names_day(day: str, text: str) -> bool:
    """Whether `text` names the day `day` (建党, not the 建党 of 组建党支部 or 已建党员示范岗)."""
    return re.search(rf"(?<![组创筹]){re.escape(day)}(?![员支组委])", text) is not None


def _next_months(period: Period) -> set[int]:
    """The months of the period after `period`, of the same length."""
    length = len(period.months())
    return {(period.last_month + i - 1) % 12 + 1 for i in range(1, length + 1)}


def _says_again(plan: str, earlier: list[str]) -> bool:
    """Whether the template `plan` repeats the earlier measures' way of saying it: a
    quoted name (“三会一课” twice), 等方式 twice, or a stretch of words every one of them
    says (警示教育 in a third measure after two); a term two measures share is no repeat,
    nor are the unit's words in a slot ({业务})."""
    for first in earlier:
        quoted = set(re.findall(r"“[^”]+”", plan)) & set(re.findall(r"“[^”]+”", first))
        if quoted or ("等方式" in plan and "等方式" in first):
            return True
    own = SLOT.sub("|", plan)
    return len(earlier) > 1 and all(
        shares_stretch(own, SLOT.sub("|", first), PLAN_REPEAT) for first in earlier
    )


# What writers call a party member's post: a unit has one or the other (round BI).
_POSTS = ("先锋岗", "示范岗")


def posts_as_named(plan: str, facts: str) -> str:
    """`plan` calling the unit's 党员先锋岗 or 示范岗 what its facts call them: 总结推广已建党员
    示范岗 for a unit that set up 先锋岗 misnames them (round BI)."""
    # Its 编外 staff too: a police unit's are 辅警 (round BK), not 协管员.
    if "辅警" in facts and "协管员" not in facts:
        plan = plan.replace("协管员等编外人员", "辅警队伍")
    named = [post for post in _POSTS if post in facts]
    if len(named) != 1:
        return plan
    other = next(post for post in _POSTS if post != named[0])
    plan = plan.replace(other, named[0])
    return re.sub(rf"(党员{named[0]})、\1|({named[0]})、\2", r"\1\2", plan)
