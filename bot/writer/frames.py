"""A subsection's frame: its heading, of the draft's one shape, and the framing sentence
that opens it, with what the theme's work is for (为…，). Each names no work the facts
lack; the framing never says its heading over again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from phrasebank.phrase import Kind
from phrasebank.text import shares_stretch

from .claims import CLAIMED, unslotted
from .curated import Curated, candidates
from .report import Sentence
from .subtopics import Subtopic, heading_style, load_subtopics

if TYPE_CHECKING:
    from .compose import Drafting

# A heading sharing this long a stretch with its framing sentence would only repeat it.
HEADING_ECHO = 8
# A purpose sharing this long a stretch with its framing or heading would repeat it.
PURPOSE_ECHO = 4
# Words a framing may say of facts that name their parts: 群团 of 工会, 团支部, 妇委会 work;
# 宣传阵地 of a 公众号 or a 宣传栏; 民主集中制 of 四议两公开 or 党委会 decisions.
_GROUP_WORK = (
    "工会",
    "共青团",
    "团支部",
    "团委",
    "团员",
    "少先队",
    "妇委会",
    "妇联",
    "女职工",
    "三八",
    "五四",
)
_OUTLETS = ("公众号", "网站", "宣传栏", "专栏", "视频号", "抖音", "微博", "广播", "短视频", "宣传")
_DECIDING = (
    "四议两公开",
    "三重一大",
    "议事规则",
    "集体讨论",
    "集体研究",
    "集体决策",
    "研究决定",
    "议定",
    "决议",
    "审议",
    "会研究",
    "会议研究",
)
# Fallback headings' names of themes whose lexicon label does not read as one.
# A school's people are 教师队伍, not 干部队伍 (round BO).
_LABELS = {
    "integration": "党建引领{中心工作}",
    "ideology": "意识形态和宣传思想工作",
    "cadres": "{队伍}建设",
}
IMPLIED = {
    "师德师风": ("师德", "师风", "职业行为", "十项准则", "有偿补课"),
    "群团": _GROUP_WORK,
    "党建带群建": _GROUP_WORK,
    "宣传阵地": _OUTLETS,
    "民主集中制": _DECIDING,
    "民主决策": _DECIDING,
    "集体研究": _DECIDING,
}


class Frames(Curated):
    """Heads and frames the subsections of one draft; `style` is its headings' shape."""

    def __init__(self, draft: Drafting, style: str) -> None:
        self.d = draft
        self.style = style
        self.subtopics = load_subtopics()

    def frame(
        self, theme: str, full: bool = True, only: Subtopic | None = None, joined: bool = False
    ) -> tuple[Sentence, tuple[Sentence, ...]]:
        """A subsection's heading and framing sentence, chosen together: the framing never
        says the heading over again. Only a `full` subsection (of several items) opens
        with its purpose: 为… before every one reads as a template. A subsection holding
        `only` one sub-topic's work is headed by that work where the sub-topic has
        headings (抓实巡察整改 over a lone 巡察 整改, not 健全责任体系). A subsection `joined`
        by another theme's lone fact is headed as both (加强思想政治建设)."""
        facts = "".join(self.d.worked[theme])
        both = self.subtopics.themes[theme].joined.get(self.style, ()) if joined else ()
        for heading in candidates(self.d, both, f"curated:{theme}:joined", keep=self.claims(facts)):
            wording = self.subtopics.themes[theme].joined_framings
            source = f"curated:{theme}:joined_framing"
            framing = self._framing(theme, wording, source, heading.text, full)
            framing = framing or self.framing(theme, heading.text, full, only)
            if framing:
                return self.commit(heading), framing
        # The organisation's own headings first (its house style); then headings the
        # theme lexicon finds entailed by the facts, then any that name no sub-topic's
        # work the facts lack.
        own = self.d.own_headings(theme, facts, self.style, self.claims(facts))
        for heading in own:
            framing = self.framing(theme, heading.text, full, only)
            if framing:
                return self.commit(heading), framing
        if only is not None:
            named = candidates(
                self.d,
                only.headings_of(self.style),
                f"curated:{only.id}:heading",
                keep=self.claims(facts),
            )
            for heading in named:
                framing = self.framing(theme, heading.text, full, only)
                if framing:
                    return self.commit(heading), framing
        options = self.subtopics.themes[theme].headings[self.style]
        source = f"curated:{theme}:heading"
        # A heading naming the facts' own work (党建带群建 over 工会 and 团支部 work)
        # before a general one (以文化人、以文育人).
        for specific in (True, False):
            for shown in (self.heads(theme, facts), self.claims(facts)):

                def keep(
                    heading: str, shown: Callable[[str], bool] = shown, specific: bool = specific
                ) -> bool:
                    works = not specific or bool(self.subtopics.keywords_in(unslotted(heading)))
                    return works and shown(heading)

                for heading in candidates(self.d, options, source, keep=keep):
                    framing = self.framing(theme, heading.text, full, only)
                    if framing:
                        return self.commit(heading), framing
        # Every pairing repeats itself somewhere: better a framing that echoes than none.
        heading = self.heading(theme, facts)
        return heading, self.framing(theme, heading.text, full, only) or self.framing(
            theme, full=full
        )

    def heading(self, theme: str, facts: str) -> Sentence:
        """A heading of the draft's shape that claims no more than the theme's work.

        The curated headings were written to stand over any activities of their
        theme; a mined heading (of the same shape, claiming nothing beyond the
        facts) serves when they are used up — mined ones often carry their
        source's own programme (一体化综合监督) and so come second.
        """
        d = self.d
        options = self.subtopics.themes[theme].headings[self.style]
        for keep in (self.heads(theme, facts), self.claims(facts)):
            sentence = self.curated(options, f"curated:{theme}:heading", keep=keep)
            if sentence is not None:
                return sentence
        phrase = d.pick(Kind.HEADING, theme, facts, fact=facts)
        # Nor another unit's claim of its own results (…建设更加到位: rounds CG, CI, CJ).
        claimed = phrase is not None and not phrase.own and CLAIMED.search(phrase.text)
        if phrase is not None and not claimed and heading_style(phrase.text) == self.style:
            mined = d.stock(phrase)
            if mined is not None:
                return mined
        fallback = {"short": "扎实推进{}", "paired": "抓落实、求实效，扎实推进{}"}
        # 守正创新 is said of thought and news, not of people or discipline (round PP).
        strict = "坚持从严从实，扎实推进{}" if theme in ("cadres", "integrity") else ""
        shape = fallback.get(self.style, strict or "坚持守正创新，扎实推进{}")
        # 党建业务融合 is a 机关's label; the unit's own work names it for any unit.
        # 意识形态与宣传 reads cut off in a heading (round AB).
        label = _LABELS.get(theme) or d.c.lexicon.label(theme)
        return d.fixed(shape.format(label), f"theme:{theme}")

    def heads(self, theme: str, facts: str) -> Callable[[str], bool]:
        """Whether a heading or framing may stand over `facts`: it names no work they
        lack, by sub-topic words or the theme lexicon's (严管 is not 岗位练兵)."""
        shown = self.claims(facts)
        entailed = self.d.c.lexicon.entailed
        return lambda heading: shown(heading) and entailed(heading, theme, facts)

    def claims(self, facts: str) -> Callable[[str], bool]:
        """Whether a heading or framing names only work the facts show (by sub-topic words)."""

        def shown(text: str) -> bool:
            return all(
                k in facts or any(part in facts for part in IMPLIED.get(k, ()))
                for k in self.subtopics.keywords_in(unslotted(text))
            )

        return shown

    def framing(
        self, theme: str, heading: str = "", full: bool = True, only: Subtopic | None = None
    ) -> tuple[Sentence, ...]:
        """The sentence that opens a subsection, not saying its heading over again; a 述职
        speaks in the first person. One of `only` sub-topic's own framings first, where it
        has them. Empty when no framing fits."""
        if only is not None and only.framings:
            found = self._framing(theme, only.framings, f"curated:{only.id}:framing", heading, full)
            if found:
                return found
        options = self.subtopics.themes[theme].framings
        return self._framing(theme, options, f"curated:{theme}:framing", heading, full)

    def _framing(
        self, theme: str, options: tuple[str, ...], source: str, heading: str, full: bool
    ) -> tuple[Sentence, ...]:
        first_person = self.d.genre.first_person
        owner = "{党组织简称}"

        def named(framing: str) -> str:
            return "本人" + framing.removeprefix(owner) if first_person else framing

        facts = "".join(self.d.worked.get(theme, ()))
        # One naming the facts' own work (意识形态 over 研判, 群团 over 工会 and 团支部)
        # before a general one; of each, one the theme lexicon finds entailed by the facts
        # first (讲好身边故事 is not said over 反诈宣传 alone), then any naming no work
        # the facts lack.
        entailed, shown_by_words = self.heads(theme, facts), self.claims(facts)
        for specific in (True, False):
            for shown in (entailed, shown_by_words):

                def subjected(
                    framing: str, shown: Callable[[str], bool] = shown, specific: bool = specific
                ) -> bool:
                    fresh = not heading or not shares_stretch(framing, heading, HEADING_ECHO)
                    works = not specific or bool(self.subtopics.keywords_in(unslotted(framing)))
                    return framing.startswith(owner) and shown(framing) and fresh and works

                found = candidates(self.d, options, source, keep=subjected, shape=named)
                if found:
                    # Of those, the one naming the most of the facts: 群团 over three 工会,
                    # 团 and 妇委会 facts, not 志愿服务 over one of them (rounds WW–AB).
                    first = self.commit(max(found, key=lambda f: self.covers(f.text, theme)))
                    if not full:
                        return (first,)
                    return (self.purposed(theme, first, heading, shown_by_words),)
        return ()

    def covers(self, framing: str, theme: str) -> tuple[int, int]:
        """How many of the theme's facts `framing` names the work of (by sub-topic words),
        then how many of its words they show (工会 and 团委 before 志愿服务 alone)."""
        words = {
            part
            for keyword in self.subtopics.keywords_in(unslotted(framing))
            for part in (keyword, *IMPLIED.get(keyword, ()))
        }
        facts = self.d.worked.get(theme, ())
        named = sum(any(w in fact for w in words) for fact in facts)
        return named, sum(any(w in fact for fact in facts) for w in words)

    def purposed(
        self, theme: str, framing: Sentence, heading: str, shown: Callable[[str], bool]
    ) -> Sentence:
        """`framing` opened, as the seeds open a subsection, with what the theme's work is
        for (为…，): an intent, claiming nothing done, saying neither heading nor framing.
        `shown` holds it to work the facts name (意识形态 only over 意识形态 work)."""

        def fits(purpose: str) -> bool:
            # The template's own words, not a slot's (干部职工 may be said twice).
            words = unslotted(purpose)
            said = (framing.text, heading)
            echo = any(shares_stretch(words, text, PURPOSE_ECHO) for text in said)
            return shown(purpose) and not echo

        def specific(purpose: str) -> bool:
            return fits(purpose) and bool(self.subtopics.keywords_in(unslotted(purpose)))

        # One naming the facts' work (意识形态) before a general one.
        options = self.subtopics.themes[theme].purposes
        source = f"curated:{theme}:purpose"
        purpose = self.curated(options, source, keep=specific) or self.curated(
            options, source, keep=fits
        )
        if purpose is None:
            return framing
        return Sentence(f"{purpose.text}，{framing.text}", purpose.sources + framing.sources)
