"""What looks wrong in an activity (bot/writer/checks.py), over the rows of data/checks.toml."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.writer.checks import business, concerns, lists, outside, unreadable
from bot.writer.period import Period, parse

TODAY = dt.date(2026, 11, 21)
Q3 = parse("2026年第三季度", TODAY)


def _period_without(months: tuple[int, ...]) -> Period:
    """A quarter of 2026 that contains none of `months`."""
    for label in ("第一季度", "第二季度", "第三季度", "第四季度"):
        period = parse(f"2026年{label}", TODAY)
        if not set(period.months()) & set(months):
            return period
    raise AssertionError(months)


@pytest.mark.parametrize(("day", "months"), sorted(lists().days.items()))
def test_a_festival_outside_the_period_is_pointed_out(day: str, months: tuple[int, ...]) -> None:
    text = f"{day}前组织党员开展志愿服务"
    assert outside(text, _period_without(months)) == day
    inside = parse(f"2026年第{'一二三四'[(months[0] - 1) // 3]}季度", TODAY)
    assert outside(text, inside) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("3月组织党员开展学雷锋志愿服务", "3月"),
        ("三月份组织学习", "三月"),
        ("8月份发展2名党员", None),
        ("7-9月开展党员积分管理", None),
        ("4—6月开展专项整治", "4—6月"),
        ("2025年12月召开民主生活会", "2025年"),
        # Work of the period on an earlier year's matter, or measured against it.
        ("2025年巡察反馈的7个问题，三季度整改完成6个", None),
        ("本科上线率78.3%，比2025年提高2.1个百分点", None),
        ("召开2025年度民主生活会", None),
        ("开展2026年度述职评议", None),
        # A title or a name is not a date.
        ("研读《习近平新时代中国特色社会主义思想学习纲要（2023年版）》", None),
        ("观看“5月的花海”主题展", None),
        # A festival named as what the time is not.
        ("清明以外的祭扫高峰（中元节）党员带头疏导", None),
        ("清明节组织党员祭扫烈士墓", "清明"),
        # A day's name in quotes is still a date; 七一前夕 is June (round AZ).
        ("“七一”前夕组织党员赴县革命烈士纪念馆开展主题党日", "七一前夕"),
        ("“七一”当天组织党员重温入党誓词", None),
    ],
)
def test_months_ranges_and_years_outside_the_period(text: str, found: str | None) -> None:
    assert outside(text, Q3) == found


@pytest.mark.parametrize("word", lists().business)
def test_business_words_are_pointed_out_unless_party_work_is_named(word: str) -> None:
    assert business(f"本季度完成{word}相关工作") == word
    assert business(f"党员先锋岗带头完成{word}相关工作") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Held a branch meeting", True), ("\ufffd\ufffd会议", True), ("组织学习 PPT 讲解", False)],
)
def test_text_that_is_not_chinese(text: str, expected: bool) -> None:
    assert unreadable(text) is expected


def test_a_guess_is_pointed_out_but_business_says_more() -> None:
    assert concerns("9月组织全体党员集中学习党章2次", Q3, "基层组织建设", True) == [
        "归入“基层组织建设”把握不大，请核对（对话中可用 /theme 调整；"
        '答卷中可把这一项写成 { text = "…", theme = "主题代码" }，主题代码见 README）'
    ]
    said = concerns("完成税费收入任务12亿元", Q3, "党建业务融合", True)
    assert len(said) == 1 and "业务工作" in said[0]


@pytest.mark.parametrize("word", lists().planned)
def test_a_plan_typed_as_an_activity_is_pointed_out(word: str) -> None:
    said = concerns(f"7月1日{word}“七一”表彰大会", Q3, "基层组织建设", False)
    assert any("打算" in c for c in said), said


def test_a_terse_activity_is_asked_for_what_its_kind_of_work_states() -> None:
    """组织观看警示教育片 says what, not which film or how many: 待补充 asks for them."""
    said = concerns("组织观看警示教育片", Q3, "党风廉政建设", False, "片名或案例、参加人数")
    assert said == ["写得比较简略，可补充片名或案例、参加人数，报告会更充实"]
    # With nothing known of its kind, what any fact states.
    assert "时间、范围、参加人数" in concerns("开展志愿服务", Q3, "群团与精神文明", False)[0]
    # A count, a name or a longer account is not terse.
    for told in ("组织观看警示教育片1次", "观看《蝇贪之害》", "组织中层以上干部观看警示教育片"):
        assert concerns(told, Q3, "党风廉政建设", False, "片名") == [], told


@pytest.mark.parametrize(
    ("text", "span", "word"),
    [
        # Round BW: a half year's funeral home said 全年; a year's Red Cross said 本季度.
        ("上半年共火化遗体1127具，全年未发生安全生产事故", "2026年上半年", "全年"),
        ("“三会一课”记录本季度检查", "2026年", "本季度"),
        ("上半年共召开支委会6次", "2026年第二季度", "上半年"),
        # A year's aim named in a half year's report is no slip.
        ("完成全年目标任务的56%", "2026年上半年", None),
        ("全年未发生安全生产事故", "2026年", None),
    ],
)
def test_a_word_of_another_span_than_the_reports_is_pointed_out(
    text: str, span: str, word: str | None
) -> None:
    found = [c for c in concerns(text, parse(span, TODAY), "责任落实", False) if "不符" in c]
    assert found == ([f"写的是“{word}”，与{span}不符，已照原样写入，请核对"] if word else [])
