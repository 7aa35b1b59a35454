"""The wording of one work item: its lead, how the work was done, and its effect.

A lead names what the facts are (mined of their sub-topic, else curated); a practice
says how such work is done (严格按照发展党员工作程序), never what it achieved; an effect
clause is the organisation's own. None names work the facts lack or repeats them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from phrasebank.phrase import Kind, Phrase
from phrasebank.text import shares_stretch

from .claims import ACHIEVED, CLAIMED, speaks_of_facts
from .curated import Curated
from .grouping import label_lead, topic_label, unquoted
from .placing import answering
from .report import Sentence
from .subtopics import CENTRAL_TASK_ID, Match, Matter, Subtopic, Subtopics

if TYPE_CHECKING:
    from .compose import Drafting
    from .frames import Frames

# Two leads of one list sharing this long a stretch say the same thing.
SIBLING_CHARS = 4
# A lead sharing a stretch this long with its facts would only repeat them.
ECHO_CHARS = 6
# Keyword evidence (characters matched) for facts to be plainly of their sub-topic.
STRONG_MATCH = 4
# Group organisations, each its own: a practice naming one says nothing of another's work.
GROUPS = ("工会", "团支部|团委|共青团|团员", "妇委会|妇联", "少先队")
# Whom a service to 群众 reaches: a fact naming none of them serves firms or no one.
_PEOPLE = (
    r"群众|居民|村民|患者|病人|老人|学生|家长|职工|百姓|市民|农户|农民|办事"
    r"|残疾|儿童|妇女|困难|游客|旅客|乘客|考生|服务对象|小区|楼道|社区|村里|街巷"
)
# What a practice presumes the facts tell (its words, the facts' words): 以赛促学 a contest,
# “团结—批评—团结” criticism, 志愿精神 volunteers (round AZ struck each over facts of none).
PRESUMES = {
    "以赛促": r"赛|比武|擂台|竞技",
    "团结—批评—团结": r"批评|查摆|对照检查|民主评议|民主生活会",
    "志愿精神": r"志愿",
    # 明确责任分工 over a 支委会 that set tasks (round BA).
    "谁主管、谁负责": r"责任书|责任清单|责任分工|分工|一岗双责|签订|谁主管",
    # 学习贯彻党中央精神 over a study of the 县委全会 (round BO).
    "党中央精神": r"中央|总书记|习近平|二十届|全国",
    # 服务学员, 从学员最关心的事情做起 over a 党校's visits to a village (round BQ).
    "学员": r"学员|班次|培训",
    # 选树身边典型 over a community's 清理楼道杂物, which selected no one (round BZ).
    "选树": r"评选|选树|评出|好人|典型|最美|表彰|好媳妇|文明户",
    # 开展述职评议 over a 述职评议 the unit underwent, 接受 over one it ran (round CT).
    "开展述职评议": r"(?:^|[，。；])(?:(?!接受|参加)[^，。；])*述职评议",
    "接受述职评议": r"接受[^，。；]{0,12}述职评议",
    # 从群众最关心的事情做起, 深化为民服务 over services to firms alone (round CY).
    "群众最关心": _PEOPLE,
    "群众作为检验": _PEOPLE,
    "为民服务": _PEOPLE,
    # 召开家庭助廉座谈会 over home visits and pledges, no meeting (round CW).
    "座谈会": r"座谈",
    # 突出党性教育 over a party day spent cleaning a reservoir, at a premiere or at a
    # site check (round CV); a party day told by its count alone presumes nothing.
    "党性教育": r"誓词|革命|红色|烈士|纪念|党性|党史|初心|英雄|先烈|党课|入党|政治生日|英模"
    r"|^(?!.*(?:清理|清扫|垃圾|首演|演出|排查|现场|植树|义诊|志愿|巡河|巡查|护库|慰问|宣传))",
}
# Mined leads and effects of a sub-topic tried for one item.
MINED_CANDIDATES = 3


class ItemWords(Curated):
    """Chooses the wording of the items of one draft's work section."""

    def __init__(self, draft: Drafting, subtopics: Subtopics, frames: Frames) -> None:
        self.d = draft
        self.subtopics = subtopics
        self.frames = frames
        self.leads_here: list[str] = []  # the leads of the subsection being written
        self.openings_here: list[str] = []  # how its practices open (坚持, 严格 …)
        self.matched: dict[str, Match | None] = {}  # facts → the sub-topic they name
        # Sub-topics the writer's own problems are about: saying how well their work was
        # done (坚持学用结合) would gainsay the writer (学了用的少), reviewers struck it.
        self.faulted = {
            found.id
            for problem in draft.answers.problems
            if (found := answering(draft.answers.profile.kind, problem))
        }

    def new_subsection(self) -> None:
        self.leads_here = []
        self.openings_here = []

    def plainly(self, fact: str, theme: str, subtopic: Subtopic) -> bool:
        """Whether `fact` names `subtopic` by keywords of at least STRONG_MATCH characters."""
        named = self.subtopics.match(fact, theme)
        return named is not None and named.subtopic is subtopic and named.score >= STRONG_MATCH

    def naming(self, text: str, subtopic: Subtopic, facts: str) -> int | None:
        """How `text` names the work of `facts`: 0 naming only work they name, 1 its
        sub-topic's own work unsaid, 2 no work at all; None naming work they lack."""
        named = self.subtopics.keywords_in(text)
        if not (missing := [k for k in named if k not in facts]):
            return 2 if not named else 0
        # A lead may name its sub-topic's own work unsaid (落实“三会一课”制度 over 支委会
        # 3次), but not one half of a label of two works (细化责任清单 over 签订责任书),
        # nor work of a sub-topic only guessed from alike examples (共建 over 开学).
        whole = "与" not in subtopic.label and self._match(facts) is not None
        return 1 if whole and all(k in subtopic.label for k in missing) else None

    def _match(self, facts: str) -> Match | None:
        """The sub-topic `facts` name by keywords, found once per item's facts."""
        if facts not in self.matched:
            self.matched[facts] = self.subtopics.match(facts)
        return self.matched[facts]

    def practice(self, subtopic: Subtopic, facts: str, lead: str, variant: int) -> Sentence | None:
        """How the item's work was done, between its lead and its facts (严格按照发展党员
        工作程序), as the seeds say it: naming no work the facts lack, repeating neither
        them nor the lead, opening unlike the subsection's other practices, and none for
        work the writer names a problem of."""
        if subtopic.id in self.faulted:
            return None
        found = self._match(facts)
        plain = found is not None and found.subtopic is subtopic

        def keep(template: str) -> bool:
            text = self.d.fit.fill(template) or template
            if _echoes(text, facts):
                return False
            # Nor open as its subsection's other practices do, nor as the words above it
            # go on (注重发挥宣传阵地作用，… then 注重管建并重).
            opening = text[:2]
            if shares_stretch(text, lead, SIBLING_CHARS) or opening in self.openings_here:
                return False
            # Nor as the facts after it open (严格执行议事规则… then 严格执行“三重一大”…), nor
            # name what their first clause names (把“三会一课”作为… then 落实“三会一课”制度，
            # round CI).
            if opening in lead or facts.startswith(opening):
                return False
            first = re.split(r"[，；]", facts, maxsplit=1)[0]
            if any(name in first for name in re.findall(r"“[^“”]+”", text)):
                return False
            # Nor presume what the facts do not tell (以赛促学 over a 练兵 of no contest).
            if _presumes(text, facts):
                return False
            # Nor name one group organisation over another's facts too (发挥工会联系服务职工
            # 的桥梁纽带作用 over 团支部 work: round AT struck it).
            groups = {g for g in GROUPS if re.search(g, text)}
            if groups and any(re.search(g, facts) for g in GROUPS if g not in groups):
                return False
            # It may name its own sub-topic's work (以案促改 of a 警示教育) where the facts
            # plainly are of it, never another's.
            named = [k for k in self.subtopics.keywords_in(text) if k not in facts]
            return not named or (plain and all(k in subtopic.keywords for k in named))

        source = f"curated:{subtopic.id}:practice"
        sentence = self.curated(subtopic.practices, source, variant, keep=keep)
        if sentence is not None:
            self.openings_here.append(sentence.text[:2])
        return sentence

    def lead(self, theme: str, subtopic: Subtopic, facts: str, variant: int) -> Sentence | None:
        """A lead naming the sub-topic: a mined lead of the same sub-topic, else a curated one.

        Best is a lead whose specific words (警示教育, 网格化) are all in the facts; then
        one naming only its own sub-topic (创新主题党日载体 over 重温入党誓词); then a
        general one (扛牢整改政治责任 is no lead for a 巡察 the unit carried out when
        开展内部巡察 is there); never one naming another sub-topic's work, nor repeating a
        stretch of the facts.
        """
        d = self.d

        def fresh(text: str, matter: str = "") -> bool:
            # Nor with its quotation marks: 落实“三重一大”制度 over 研究“三重一大”事项.
            if _echoes(text, facts):
                return False
            if _presumes(text, facts):
                return False
            # Leads of one list say different things (not 党建引领… twice, nor the unit's
            # 乡村振兴 twice once filled in); a second item of one business matter names
            # it again (依法履行审计监督职责, then 统筹抓好审计监督).
            said = d.fit.fill(text) or text
            # Nor say one word at both ends once filled (服务保障公共文化服务).
            if len(said) > 4 and said[:2] == said[-2:]:
                return False
            others = [other for other in self.leads_here if not (matter and matter in other)]
            return not any(shares_stretch(said, other, SIBLING_CHARS) for other in others)

        def rank(text: str) -> int | None:
            if not fresh(text):
                return None
            found = self.naming(text, subtopic, facts)
            # Best of all names the work as the facts do (开展谈心谈话 over 谈心谈话).
            named = subtopic.label in text and subtopic.label in facts
            return -1 if found == 0 and named else found

        label = topic_label(facts) if subtopic.id == CENTRAL_TASK_ID else None
        if label is not None and "；" not in facts:
            # The writer named this business (免疫规划方面，…): the lead says their name.
            # It says the label its fact then drops; another lead saying it is a sibling.
            text = d.fit.fill(label_lead(label))
            sibling = any(shares_stretch(label, other, SIBLING_CHARS) for other in self.leads_here)
            if text and d.ledger.is_new(text) and not d.fit.forbids(text) and not sibling:
                return self.commit(Sentence(text, (f"curated:{subtopic.id}:label",)))

        def unsaid(matter: Matter) -> bool:
            return d.fit.never_says(matter.lead)

        matters = subtopic.matters_of(facts.split("；"), unsaid) if subtopic.matters else []
        if matters:
            # Business facts are led by what they are (守牢安全生产底线), not by 重点工作.
            # A second item of a matter already led has none: 统筹抓好… said the first
            # item's lead again (13 of 15 struck, rounds AS–BG); it is listed as typed.
            text = d.fit.fill(matters[0].lead)
            if text and not d.ledger.is_new(text):
                return None
            name = d.fit.fill(matters[0].name) or ""
            # A fact opening on the lead itself (推进和美乡村建设，创建…) gives it up to
            # the lead (round BK: it was listed unled, or under another lead).
            opens = bool(text) and facts.startswith(f"{text}，")
            if text and not d.fit.forbids(text) and (opens or fresh(matters[0].lead, name)):
                # A matter named by common words (同比, 增长), or one naming only the unit's
                # own business ({业务}工作), says no more than the writer's own opening
                # would (推进市场化转型, round BW).
                common = matters[0].weak or matters[0].name == "{业务}工作"
                kind = "common_matter" if common else "matter"
                return self.commit(Sentence(text, (f"curated:{subtopic.id}:{kind}:1",)))
            # A lead the facts say over names the matter instead (守好医保基金安全 over a
            # 医保基金安全宣传月 → 做好医保基金监管工作, round BY), not 服务保障中心工作.
            said_over = text is not None and _echoes(text, facts) and "{" not in matters[0].name
            named = label_lead(name) if said_over else ""
            if named and d.ledger.is_new(named) and not d.fit.forbids(named) and fresh(named):
                return self.commit(Sentence(named, (f"curated:{subtopic.id}:common_matter:2",)))
        for phrase in self.mined(Kind.LEAD, theme, subtopic, facts):
            # Another variant asks for other wording, but never over the organisation's own.
            if variant == 0 or phrase.own:
                filled = d.fit.fill(phrase.template)
                if not filled or (CLAIMED.search(filled) and not phrase.own):
                    continue
                # 进一步做好志愿服务 looks ahead: a plan's wording, not a lead for work done.
                if filled.startswith("进一步") and not phrase.own:
                    continue
                if rank(filled) in (-1, 0) and (sentence := d.stock(phrase)) is not None:
                    return sentence
        # Each curated lead ranked once, then taken tier by tier.
        ranks = {lead: rank(lead) for lead in subtopic.leads}
        for tier in (-1, 0, 1, 2):

            def in_tier(lead: str, tier: int = tier) -> bool:
                return ranks[lead] == tier

            sentence = self.curated(
                subtopic.leads, f"curated:{subtopic.id}:lead", variant, keep=in_tier
            )
            if sentence is not None:
                return sentence
        return None

    def plain_lead(self, theme: str, facts: str, variant: int) -> Sentence | None:
        """A plain lead of the theme for a fact that names no sub-topic, so that every item
        of a numbered list has one; it names no work the facts lack."""
        shown = self.frames.claims(facts)

        def fits(lead: str) -> bool:
            sibling = any(shares_stretch(lead, other, SIBLING_CHARS) for other in self.leads_here)
            echo = _echoes(lead, facts)
            return shown(lead) and not sibling and not echo

        leads = self.subtopics.themes[theme].leads
        return self.curated(leads, f"curated:{theme}:lead", variant, keep=fits)

    def remember_lead(self, sentence: Sentence | None) -> Sentence | None:
        if sentence is not None:
            self.leads_here.append(sentence.text)
        return sentence

    def effect(self, theme: str, subtopic: Subtopic, facts: str, lead: str) -> Sentence | None:
        """The effect clause the organisation's own reports give this sub-topic's work, or none.

        Writers who sign a draft strike every stock effect they did not report (引导党员…,
        推动…落到实处 after a bare fact: seven rounds of review struck them as claims);
        the organisation's own wording of what such work is for is theirs to keep. It
        still names only what the facts name and repeats neither them nor the lead.
        """
        for phrase in self.mined(Kind.EFFECT, theme, subtopic, facts):
            filled = self.d.fit.fill(phrase.template) or ""
            named = self.subtopics.keywords_in(filled)
            if not phrase.own or not named or not all(k in facts for k in named):
                continue
            # It names its work as the facts do; it may not say the lead over again.
            echo = shares_stretch(filled, lead, 4)
            fits = not ACHIEVED.match(filled) and not echo and speaks_of_facts(filled, facts)
            if fits and (sentence := self.d.stock(phrase)) is not None:
                return sentence
        return None

    def mined(self, kind: Kind, theme: str, subtopic: Subtopic, facts: str) -> list[Phrase]:
        """Mined phrases of `kind` that are of `subtopic` and claim nothing beyond the facts."""
        d = self.d
        found = []
        for phrase in d.c.of_subtopic(kind, theme, subtopic.id):
            if d.c.lexicon.entailed(phrase.text, theme, facts) and d.fit.allows(phrase):
                found.append(phrase)
                if len(found) == MINED_CANDIDATES:
                    break
        return found


def _presumes(text: str, facts: str) -> bool:
    """Whether `text` presumes what `facts` do not tell (PRESUMES)."""
    return any(words in text and not re.search(told, facts) for words, told in PRESUMES.items())


def _echoes(lead: str, facts: str) -> bool:
    """Whether `lead` says a stretch of `facts` over again. Quotation marks are no words
    of it: 落实“第一议题”制度 over 党组会议“第一议题”学习15次 says a name, as the seeds
    do (贯彻“第一议题”制度。…累计贯彻执行“第一议题”XX次), not the fact twice."""
    return shares_stretch(unquoted(lead), unquoted(facts), ECHO_CHARS)
