"""Formalising the writer's words without touching facts; splitting pasted lists."""

from __future__ import annotations

import re

import pytest

from bot.writer.wording import (
    dated,
    facts,
    formal_rules,
    formalise,
    sentence_of,
    split_items,
    unlabelled,
)
from phrasebank.text import Rule


@pytest.mark.parametrize(
    ("raw", "formal"),
    [
        ("搞了两次读书分享会", "开展两次读书分享会。"),
        # Rules read through the names they may not touch: 读的《…》 is 研读《…》.
        ("开展两次读书会，读的《之江新语》", "开展两次读书会，研读《之江新语》。"),
        ("学了习近平总书记最新讲话", "学习习近平总书记最新讲话。"),
        ("我们开了个支部党员大会，一共来了23人啦😀", "召开支部党员大会，共23人参加。"),
        ("组织观看了警示教育片《警钟长鸣》！！", "组织观看警示教育片《警钟长鸣》。"),
        ("了解群众诉求，走访了12户困难党员", "了解群众诉求，走访12户困难党员。"),
        ("弄了个“党员先锋岗”挂牌仪式吧", "开展“党员先锋岗”挂牌仪式。"),
        ("气温30℃照常开展巡河", "气温30℃照常开展巡河。"),
        ("1,200名党员参加, 覆盖率98.5%", "1,200名党员参加，覆盖率98.5%。"),
        ("“搞了”一词不改：《开了个好头》", "“搞了”一词不改：《开了个好头》。"),
    ],
)
def test_formalise(raw: str, formal: str) -> None:
    assert formalise(raw) == formal


@pytest.mark.parametrize("raw", ["", "   ", "😀😀", "\x00\x01", "。。。"])
def test_formalise_of_nothing_is_empty(raw: str) -> None:
    assert formalise(raw) == ""


@pytest.mark.parametrize(
    "raw",
    [
        "7月1日组织46名党员重温入党誓词",
        "书记王建华带队走访3家企业，解决问题12个",
        "组织观看《迷途》，参加人数达到98.5%",
        "开了两次会，来了三十二人",
    ],
)
def test_formalising_keeps_every_fact(raw: str) -> None:
    formal = formalise(raw)
    for fact in facts(raw):
        assert fact in formal


def test_facts() -> None:
    assert facts("7月1日组织46名党员观看《迷途》，两次会议，XX名同志") == [
        "7",
        "1",
        "46",
        "两次",
        "《迷途》",
        "XX",
    ]


def test_split_pasted_lists() -> None:
    pasted = "1.开展学习\n2、召开会议；组织观影\n一、慰问老党员\n（3）志愿服务 ② 捐款\n\n- 植树"
    assert split_items(pasted) == [
        "开展学习",
        "召开会议",
        "组织观影",
        "慰问老党员",
        "志愿服务",
        "捐款",
        "植树",
    ]


def test_split_keeps_numbers_inside_an_item() -> None:
    assert split_items("组织2.5万人次参加活动，1.2亿元投入") == [
        "组织2.5万人次参加活动，1.2亿元投入"
    ]


@pytest.mark.parametrize(
    ("raw", "formal"),
    [
        # Regressions: 开了 in 召开/公开/展开 is not colloquial; counts after 搞了/开了 stay.
        ("召开了党员大会", "召开党员大会。"),
        ("公开了党务信息12条", "公开了党务信息12条。"),
        ("展开了学习讨论", "展开了学习讨论。"),
        ("新录用公务员搞了一个月岗前培训", "新录用公务员开展一个月岗前培训。"),
        ("中心组开了一次现场研讨会", "中心组召开一次现场研讨会。"),
        ("为群众办了12件实事", "为群众办12件实事。"),
    ],
)
def test_formalising_never_eats_words_or_counts(raw: str, formal: str) -> None:
    assert formalise(raw) == formal


@pytest.mark.parametrize("name", ["activities.toml", "activities_holdout.toml"])
def test_every_labelled_activity_keeps_its_facts(name: str) -> None:
    from .conftest import load_data

    for activity in load_data(name)["activity"]:
        formal = formalise(activity["text"])
        for fact in facts(activity["text"]):
            assert fact in formal, (activity["text"], formal, fact)


# A rule's rewrite that leaves a verb said twice (开展展, 举办办) or a 尚未 beside 已.
_GARBLED = re.compile(r"开展展|举办办|开设设|召召开|已已|尚未已|均已已|开展开展|召开召开")


@pytest.mark.parametrize(
    "name", ["activities.toml", "activities_holdout.toml", "subtopics_holdout.toml"]
)
def test_no_labelled_activity_comes_out_garbled(name: str) -> None:
    """Run every labelled activity through all the rules together: each rule's own examples
    pass alone, but 开展 + an 开…检查 rule made 开展展 in round MM."""
    from .conftest import load_data

    for activity in load_data(name)["activity"]:
        formal = sentence_of(formalise(activity["text"]))
        assert not _GARBLED.search(formal) or _GARBLED.search(activity["text"]), formal


@pytest.mark.parametrize(
    "line",
    [
        "3.5日召开党委会议",
        "7.1前夕开展主题党日",
        "12.4宪法日开展普法宣传",
        "5、6月份开展巡察整改",
        "一、二季度共召开3次会议",
    ],
)
def test_a_date_or_range_at_the_start_is_not_a_list_marker(line: str) -> None:
    assert split_items(line) == [line]


def test_semicolons_inside_quotes_do_not_split() -> None:
    assert split_items("开展“不忘初心；牢记使命”演讲；组织观影") == [
        "开展“不忘初心；牢记使命”演讲",
        "组织观影",
    ]


FORMAL_EXAMPLES = [
    (rule, given, wanted) for rule in formal_rules() for given, wanted in rule.examples
]


def test_every_formal_rule_has_an_example() -> None:
    assert all(rule.examples for rule in formal_rules())


@pytest.mark.parametrize(
    ("rule", "given", "wanted"), FORMAL_EXAMPLES, ids=[given for _, given, _ in FORMAL_EXAMPLES]
)
def test_formal_rule_examples(rule: Rule, given: str, wanted: str) -> None:
    """Each row of data/formal.toml does what its examples say."""
    assert rule.apply(given) == wanted


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        (
            "意识形态方面，落实意识形态工作责任制，每季度研判1次",
            "落实意识形态工作责任制，每季度研判1次",
        ),
        # A note-style label (…：) or one said again by a word of it goes too.
        ("春季招生和对口升学：对口升学本科上线42人", "对口升学本科上线42人"),
        ("技能大赛成绩方面，市级中职技能大赛获一等奖3个", "市级中职技能大赛获一等奖3个"),
        ("信访积案化解，全年化解信访积案9件", "全年化解信访积案9件"),
        ("矛盾纠纷化解，邻里纠纷调解成功率高", "矛盾纠纷化解，邻里纠纷调解成功率高"),
        # The study needs its object, the inspection its inspector: the label stays.
        ("意识形态工作方面，党组专题研究2次", "意识形态工作方面，党组专题研究2次"),
        ("党组巡察方面，对3个支部开展巡察", "党组巡察方面，对3个支部开展巡察"),
    ],
)
def test_a_topic_label_goes_only_where_the_fact_says_its_topic_again(
    typed: str, written: str
) -> None:
    assert unlabelled(typed) == written


def test_this_year_and_last_are_dated() -> None:
    """A report names its years: the writer's 今年 and 去年 become 2026年 and 2025年 (今年以来
    is a set phrase; a quoted title is left alone)."""
    assert dated("今年发展党员3名，去年反馈的问题已整改", 2026) == (
        "2026年发展党员3名，2025年反馈的问题已整改"
    )
    assert dated("今年以来，学习《今年工作要点》", 2026) == "今年以来，学习《今年工作要点》"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        # Round CI: a quoted 两张皮 was out of the rules' sight, and its plan read
        # 推动党建和生产经营还是深度融合.
        ("党建和生产经营还是“两张皮”", "党建和生产经营仍存在“两张皮”现象。"),
        ("“三会一课”全年：支委会12次", "落实“三会一课”制度，全年召开支委会12次。"),
    ],
)
def test_a_system_name_typed_quoted_is_written_as_one_typed_bare(typed: str, written: str) -> None:
    assert formalise(typed) == written == formalise(typed.replace("“", "").replace("”", ""))
