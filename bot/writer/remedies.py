"""A plan's measure made of the writer's own problem: each clause that says a fault
(部分基层社为农服务能力弱) turned into the measure that mends it (提升基层社为农服务能力),
by the rules of ``data/remedies.toml``. For problems no sub-topic's plans answer."""

from __future__ import annotations

import re
from functools import cache

from phrasebank.text import Rule, read_data, rules, shares_stretch

from .problems import content_pairs

# Clauses of one problem turned into measures, at most.
MOST = 2
# Who a clause says has the fault, which its measure does not say again: 部分基层社 →
# 基层社, 本人理论学习 → 理论学习 (the plan is the writer's own).
_WHO = re.compile(
    r"^(?:(?:本人|我|自己|自身)(?:的)?|(?:部分|个别|有的|少数|一些|一部分)(?:人员|同志)?"
    # What a clause concludes from the one before (…，说明日常监管有漏洞, round CX).
    r"|说明|反映出|暴露出|可见)+"
)
_CLAUSES = re.compile(r"[，；。,;]")
# Adverbs of the fault a measure leaves out.
_SOMETIMES = re.compile(r"有时候|有时|仍然|依然")
# A lead longer than this drops its list of places or works (A、B、C等).
BRIEF_MAX = 20
_VERB = re.compile(r"充分发挥|严格执行|加强对|[\u4e00-\u9fff]{2}")
_LISTED = re.compile(r"(?:[^、，。；“”]{1,10}、)+[^、，。；“”]{1,10}等(?=重点)")
# A lead longer than this drops where a role is played (充分发挥党员在村级防疫一线的带头
# 作用 → 充分发挥党员带头作用, round CU).
PLACED_MAX = 16
_PLACED = re.compile(r"在[^，。；、“”]{2,12}?(?:中|上|一线|里|方面)的(?=[^，。；的]{1,6}作用$)")
# The source of a measure made of the writer's own problem.
REMEDY = "remedy"
# Pairs of matter a plan shares with the measures mending a problem to go with them.
MENDED_CONTENT = 2
# Words any mending says (充分发挥…作用, 加强对…的指导): no likeness of matter.
_MENDING = frozenset(
    {"充分", "分发", "发挥", "挥作", "挥党", "员在", "作用", "加强", "强对", "推动", "提升", "增强"}
)
# A lead sharing this long a stretch with the plans under it says them twice.
LEAD_ECHO = 5


@cache
def remedy_rules() -> tuple[Rule, ...]:
    """Fault → measure rules (``data/remedies.toml``), tried in order on each clause."""
    raw = read_data("bot.writer.data", "remedies.toml")
    return rules(raw["rule"], raw["lists"])


def mend(clause: str) -> str | None:
    """The measure mending the fault `clause` says, or None where no rule knows it."""
    clause = _WHO.sub("", clause.strip())
    for rule in remedy_rules():
        if rule.pattern.fullmatch(clause):
            # A fault's 有时 is no part of its mending (推动理论学习和业务深度融合).
            return _SOMETIMES.sub("", rule.apply(clause))
    return None


def brief(mended: str) -> str:
    """`mended` as a plan's lead: its first measure, its list of places dropped when
    long (加强重点岗位廉政风险防控, not 加强土地审批、不动产登记、执法等重点岗位…)."""
    first = mended.split("，", maxsplit=1)[0]
    if len(first) > BRIEF_MAX and (verb := _VERB.match(first)):
        first = verb.group() + _LISTED.sub("", first[verb.end() :])
    if len(first) > PLACED_MAX:
        first = _PLACED.sub("", first)
    return first


def remedy(problem: str) -> str | None:
    """The measures mending the faults `problem` names, joined as one plan sentence
    (创新科普活动形式，…), or None where no clause of it is known."""
    measures: list[str] = []
    for clause in _CLAUSES.split(problem):
        measure = mend(clause)
        if measure is not None and measure not in measures:
            measures.append(measure)
        if len(measures) == MOST:
            break
    return "，".join(measures) or None


def of_matter(plan: str, mended: str) -> bool:
    """Whether `plan` is of the matter of `mended`, the measures a problem makes: 发挥榜样
    示范作用 shares 组织…作用, not work, with 充分发挥基层科协组织“三长”作用 (round BW)."""
    return len(content_pairs(plan, mended) - _MENDING) >= MENDED_CONTENT


def leads(mended: str, said: str) -> bool:
    """Whether `mended` may lead plans that say `said`: of their matter (增强…理论学习的
    主动性 over 改进理论学习方式, not 防止学习流于形式 over 定期专题研究党建工作), and not
    saying them over."""
    return of_matter(said, mended) and not shares_stretch(mended, said, LEAD_ECHO)
