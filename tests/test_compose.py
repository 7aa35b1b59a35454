"""Composing whole drafts in the three genres, checked over the entire text."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from bot.writer import answers as answers_module
from bot.writer import period
from bot.writer.answers import Activity, Answers
from bot.writer.asked import unasked
from bot.writer.compose import Composer
from bot.writer.genres import genres
from bot.writer.grouping import numbered_list
from bot.writer.plans import PLANS_MAX
from bot.writer.render import explain, to_text
from bot.writer.report import Block, Item, Report, Section, Sentence, layout
from phrasebank.bank import Bank
from phrasebank.themes import load_lexicon

from .conftest import DATA
from .drafts import check_draft

TODAY = dt.date(2026, 11, 21)
CASES = sorted((DATA / "answers").glob("*.toml"))


@pytest.fixture(scope="module")
def composer(bank: Bank) -> Composer:
    return Composer(bank)


def load(name: str) -> Answers:
    return answers_module.load(DATA / "answers" / name, TODAY)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_whole_draft_is_well_formed(composer: Composer, path: Path) -> None:
    answers = answers_module.load(path, TODAY)
    composition = composer.compose(answers)
    text = to_text(composition.report)
    check_draft(text, answers)
    lines = text.splitlines()
    assert lines[0] == layout(composition.report)[0].text
    assert answers.period.label in lines[0]
    opening = composition.report.opening
    assert answers.period.label in opening[0].text
    assert opening[-1].text.endswith("如下：")


def test_titles_follow_the_genre(composer: Composer) -> None:
    titles = {
        name: composer.compose(load(name)).report.title.text
        for name in (
            "tax_quarter_summary.toml",
            "transport_half_responsibility.toml",
            "street_year_duty.toml",
        )
    }
    assert (
        titles["tax_quarter_summary.toml"] == "国家税务总局临江县税务局2026年第三季度党建工作总结"
    )
    assert (
        titles["transport_half_responsibility.toml"]
        == "江北市交通运输局2026年上半年落实全面从严治党主体责任情况报告"
    )
    assert titles["street_year_duty.toml"] == "东湖街道党工委书记2026年度抓党建工作述职报告"


def test_sections_come_in_genre_order(composer: Composer) -> None:
    for name, headings in (
        ("tax_quarter_summary.toml", None),
        ("street_year_duty.toml", ("履职", "存在问题及原因分析", "改进措施")),
    ):
        report = composer.compose(load(name)).report
        assert [s.role for s in report.sections] == ["work", "problems", "plans"]
        if headings:
            for section, word in zip(report.sections, headings, strict=True):
                assert word in section.heading.text


def test_one_subsection_per_theme_in_theme_order(composer: Composer) -> None:
    composition = composer.compose(load("tax_quarter_summary.toml"))
    work = composition.report.section("work")
    themes = [p.theme for p in composition.placed if p]
    order = load_lexicon().ids
    expected = sorted(set(themes), key=order.index)
    assert len(work.blocks) == len(expected)
    assert sum(len(b.items) for b in work.blocks) == len(themes)
    for block in work.blocks:
        assert block.heading is not None and block.heading.sources[0].startswith(
            ("heading-", "theme:", "curated:")
        )


def test_a_theme_with_one_activity_reads_without_yi_shi(composer: Composer) -> None:
    answers = replace(
        load("tax_quarter_summary.toml"), activities=(Activity("组织观看警示教育片，32人参加"),)
    )
    text = to_text(composer.compose(answers).report)
    block = text.split("（一）", 1)[1].split("二、", 1)[0]
    assert "一是" not in block and "32人参加" in block


def test_mined_problems_and_plans_close_the_loop(composer: Composer) -> None:
    composition = composer.compose(load("tax_quarter_summary.toml"))
    problems = composition.report.section("problems")
    count = sum(len(b.items) for b in problems.blocks)
    assert 2 <= count <= 4
    assert set(composition.problem_themes) <= set(composition.plan_themes)
    # Then the themes most worked on, up to the genre's usual number of plans.
    plans = composition.report.section("plans").blocks[0].items
    assert len(plans) == PLANS_MAX["quarter"]
    counts = Counter(p.theme for p in composition.placed if p)
    planned = set(composition.plan_themes) - set(composition.problem_themes)
    unplanned = set(counts) - set(composition.plan_themes)
    assert all(counts[t] >= counts[u] for t in planned for u in unplanned)


def test_writers_problems_and_plans_are_used(composer: Composer) -> None:
    transport = composer.compose(load("transport_half_responsibility.toml"))
    text = to_text(transport.report)
    assert "个别支部“三会一课”不够规范。" in text
    assert "年轻干部理论学习主动性不强。" in text
    assert set(transport.problem_themes) <= set(transport.plan_themes)
    street = to_text(composer.compose(load("street_year_duty.toml")).report)
    assert "推进红色物业全覆盖。" in street and "年底前建成2个党群服务中心。" in street


def test_a_problem_no_sub_topic_answers_gets_a_measure_of_its_theme(composer: Composer) -> None:
    # No sub-topic speaks of 党员医生忙业务: the theme's measure worded most like it, under
    # a lead of its own, not the problem pasted back (针对…的问题) nor an empty promise.
    hospital = load("hospital_half_responsibility.toml")
    problem = "个别临床科室党员医生忙业务，过组织生活不够经常"
    answers = replace(hospital, period=period.parse("2026年"), problems=(problem,))
    plans = composer.compose(answers).report.section("plans").blocks[0].items
    answer = plans[0]
    assert "组织生活" in answer.text and "深入查找根源" not in answer.text
    assert len(answer.sentences) >= 2 and len(answer.sentences[0].text) <= 16
    assert all("针对" not in p.text and "党员医生忙业务" not in p.text for p in plans)


@pytest.mark.parametrize(
    ("problem", "measure"),
    [
        # Writers' own problems, as reviewers typed them: each gets a measure of its work,
        # under a lead saying that work, never the empty 深入查找根源 promise.
        ("自己抓业务的时间多，抓党建的时间少", "抓党建的时间"),
        ("党建和生产结合的办法还不多", "结合的有效办法"),
        ("有的党员觉得党建是支部书记一个人的事", "党员主体意识"),
        ("监督主要靠上级检查，支部自己的日常监督不够", "日常监督"),
        ("基层台站党员少，有的县局只有3个党员，三会一课不好开", "党员人数少"),
        ("社区党组织书记年龄偏大，有几个不太会用电脑", "信息化应用"),
        # Round CU: the age of a staff the unit trains is no 党员年龄结构 problem.
        ("基层防疫员队伍年龄偏大，党员在村级防疫一线的带头作用发挥不够", "先锋岗"),
    ],
)
def test_a_writers_problem_gets_a_measure_of_its_own_work(
    composer: Composer, problem: str, measure: str
) -> None:
    answers = replace(load("hospital_half_responsibility.toml"), problems=(problem,))
    plans = composer.compose(answers).report.section("plans").blocks[0].items
    answering = [p for p in plans if measure in p.text]
    assert answering, [p.text for p in plans]
    assert all("查找根源" not in p.text and "找准症结" not in p.text for p in plans)
    assert "防疫员" not in problem or all("年龄结构" not in p.text for p in plans)
    lead = answering[0].sentences[0].text
    assert lead.endswith("。") and len(lead) <= 16 and measure not in lead


@pytest.mark.parametrize(
    ("problem", "cause"),
    [
        # A cause of the problem's own work, not its theme's next one (reviewers in round X
        # struck 党员教育管理还不够精细 under 老龄化, and 党员发挥作用 under 集体经济).
        ("全村党员老龄化，60岁以上的占了一半多，年轻党员少", "发展党员的渠道"),
        ("集体经济增收路子还比较窄，主要靠桃子和项目", "发展集体经济的思路"),
        ("一线班组党员分散在各个站点，集中学习时间难保证", "时间不固定党员的学习安排"),
        ("基层支部书记多是兼职的，业务忙起来党建就顾不上", "兼职支部书记"),
        ("个别队员执法方式还比较简单粗暴，被投诉过", "作风问题"),
        ("纪检委员均为兼职，监督力量弱", "监督的力量"),
        # Round CV: an ageing staff of few young members, a thin 纪检, a skill gap and a
        # secretary torn between duties read as such, not as 党员管理, 谈话, 谈心, 标准化.
        ("党员队伍老化，46名职工中党员19名，35岁以下党员只有2人", "发展党员的渠道"),
        ("监督体系不够健全，纪检力量只有2名兼职人员，日常监督覆盖不到位", "监督的力量"),
        ("个别干部面对缠访闹访畏难情绪重，群众工作能力与新形势要求有差距", "教育培训的针对性"),
        ("支部书记抓全面从严治党与业务工作统筹不够，业务忙时日常监督存在宽松软", "最大政绩"),
    ],
)
def test_a_writers_problem_gets_a_cause_of_its_own_work(
    composer: Composer, problem: str, cause: str
) -> None:
    answers = replace(
        load("hospital_half_responsibility.toml"), problems=(problem, "理论学习有时学得不深")
    )
    blocks = composer.compose(answers).report.section("problems").blocks
    causes = [item.text for item in blocks[1].items]
    assert cause in causes[0], causes


def test_a_writers_problem_no_cause_fits_gets_none(composer: Composer) -> None:
    """A stock cause beside a problem it does not explain owns up to a failing the writer
    never named: the writer's problems get causes of their own work, or none."""
    answers = replace(
        load("hospital_half_responsibility.toml"),
        problems=("智能监控系统用得还不充分", "理论学习有时学得不深"),
    )
    blocks = composer.compose(answers).report.section("problems").blocks
    causes = [item.text for item in blocks[1].items] if len(blocks) > 1 else []
    assert len(causes) <= 1 and all("学习" in cause for cause in causes), causes


def test_a_responsibility_report_does_not_open_on_a_duty_its_facts_state(
    composer: Composer,
) -> None:
    """书记履行第一责任人职责，班子成员落实“一岗双责” opens the work, unless the writer's
    fact says so; then it would be said twice (round OO)."""
    answers = load("hospital_half_responsibility.toml")
    plain = composer.compose(answers).report.section("work")
    assert "第一责任人" in "".join(s.text for s in plain.intro)
    fact = "书记履行第一责任人职责，听取班子成员落实“一岗双责”情况汇报2次"
    owned = replace(answers, activities=(*answers.activities, Activity(fact)))
    report = composer.compose(owned).report
    assert report.section("work").intro == ()
    assert to_text(report).count("第一责任人") == 1


def test_a_subsection_of_one_subtopics_work_is_headed_by_it(composer: Composer) -> None:
    """A 巡察 整改 alone under 责任落实 is headed by its 整改, not by 健全责任落实体系
    (rounds OO1 a and OO2 c); with a 责任书 beside it the theme's heading stands."""
    fact = "县委巡察组反馈的5个问题，到6月底已完成整改4个"
    answers = load("hospital_half_responsibility.toml")
    alone = [a for a in answers.activities if "责任书" not in a.text] + [Activity(fact)]
    for activities, named in ((alone, True), ([*answers.activities, Activity(fact)], False)):
        report = composer.compose(replace(answers, activities=tuple(activities))).report
        blocks = report.section("work").blocks
        block = next(b for b in blocks if fact in "".join(i.text for i in b.items))
        assert block.heading is not None
        assert ("整改" in block.heading.text) is named, block.heading.text


def test_a_summarys_lone_inspection_goes_with_its_integrity_work(composer: Composer) -> None:
    """A summary's one 巡察 整改 is no second section of its own (round AF): it joins the
    党风廉政 subsection; a 主体责任 report keeps it under 主体责任 (the test above)."""
    answers = load("community_quarter_summary.toml")
    facts = ("县委巡察组反馈的5个问题，到9月底已完成整改4个", "组织党员观看警示教育片")
    activities = (*answers.activities, *map(Activity, facts))
    report = composer.compose(replace(answers, activities=activities)).report
    block = next(
        b for b in report.section("work").blocks if "巡察" in "".join(i.text for i in b.items)
    )
    assert "警示教育片" in "".join(i.text for i in block.items)


def test_a_lone_facts_label_its_heading_names_goes(composer: Composer) -> None:
    """意识形态工作方面，… alone under a heading of 意识形态 says the topic twice (round PP)."""
    answers = load("hospital_half_responsibility.toml")
    fact = "抓意识形态工作，实行课堂教学“三审”制度，审核课件56份"
    kept = [a for a in answers.activities if "意识形态" not in a.text and "宣传" not in a.text]
    report = composer.compose(replace(answers, activities=(*kept, Activity(fact)))).report
    block = next(
        b
        for b in report.section("work").blocks
        if "审核课件56份" in "".join(i.text for i in b.items)
    )
    assert block.heading is not None and "意识形态" in block.heading.text
    assert "实行课堂教学“三审”制度" in block.items[0].text
    assert "意识形态工作方面" not in block.items[0].text


def test_a_cause_worded_alike_only_in_function_words_is_not_the_problems(
    composer: Composer,
) -> None:
    """党务工作力量还需加强 shares 还需加强 with 辅警的教育管理还需加强, and 党建工作 with
    督促指导二级单位党建工作: alike words, another matter (round OO)."""
    for problem in ("对辅警等非党员人员的教育管理还需要加强", "对二级单位党建工作督促指导不够"):
        answers = replace(load("hospital_half_responsibility.toml"), problems=(problem,))
        blocks = composer.compose(answers).report.section("problems").blocks
        causes = "".join(item.text for item in blocks[1].items) if len(blocks) > 1 else ""
        assert "党务工作力量" not in causes, (problem, causes)


def test_a_responsibility_report_heads_its_work_as_the_duty_it_carried_out(
    composer: Composer,
) -> None:
    """Not a mined 重点工作开展情况: a 主体责任 report tells how it carried out 主体责任."""
    for name in ("transport_half_responsibility.toml", "school_quarter_responsibility.toml"):
        heading = composer.compose(load(name)).report.section("work").heading.text
        assert "主体责任" in heading, heading


def test_duty_report_speaks_in_first_person_and_analyses_causes(composer: Composer) -> None:
    text = to_text(composer.compose(load("street_year_duty.toml")).report)
    assert "本人" in text
    assert "产生问题的原因：" in text
    assert "述职人：XXX" in text


def test_placeholders_are_listed_to_fill(composer: Composer) -> None:
    answers = replace(
        load("tax_quarter_summary.toml"), activities=(Activity("组织XX名党员参加集中学习"),)
    )
    report = composer.compose(answers).report
    assert "组织XX名党员参加集中学习" in to_text(report)
    assert any("XX" in item and "第1项工作" in item for item in report.todo)
    assert any("落款日期" in item for item in report.todo)


def test_a_terse_activity_is_listed_with_what_to_add(composer: Composer) -> None:
    """A fact told in a few words is drafted as it is, and 待补充 says what such work
    usually states (a party lecture its speaker, title and listeners)."""
    answers = replace(
        load("tax_quarter_summary.toml"),
        activities=(Activity("书记讲党课"), Activity("9月召开支委会3次，研究发展党员2名")),
    )
    report = composer.compose(answers).report
    asked = [item for item in report.todo if "简略" in item]
    assert asked == [
        "第1项工作写得比较简略，可补充讲课人、党课题目、听课人数，报告会更充实：支部书记讲党课。"
    ]


def test_a_file_drafts_writer_is_asked_what_the_genre_usually_tells(composer: Composer) -> None:
    """A writer drafting from a file hears nothing at /done: the 待补充 list asks for what
    a year's 述职 usually tells and these six activities do not: last year's problems put
    right, the writer's own part, the themes untouched, more activities."""
    answers = load("street_year_duty.toml")
    todo = composer.compose(answers).report.todo
    assert any("上年度问题的整改情况" in item and "例如：针对上年度" in item for item in todo)
    assert any(item.startswith("述职报告主要写本人亲自抓了哪些工作") for item in todo)
    assert any("一般写到责任落实、党风廉政建设方面的工作" in item for item in todo)
    few = f"本期写了{len(answers.activities)}项工作，全年的报告一般写20项"
    assert any(few in item for item in todo)
    # Told them, it asks none of them.
    told = (
        "针对上年度述职评议指出的“理论学习不够深入”问题，制定中心组年度学习计划",
        "本人主持召开党委会专题研究党建工作6次",
        "本人带头讲党课2次，与班子成员谈心谈话12人次",
        "落实全面从严治党主体责任，与各村签订党风廉政建设责任书",
        "开展警示教育，组织党员干部观看警示教育片",
    )
    fuller = replace(answers, activities=answers.activities + tuple(map(Activity, told)))
    asked = composer.compose(fuller).report.todo
    assert not any(re.search("整改情况|亲自抓|一般写到", item) for item in asked), asked


def test_repeated_activity_is_written_once(composer: Composer) -> None:
    answers = replace(
        load("tax_quarter_summary.toml"),
        activities=(
            Activity("开展廉政谈话12人次"),
            Activity("开展廉政谈话12人次。"),
            Activity("召开支部党员大会"),
        ),
    )
    composition = composer.compose(answers)
    assert to_text(composition.report).count("开展廉政谈话12人次") == 1
    assert composition.placed[1] is None


def test_colloquial_wording_is_formalised_facts_untouched(composer: Composer) -> None:
    answers = replace(
        load("tax_quarter_summary.toml"),
        activities=(Activity("我们搞了个“清风课堂”，一共开了3次课啦😀"),),
    )
    text = to_text(composer.compose(answers).report)
    assert "开展“清风课堂”，共召开3次课。" in text or "开展“清风课堂”，共开了3次课" in text
    assert "搞" not in text and "😀" not in text and "啦" not in text


def test_fixed_theme_and_variant_are_honoured(composer: Composer) -> None:
    base = load("tax_quarter_summary.toml")
    first = composer.compose(
        replace(base, activities=(Activity("组织党员观看警示教育片", theme="organization"),))
    )
    placed = first.placed[0]
    assert placed is not None and placed.theme == "organization"
    # /swap: the next wording of the same sub-topic (in a list: a lone item has no lead).
    warning = Activity("组织党员观看警示教育片")
    talk = Activity("开展任前廉政谈话")
    one = composer.compose(replace(base, activities=(warning, talk))).placed[0]
    swapped = replace(warning, variant=1)
    two = composer.compose(replace(base, activities=(swapped, talk))).placed[0]
    assert one is not None and two is not None
    assert one.subtopic == two.subtopic == "warning_education"
    assert one.lead and two.lead and one.lead != two.lead


def test_same_answers_same_draft(composer: Composer) -> None:
    answers = load("transport_half_responsibility.toml")
    assert to_text(composer.compose(answers).report) == to_text(composer.compose(answers).report)


def test_every_sentence_is_traceable(composer: Composer, bank: Bank) -> None:
    report = composer.compose(load("tax_quarter_summary.toml")).report
    for sentence in report.sentences():
        assert sentence.sources, sentence.text
        for source in sentence.sources:
            kind = source.split(":", 1)[0]
            assert kind in ("activity", "problem", "plan", "genre", "theme", "curated") or bank.get(
                source
            ), source
    explained = explain(report, bank)
    assert "第1项工作（您的原话）" in explained
    assert "短语库 " in explained and "第" in explained


def test_tax_unit_gets_tax_wording_other_units_do_not(composer: Composer) -> None:
    tax = to_text(composer.compose(load("tax_quarter_summary.toml")).report)
    transport = to_text(composer.compose(load("transport_half_responsibility.toml")).report)
    assert "税" in tax.replace("国家税务总局临江县税务局", "").replace("出口退税", "")
    assert "税" not in transport


def test_each_stock_phrase_appears_once_even_inside_other_text(
    composer: Composer, bank: Bank
) -> None:
    for path in CASES:
        report = composer.compose(answers_module.load(path, TODAY)).report
        text = to_text(report).replace("\u3000", "").replace("\n", "")
        for sentence in report.sentences():
            for source in sentence.sources:
                phrase = bank.get(source)
                if phrase is None or phrase.kind not in ("effect", "lead", "plan", "problem"):
                    continue
                piece = phrase.text.rstrip("。")
                if "本单位" not in piece and "〔" not in piece and len(piece) >= 8:
                    assert text.count(piece) <= 1, (path.name, piece)


def test_a_party_group_unit_gets_no_party_committee_wording(composer: Composer) -> None:
    answers = load("transport_half_responsibility.toml")
    text = to_text(composer.compose(answers).report)
    for word in ("党委会", "党委书记", "党委中心组", "党委理论学习中心组"):
        assert word not in text, word


def test_a_hospital_is_not_an_organ_of_government(composer: Composer) -> None:
    answers = replace(load("tax_quarter_summary.toml"), unit="江北市第一人民医院")
    text = to_text(composer.compose(answers).report)
    assert "江北市第一人民医院党委" in text
    for word in ("机关党建", "机关活力", "机关党的建设", "机关党支部"):
        assert word not in text, word


def test_mined_problems_are_answered_even_when_the_writer_gives_plans(composer: Composer) -> None:
    composition = composer.compose(load("street_year_duty.toml"))
    assert composition.problem_themes
    assert set(composition.problem_themes) <= set(composition.plan_themes)
    text = to_text(composition.report)
    assert text.index("推进红色物业全覆盖") < text.index("年底前建成2个党群服务中心")


def test_a_heading_claims_nothing_its_activities_do_not_say(composer: Composer, bank: Bank) -> None:
    answers = replace(
        load("tax_quarter_summary.toml"),
        activities=(Activity("组织青年干部开展岗位练兵比武，评出业务能手5名", theme="cadres"),),
    )
    report = composer.compose(answers).report
    heading = report.section("work").blocks[0].heading
    assert heading is not None and "选人用人" not in heading.text
    lexicon = load_lexicon()
    assert lexicon.entailed(heading.text, "cadres", "组织青年干部开展岗位练兵比武，评出业务能手5名")


def test_a_count_between_verb_and_noun_does_not_hide_the_theme(composer: Composer) -> None:
    assert composer.classify(Activity("发展了1个党员")).theme == "organization"


def test_work_that_names_no_party_work_goes_under_the_central_task(composer: Composer) -> None:
    # A weather bureau's station upgrade is its business, not 政治忠诚教育, whatever
    # labelled examples it resembles; party work keeps its place.
    assert composer.subtopic("完成自动气象站维护升级，新建乡镇区域站4个") == composer.subtopic(
        "全年查办案件386件"
    )
    warnings = composer.subtopic("全年发布各类预警信号86期，重要天气报告23期")
    party_day = composer.subtopic("组织党员到县革命烈士纪念馆开展主题党日活动")
    assert warnings is not None and warnings.id == "central_task"
    assert party_day is not None and party_day.id == "party_day"
    # 专项整治 is integrity work only beside a word of it (违规吃喝, 腐败).
    helmets = composer.subtopic("完成批发市场电动自行车头盔、儿童用品专项整治")
    dining = composer.subtopic("开展违规吃喝问题专项整治")
    assert helmets is not None and helmets.id == "central_task"
    assert dining is not None and dining.id == "style_inspection"


def test_a_fact_with_no_lead_follows_the_numbered_items_unnumbered() -> None:
    def led(lead: str, fact: str) -> Item:
        return Item((Sentence(f"{lead}。"), Sentence(f"{fact}。")))

    bare = Item((Sentence("全年发布预警信号86期。"),))
    items, numbered = numbered_list(
        [led("深化警示教育", "观看警示教育片"), bare, led("严明节日纪律", "发送提醒短信")]
    )
    block = Block(Sentence("从严正风肃纪"), (Sentence("框架句。"),), tuple(items), numbered)
    report = Report(Sentence("标题"), (), (Section("work", Sentence("工作情况"), (), (block,)),))
    body = [p.text for p in layout(report)]
    # 一是、二是 over the led items; the bare fact after them, joined on, its words kept.
    assert body[-3:] == [
        "一是深化警示教育。观看警示教育片。",
        "二是严明节日纪律。发送提醒短信。",
        "此外，全年发布预警信号86期。",
    ]
    # A bare fact opening on its work is listed in its turn, after the led ones.
    working = Item((Sentence("联合县税务局召开政企座谈会3次。"),))
    items, numbered = numbered_list([working, led("深化警示教育", "观看警示教育片"), bare])
    block = Block(Sentence("从严正风肃纪"), (Sentence("框架句。"),), tuple(items), numbered)
    report = Report(Sentence("标题"), (), (Section("work", Sentence("工作情况"), (), (block,)),))
    assert [p.text for p in layout(report)][-3:] == [
        "一是深化警示教育。观看警示教育片。",
        "二是联合县税务局召开政企座谈会3次。",
        "此外，全年发布预警信号86期。",
    ]
    # So is the secretary's own doing in a 述职 (round CN: it hung on after 此外).
    own = Item((Sentence("本人带头领办科研项目1项，全年下田指导40余天。"),))
    items, numbered = numbered_list([led("深化警示教育", "观看警示教育片"), own])
    assert numbered and items[-1] is own
    # With a single led item and nothing else to number there is no list: plain paragraphs
    # of the facts, in order; a lead standing alone, unnumbered, would read as a stray phrase.
    items, numbered = numbered_list([bare, led("深化警示教育", "观看警示教育片")])
    assert not numbered
    assert [item.text for item in items] == ["全年发布预警信号86期。", "观看警示教育片。"]


def test_a_plan_does_not_set_up_what_the_unit_has(composer: Composer) -> None:
    """Three 党员先锋岗 stand already: no plan to 设立党员先锋岗."""
    hospital = load("hospital_half_responsibility.toml")
    answers = replace(
        hospital,
        activities=(*hospital.activities, Activity("在门诊设立党员先锋岗3个")),
        problems=("党建和业务结合的办法还不多",),
    )
    plans = composer.compose(answers).report.section("plans").blocks[0].items
    assert plans and not any("设立党员先锋岗" in p.text for p in plans)


@pytest.mark.parametrize(
    ("said", "problem", "asked"),
    [
        ("对党员少的支部如何开展组织生活研究还不够", "有的县局只有3个党员，三会一课不好开", True),
        ("对党员少的支部如何开展组织生活研究还不够", "党员年龄偏大，年轻党员少", False),
        ("整改的长效机制还不够健全", "巡察反馈的2个问题还没整改完", True),
        ("整改的长效机制还不够健全", "本人抓业务多，研究党建工作不够深", False),
        # More of what the problem finds wanting answers nothing (rounds AV–AX).
        ("定期组织观看警示教育片、参观廉政教育基地", "警示教育形式比较单一", False),
        ("定期组织观看警示教育片、参观廉政教育基地", "运用身边典型案例还不够多", True),
        ("采取集中学习、专题辅导等方式组织学习", "学习形式比较单一，以读文件为主", False),
    ],
)
def test_a_cause_or_plan_speaks_of_a_matter_only_when_its_problem_does(
    said: str, problem: str, asked: bool
) -> None:
    assert unasked(said, problem) is not asked


def test_plans_answer_the_writers_problems_in_their_order(composer: Composer) -> None:
    answers = replace(
        load("hospital_half_responsibility.toml"),
        problems=("本人抓学习还不够系统，有时候忙于事务", "党建和业务结合的办法还不多"),
    )
    plans = composer.compose(answers).report.section("plans").blocks[0].items
    assert "学习" in plans[0].text and "结合的有效办法" in plans[1].text


def _summary(unit: str, span: str, activities: tuple[str, ...], problem: str) -> Answers:
    """A summary of `activities` with the writer's one `problem`."""
    return Answers(
        unit,
        period.parse(span),
        genres()["summary"],
        tuple(Activity(text) for text in activities),
        problems=(problem,),
    )


def test_one_cause_is_not_said_to_be_several(composer: Composer) -> None:
    """分析原因，主要有以下几个方面： before a single cause reads as a slip (round FF)."""
    facts = ("组织党员集中学习6次", "召开支委会6次")
    problem = "采血一线党员多数轮班，集中学习时间难保证"
    answers = _summary("某市中心血站党支部", "2026年上半年", facts, problem)
    blocks = composer.compose(answers).report.section("problems").blocks
    causes = [b for b in blocks if b.intro and "原因" in b.intro[0].text]
    assert causes and len(causes[0].items) == 1
    assert causes[0].intro[0].text == "分析原因，主要是："


def test_a_cause_the_facts_contradict_is_not_given(composer: Composer) -> None:
    """研讨式学习开展得还不多 beside the writer's own 专题研讨4次 is false (rounds II, KK)."""
    from bot.writer.asked import contradicted

    cause = (
        "学习教育方式还不够丰富。集体学习以传达文件、领读原文为主，互动式、研讨式学习开展得还不多。"
    )
    assert contradicted(cause, "党组理论学习中心组学习12次，开展专题研讨4次")
    assert not contradicted(cause, "党组理论学习中心组学习12次")
    facts = ("党组理论学习中心组学习12次，开展专题研讨4次", "召开党组会议20次")
    problem = "理论学习有时偏重读原文，联系业务研讨不够深"
    answers = _summary("某县发展和改革局党组", "2026年", facts, problem)
    text = to_text(composer.compose(answers).report)
    assert "研讨式学习开展得还不多" not in text


def test_two_problems_of_one_kind_of_work_each_get_a_plan(composer: Composer) -> None:
    """Two problems answered by one sub-topic's plans: the plan passed over for the first
    (for a closer one) is left for the second, not spent (round AS: the branch's 兼职
    secretary got no plan)."""
    facts = ("支部每月召开支委会，上半年召开6次", "组织党员学习安全生产重要论述3次")
    answers = replace(
        _summary("某县燃气有限公司党支部", "2026年上半年", facts, ""),
        problems=(
            "部分党员认为党建是支部书记的事，一线班组党员因为倒班经常请假",
            "支部书记兼任副经理，党务工作多靠兼职党务干事一人在做",
        ),
    )
    plans = composer.compose(answers).report.section("plans").blocks[0].items
    assert "党务" in plans[1].text, [p.text for p in plans]


def test_a_practice_naming_one_kind_of_work_does_not_stand_over_two(composer: Composer) -> None:
    """发挥工会联系服务职工的桥梁纽带作用 over 工会 and 团支部 facts speaks of half of them
    (round AT struck it); over 工会 work alone it stands."""
    both = "工会组织职工运动会和“三八”节插花活动，团支部开展青年干部读书分享会"
    alone = "工会组织职工运动会和“三八”节插花活动"
    facts = ("组织党员集中学习6次", "召开支委会6次")
    texts = [
        to_text(
            composer.compose(_summary("某县住房和城乡建设局", "2026年", (*facts, f), "")).report
        )
        for f in (both, alone)
    ]
    assert both in texts[0] and "工会联系服务职工" not in texts[0]
    assert "工会联系服务职工" in texts[1]


def test_a_study_of_the_important_expositions_counts_as_theory_in_the_reminders(
    composer: Composer,
) -> None:
    """全年学习…重要论述等专题10次 is a 第一议题 study headed with 政治建设; 待补充 still
    asked for 理论武装 as untouched (round BZ)."""
    study = (
        "每月主题党日前集中学习，全年学习习近平总书记关于城市基层治理的重要论述等专题10次；"
        "为行动不便的离退休老党员上门送学31人次"
    )
    answers = replace(load("street_year_duty.toml"), activities=(Activity(study),))
    todo = composer.compose(answers).report.todo
    assert not any("理论武装" in item for item in todo), todo


def test_a_theme_the_writer_chose_is_not_questioned(composer: Composer, tmp_path: Path) -> None:
    """A business fact the writer put under 党建业务融合 themselves is theirs: 待补充 no
    longer says it looks like business work (round CA); one they left to the tool still
    hears it."""
    path = tmp_path / "answers.toml"
    path.write_text(
        'unit = "某县税务局第一税务分局党支部"\nperiod = "2026年第三季度"\ngenre = "summary"\n'
        'activities = [\n  "9月召开支委会3次",\n'
        '  { text = "完成税费收入任务12亿元", theme = "integration" },\n'
        '  "三季度查办涉税案件12件",\n]\n',
        encoding="utf-8",
    )
    todo = composer.compose(answers_module.load(path, TODAY)).report.todo
    flagged = [item for item in todo if "看起来是业务工作" in item]
    assert len(flagged) == 1 and "第3项" in flagged[0], todo
