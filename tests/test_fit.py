"""What may go into one draft (Fit), how its slots are filled, and the ledger of what it holds."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.writer import period
from bot.writer.answers import Activity, Answers
from bot.writer.fit import Fit, Ledger
from bot.writer.genres import genres
from phrasebank.phrase import Kind, Phrase, Source, phrase_id
from phrasebank.slots import SLOT

TODAY = dt.date(2026, 11, 21)
TAX = "国家税务总局临江县税务局"
STREET = "东湖街道党工委"
TRANSPORT = "江北市交通运输局"


def answers(unit: str = TAX, when: str = "2026年第三季度", genre: str = "summary") -> Answers:
    return Answers(unit, period.parse(when, TODAY), genres()[genre], (Activity("开展廉政谈话"),))


def phrase(template: str, *, stale: str | None = None, trade: str | None = None) -> Phrase:
    return Phrase(
        id=phrase_id("lead", template),
        kind=Kind.LEAD,
        theme="integrity",
        role=None,
        text=template,
        template=template,
        slots=tuple(SLOT.findall(template)),
        source=Source("001", "一/（一）", 1),
        stale=stale,
        trade=trade,
    )


@pytest.mark.parametrize(
    ("unit", "template", "filled"),
    [
        (
            TAX,
            "{党组织}认真履行{中心工作}职责",
            "局党委认真履行税收中心工作职责",
        ),
        (TRANSPORT, "服务{服务对象}", "服务群众和企业"),
        (STREET, "{党委}会专题研究{期间}工作", "党工委会专题研究本季度工作"),
        (STREET, "在{上级}的领导下，{单位}稳步推进", "在上级党组织的领导下，街道稳步推进"),
        (TAX, "{时期}，开展谈话", "2026年第三季度，开展谈话"),
        (TAX, "{党组织全称}", "国家税务总局临江县税务局党委"),
        (TAX, "持续在{单位}掀起学习热潮", "持续在我局掀起学习热潮"),
        # A hospital's and a school's young staff are not its 年轻干部 (rounds BY, BZ, CB).
        (TAX, "加强{年轻干部}培养", "加强年轻干部培养"),
        ("宁川县人民医院党委", "加强{年轻干部}培养", "加强青年医务人员培养"),
        ("某县第二中学党总支", "加强{年轻干部}培养", "加强青年教师培养"),
    ],
)
def test_slots_are_filled_for_the_writers_unit(unit: str, template: str, filled: str) -> None:
    assert Fit(answers(unit)).fill(template) == filled


@pytest.mark.parametrize(
    ("unit", "template"),
    [
        (TAX, "{某个没有的槽}开展谈话"),
        (TRANSPORT, "持续优化办税缴费服务"),
        (STREET, "推动减税降费政策落地"),
    ],
    ids=["unknown-slot", "tax-words-at-transport", "tax-words-at-street"],
)
def test_text_that_cannot_be_filled_for_the_unit_is_refused(unit: str, template: str) -> None:
    assert Fit(answers(unit)).fill(template) is None


def test_a_tax_unit_may_use_tax_words() -> None:
    assert Fit(answers(TAX)).fill("持续优化办税缴费服务") == "持续优化办税缴费服务"


@pytest.mark.parametrize(
    ("unit", "genre", "when", "candidate", "allowed"),
    [
        (TAX, "summary", "2026年", phrase("开展廉政谈话全覆盖"), True),
        (TAX, "summary", "2026年", phrase("深入开展党史学习教育", stale="党史学习教育"), False),
        (TAX, "summary", "2021年", phrase("深入开展党史学习教育", stale="党史学习教育"), True),
        (TAX, "summary", "2026年", phrase("服务纳税人", trade="tax"), True),
        (TRANSPORT, "summary", "2026年", phrase("服务纳税人", trade="tax"), False),
        (TAX, "summary", "2026年", phrase("开展谈话{数量}次"), False),
        (TAX, "summary", "2026年", phrase("本人带头讲党课"), False),
        (TAX, "duty", "2026年", phrase("本人带头讲党课"), True),
        (TAX, "responsibility", "2026年", phrase("我带头讲党课"), False),
    ],
    ids=[
        "plain",
        "stale-campaign",
        "campaign-in-its-year",
        "own-trade",
        "other-trade",
        "fact-slot",
        "first-person-in-summary",
        "first-person-in-duty",
        "wo-in-report",
    ],
)
def test_what_fits_a_draft(
    unit: str, genre: str, when: str, candidate: Phrase, allowed: bool
) -> None:
    assert Fit(answers(unit, when, genre)).allows(candidate) is allowed


def test_a_used_phrase_does_not_fit_again() -> None:
    ledger = Ledger()
    fit = Fit(answers(), ledger)
    first = phrase("坚持把纪律挺在前面")
    assert fit.allows(first)
    ledger.use("坚持把纪律挺在前面", first)
    assert ledger.used_id(first.id)
    assert not fit.allows(first)


def test_a_phrase_whose_words_the_draft_already_holds_does_not_fit() -> None:
    ledger = Ledger()
    fit = Fit(answers(), ledger)
    ledger.use("组织开展廉政谈话，筑牢拒腐防变思想防线。")
    assert not fit.allows(phrase("筑牢拒腐防变思想防线"))
    assert fit.allows(phrase("强化监督执纪问责"))


@pytest.mark.parametrize(
    ("written", "text", "new"),
    [
        ("开展廉政谈话全覆盖", "开展廉政谈话全覆盖", False),
        ("开展廉政谈话全覆盖。", "开展廉政谈话全覆盖", False),
        ("开展廉政谈话全覆盖，筑牢思想防线", "开展廉政谈话全覆盖", False),
        ("开展廉政谈话全覆盖", "全年开展廉政谈话全覆盖提醒", False),
        ("开展廉政谈话", "开展廉政谈话提醒", True),
        ("开展廉政谈话全覆盖", "强化监督执纪问责", True),
    ],
    ids=["same", "same-but-punctuation", "part-of-written", "contains-written", "short", "other"],
)
def test_the_ledger_knows_what_the_draft_already_says(written: str, text: str, new: bool) -> None:
    ledger = Ledger()
    assert ledger.is_new(text)
    ledger.use(written)
    assert ledger.is_new(text) is new


def test_a_ledger_records_a_phrase_id_only_when_given_one() -> None:
    ledger = Ledger()
    used = phrase("开展廉政谈话")
    ledger.use(used.text)
    assert not ledger.used_id(used.id)
    ledger.use(used.text, used)
    assert ledger.used_id(used.id)


def test_stock_wording_does_not_say_a_stretch_of_the_draft_again() -> None:
    ledger = Ledger()
    ledger.use("党组会第一议题学习习近平总书记重要讲话和指示批示精神24次。")
    assert not ledger.is_new("坚持把学习习近平总书记重要讲话和重要指示批示精神作为第一议题。")
    assert ledger.is_new("健全第一议题学习、研究、部署、督办闭环机制。")


def test_a_branch_says_nothing_of_the_branches_below_a_committee(  # round CC
) -> None:
    """A 收费站's branch sets no 差异化考核 for 不同类型支部: that is its 党委's voice."""
    fit = Fit(answers("某高速公路管理处某收费站党支部"), Ledger())
    assert fit.forbids("对不同类型支部设置差异化考核指标")
    # Nor 双重组织生活: its leaders are members of the branch itself (round CF).
    assert fit.forbids("落实双重组织生活制度")
    assert not Fit(answers("某高速公路管理处党委"), Ledger()).forbids(
        "对不同类型支部设置差异化考核指标"
    )


def test_people_served_are_served_once_in_a_sentence() -> None:
    """坚持把服务{服务对象}作为… said 服务服务对象 for a 社会福利院 (round CC)."""
    fit = Fit(answers("某县社会福利院党支部"), Ledger())
    filled = fit.fill("坚持把服务{服务对象}作为检验党建工作的重要标尺")
    assert filled is not None and "服务服务" not in filled and "服务对象" in filled
