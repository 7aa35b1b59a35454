"""Templating: what of a source sentence becomes a slot, is dropped, or stays."""

from __future__ import annotations

import pytest

from phrasebank.slots import Templater, render, unit_rules
from phrasebank.terms import load_terms
from phrasebank.text import Rule, split_clauses


@pytest.fixture(scope="module")
def templater() -> Templater:
    terms = load_terms()
    return Templater(terms, terms.generic_quotes, self_name="区局")


@pytest.mark.parametrize(
    ("source", "template"),
    [
        # numbers and placeholders become fact slots
        ("累计开展党委理论中心组学习12次", "累计开展党委理论中心组学习{数量}次"),
        ("共签订承诺书50余份", "共签订承诺书{数量}余份"),
        ("组织全市税务系统**名处级干部参加培训", "组织{单位}{数量}名处级干部参加培训"),
        ("党员干部覆盖率达到100%", "党员干部覆盖率达到{比例}"),
        ("1-12月累计开展学习", "{时间}累计开展学习"),
        ("两名同志获优秀答题奖", "{数量}名同志获优秀答题奖"),
        ("市局党委书记XX同志带头讲党课", "{上级}党委书记{名称}同志带头讲党课"),
        # years: the report's own year is its period, another year a fact
        ("2023年上半年，*党委坚持学习", "{时期}，{党组织}坚持学习"),
        ("组织召开2022年度民主生活会", "组织召开{年份}民主生活会"),
        # the unit's own names and the bodies above it
        ("在市委的正确领导下，区局党委认真履职", "在{上级}的正确领导下，{党组织}认真履职"),
        ("结合市局要求和区局实际", "结合{上级}要求和{单位}实际"),
        ("深入学习总局、省局、市局党委工作要求", "深入学习{上级}工作要求"),
        # trade words generalise
        ("坚持党建工作与税收业务同谋划", "坚持党建工作与{业务}同谋划"),
        ("召开纳税人缴费人座谈会", "召开{服务对象}座谈会"),
        # period words follow the report's period
        ("今年以来开展学习", "{期间以来}开展学习"),
        ("全年共开展主题党日", "{期间}共开展主题党日"),
        # document titles with years become a slot; plain ones stay
        ("制定了《2021年全面从严治党工作要点》", "制定了{文件}"),
        ("严格执行《新形势下党内政治生活若干准则》", "严格执行《新形势下党内政治生活若干准则》"),
        # generic quoted terms stay, a unit's own slogans take their clause with them
        ("认真落实“第一议题”制度", "认真落实“第一议题”制度"),
        ("动员“独贵春风”理论宣讲团，依托学习强国平台加大宣传力度", "依托学习强国平台加大宣传力度"),
        # anonymisation restored
        ("学习A新时代中国特色社会主义思想", "学习习近平新时代中国特色社会主义思想"),
    ],
)
def test_template(templater: Templater, source: str, template: str) -> None:
    result = templater.template(source, year=2023)
    assert result is not None
    assert result.template == template


def test_nothing_left_gives_none(templater: Templater) -> None:
    assert templater.template("“**红”引领税务蓝") is None


def test_trade_words_that_remain_mark_the_phrase(templater: Templater) -> None:
    result = templater.template("深入推进税收征管体制改革")
    assert result is not None and result.trade == "tax"
    plain = templater.template("深入推进基层党组织标准化规范化建设")
    assert plain is not None and plain.trade is None


def test_stale_campaign_is_marked(templater: Templater) -> None:
    result = templater.template("扎实推动党史学习教育走深走实")
    assert result is not None and result.stale is not None
    assert result.stale.label == "党史学习教育" and result.stale.year == 2021


def test_render_fills_known_slots_only() -> None:
    assert render("{单位}召开{数量}次会议", {"单位": "某局"}) == "某局召开{数量}次会议"


def test_split_clauses_keeps_quotes_whole() -> None:
    parts = split_clauses("坚持“干多干好，有为有位”导向，推动落实；确保实效")
    assert parts[::2] == ["坚持“干多干好，有为有位”导向", "推动落实", "确保实效"]
    assert parts[1::2] == ["，", "；"]


UNIT_EXAMPLES = [
    (rule, given, wanted)
    for stage in (unit_rules().leadership, unit_rules().own, unit_rules().rest)
    for rule in stage
    for given, wanted in rule.examples
]


def test_every_unit_rule_has_an_example() -> None:
    stages = unit_rules()
    assert all(rule.examples for rule in (*stages.leadership, *stages.own, *stages.rest))


@pytest.mark.parametrize(
    ("rule", "given", "wanted"), UNIT_EXAMPLES, ids=[given for _, given, _ in UNIT_EXAMPLES]
)
def test_unit_rule_examples(rule: Rule, given: str, wanted: str) -> None:
    """Each row of data/units.toml does what its examples say."""
    assert rule.apply(given) == wanted
