"""A plan's short lead naming its work (规范发展党员工作。), as the seeds write plans:
chosen from its sub-topic's leads, or its theme's short headings, never saying the
plan's own words again nor naming a matter the plan does not."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from phrasebank.text import shares_stretch

from .claims import unslotted
from .curated import candidates
from .problems import distinct_pairs
from .report import Sentence
from .subtopics import Subtopic, load_subtopics

if TYPE_CHECKING:
    from .compose import Drafting

SLOT = re.compile(r"\{[^}]*\}")  # a slot in a plan's template: the unit's own words
# A plan's lead sharing this long a stretch with the plan only says it twice.
PLAN_LEAD_ECHO = 5
# Distinct character pairs a sub-topic's lead shares with a plan to come before the others.
PLAN_LEAD_LIKENESS = 3


def plan_lead(draft: Drafting, subtopic: Subtopic, bodies: list[Sentence]) -> Sentence | None:
    """A plan's short lead naming its work, as the seeds write plans: a lead of its
    sub-topic (规范发展党员工作。, not 建强基层战斗堡垒。 over 发展党员), one naming
    what the plan names first (开好民主生活会 over a plan for one), else a short heading
    of its theme; never one saying the plan's own words again."""
    said = "".join(body.text for body in bodies)
    subtopics = load_subtopics()

    def fresh(lead: str) -> bool:
        # Not the plan's words again, nor work the plan does not name (强化师德考核 over
        # a plan for 作风教育); the unit's own words in both (城市管理业务) are no echo.
        named = subtopics.keywords_in(unslotted(lead))
        own, heard = draft.fit.fill(lead) or lead, said
        for slot in SLOT.findall(lead):
            value = str(draft.fit.values.get(slot[1:-1], ""))
            if value:
                own, heard = own.replace(value, "|"), heard.replace(value, "|")
        echo = shares_stretch(own, heard, PLAN_LEAD_ECHO)
        # A matter's lead (关心关爱党员) leads only a plan of that matter (round CG).
        unnamed = any(m.lead == lead and not m.words.search(said) for m in subtopic.matters)
        return not echo and not unnamed and all(word in said for word in named)

    def names_the_plan(lead: str) -> bool:
        named = subtopics.keywords_in(unslotted(lead))
        return fresh(lead) and bool(named) and all(word in said for word in named)

    # The sub-topic's lead worded most like the plan, where one is (建强带头人队伍, not
    # 抓好示范支部创建, over a plan to 选优配强党组织书记); else one naming what the plan
    # names; else the draft's turn of its leads, or of the theme's short headings.
    found = candidates(
        draft, subtopic.plan_leads, f"curated:{subtopic.id}:plan_lead", keep=fresh
    ) + candidates(draft, subtopic.leads, f"curated:{subtopic.id}:lead", keep=fresh)
    if found:
        likeness = [distinct_pairs(lead.text, said) for lead in found]
        # Of leads as like the plan, one written for plans (推动党建与业务深度融合).
        best = max(
            range(len(found)),
            key=lambda n: (likeness[n], ":plan_lead:" in found[n].sources[0]),
        )
        naming = [lead for lead in found if names_the_plan(lead.text)]
        # A lead written for one plan (方便分散党员学习) leads only a plan like it.
        general = [lead for lead in found if ":plan_lead:" not in lead.sources[0]]
        close = likeness[best] >= PLAN_LEAD_LIKENESS
        chosen = found[best] if close else (naming or general or found)[0]
    else:
        headings = subtopics.themes[subtopic.theme].headings["short"]
        found = candidates(draft, headings, f"curated:{subtopic.theme}:heading", keep=fresh)
        if not found:
            return None
        chosen = found[0]
    draft.ledger.use(chosen.text)
    return Sentence(f"{chosen.text}。", chosen.sources)
