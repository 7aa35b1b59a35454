"""Business work placed and answered as its writer means it, lines kept or split as they
were done, and problems answered in their own terms (rounds BN–BR, thirty units new to
the project: a 供电公司, a court, a 统计局, a 党校, a 妇联, a kindergarten, a 镇党委 …)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.writer import period
from bot.writer.answers import Activity, Answers
from bot.writer.compose import Composer
from bot.writer.genres import genres
from bot.writer.profile import profile_for
from bot.writer.report import Report

DATA = Path(__file__).parent / "data"
PARTY = ("组织党员集中学习6次", "召开支委会6次，研究发展党员等事项")


@pytest.fixture(scope="module")
def composer(shared_composer: Composer) -> Composer:
    return shared_composer


def _report(
    composer: Composer,
    unit: str,
    span: str,
    genre: str,
    facts: tuple[str, ...],
    problems: tuple[str, ...] = (),
) -> Report:
    activities = tuple(Activity(text) for text in (*PARTY, *facts))
    answers = Answers(unit, period.parse(span), genres()[genre], activities, problems=problems)
    return composer.compose(answers).report


def _section(report: Report, role: str) -> str:
    section = report.section(role)
    return "".join(
        "".join(s.text for s in block.intro) + "".join(item.text for item in block.items)
        for block in section.blocks
    )


def test_a_drive_against_safety_violations_is_safety_work_and_its_problem_gets_a_safety_plan(
    composer: Composer,
) -> None:
    """查处违章47起 read as 47 integrity cases under 加强警示教育; a 习惯性违章 problem got a
    警示教育 plan."""
    fact = "开展违章“零容忍”反违章专项行动，查处违章47起，考核112人次"
    problem = "个别供电所仍有习惯性违章，反违章成效还不稳固"
    report = _report(composer, "某县供电公司", "2026年上半年", "summary", (fact,), (problem,))
    (block,) = [
        b for b in report.section("work").blocks if "违章" in "".join(i.text for i in b.items)
    ]
    said = "".join(s.text for s in block.intro)
    assert "结合点" in said and "廉" not in said
    plans = _section(report, "plans")
    assert "违章" in plans and "安全规程" in plans


def test_a_courts_open_day_is_judicial_openness_and_officers_in_a_village_are_its_aid(
    composer: Composer,
) -> None:
    """法院开放日 was 践行服务宗旨; 干警驻村 at a 帮扶联系点 was the secretary's 一岗双责."""
    facts = (
        "开展“法院开放日”6次，邀请人大代表、政协委员旁听庭审42人次",
        "选派3名干警驻村，帮扶联系点王家村，协调资金18万元修村道",
    )
    work = _section(_report(composer, "中共某县人民法院党组", "2026年", "duty", facts), "work")
    assert "深化司法公开。开展“法院开放日”6次" in work
    assert "履行抓党建职责" not in work
    assert "助力结对村发展。选派3名干警驻村" in work


def test_a_problem_that_gives_its_own_reason_gets_no_stock_cause(composer: Composer) -> None:
    """A 整改 held up by funds was blamed on 举一反三、建章立制还不够."""
    problems = (
        "巡察反馈的1条问题（诉讼服务中心信息化改造）因资金原因尚未整改到位",
        "党建和审判业务融合还不够深，“两张皮”现象没有完全解决",
    )
    facts = ("抓好巡察整改，市委第三巡察组反馈问题14条，已整改完成13条",)
    report = _report(composer, "中共某县人民法院党组", "2026年", "duty", facts, problems)
    causes = _section(report, "problems").split("产生问题的原因")[-1]
    assert "融合" in causes
    assert "举一反三" not in causes and "整改进度" not in causes


# Work sections drafted from what writers of review rounds typed (tests/data/work_cases.toml).
WORK_CASES = [
    pytest.param(
        c["unit"],
        c["period"],
        c["genre"],
        tuple(c["facts"]),
        tuple(c["said"]),
        tuple(c["unsaid"]),
        id=c["id"],
    )
    for c in tomllib.loads((DATA / "work_cases.toml").read_text("utf-8"))["case"]
]


@pytest.mark.parametrize(("unit", "span", "genre", "facts", "said", "unsaid"), WORK_CASES)
def test_the_work_section_says_it_as_its_writer_meant(
    composer: Composer,
    unit: str,
    span: str,
    genre: str,
    facts: tuple[str, ...],
    said: tuple[str, ...],
    unsaid: tuple[str, ...],
) -> None:
    work = _section(_report(composer, unit, span, genre, facts), "work")
    assert all(words in work for words in said), work
    assert not any(words in work for words in unsaid), work


def test_an_ageing_membership_gets_a_plan_for_its_age_structure(composer: Composer) -> None:
    """A village's 党员老龄化 got a plan for its 活动场所 (round BN)."""
    problems = ("党员队伍老龄化，60岁以上党员占近一半，年轻党员外出多，在家能发挥作用的不多",)
    facts = ("发展党员2名，培养入党积极分子3名",)
    report = _report(composer, "中共某镇某村总支部委员会", "2026年", "summary", facts, problems)
    first_plan = report.section("plans").blocks[0].items[0].text
    assert "年龄结构" in first_plan
    assert "计量支付" not in _section(report, "plans")


def test_a_schools_people_are_its_teachers_in_a_heading_made_for_them(
    composer: Composer,
) -> None:
    """扎实推进干部队伍建设 over a primary school's teachers (round BO)."""
    facts = ("开展青年教师“青蓝结对”，结对12对", "组织教师暑期集中培训3天，参训教师86人")
    report = _report(composer, "某县实验小学党支部", "2026年", "responsibility", facts)
    headings = [b.heading.text for b in report.section("work").blocks if b.heading]
    assert not any("干部队伍" in heading for heading in headings)


def test_an_inspection_the_unit_carries_out_claims_no_rectification(composer: Composer) -> None:
    """院内巡察 of two departments got 抓好巡察整改 and 对反馈问题逐项对照落实 (round BO)."""
    facts = ("院内巡察对药剂科、设备科开展专项检查", "修订《党委会议事规则》《院长办公会议事规则》")
    report = _report(composer, "某县第二人民医院", "2026年", "summary", facts)
    work = _section(report, "work")
    assert "反馈问题" not in work and "巡察整改" not in work
    items = [i for b in report.section("work").blocks for i in b.items if "议事规则》" in i.text]
    assert items and any(w in items[0].sentences[0].text for w in ("决策", "议事", "民主集中"))


def test_a_fund_problem_gets_a_cause_and_plan_of_its_data(composer: Composer) -> None:
    """A 社保基金 watched by hand, its data not shared, had no cause and no plan (BP)."""
    problem = "社保基金监管靠人工比对多，与公安、民政数据共享还不及时，冒领问题发现滞后"
    facts = ("社保基金管理问题专项整治，追回冒领养老待遇6人4.2万元",)
    report = _report(
        composer,
        "某县人力资源和社会保障局机关党支部",
        "2026年",
        "responsibility",
        facts,
        (problem,),
    )
    assert "数据共享机制" in _section(report, "problems")
    assert "数据比对" in _section(report, "plans")


def test_a_tax_bureaus_committee_is_named_once() -> None:
    """国家税务总局某县税务局委员会党委 (round BP)."""
    profile = profile_for("国家税务总局某县税务局委员会")
    assert profile.org == "国家税务总局某县税务局委员会"
    assert profile.body == "党委" and profile.short_org == "局党委"


def test_a_cause_does_not_deny_its_own_problem(composer: Composer) -> None:
    """有时满足于按时开会、记录齐全 for a problem of records not in order (round BQ)."""
    problem = "少数基层所队党支部书记重业务轻党建，“三会一课”记录不规范，党建与执法办案结合不紧"
    facts = ("落实“三会一课”，各支部上半年召开支部党员大会2次",)
    report = _report(
        composer, "中共某县公安局委员会", "2026年", "responsibility", facts, (problem,)
    )
    assert "记录齐全" not in _section(report, "problems")


def test_no_plan_names_a_day_at_the_turn_of_the_periods(composer: Composer) -> None:
    """结合七一等重要节点 in a second half year's plans, written in July (round BQ)."""
    facts = ("开展主题党日活动6次", "召开支委会6次，研究发展党员等事项")
    problem = "党建与业务融合不够，有的支部主题党日形式单一，在重点项目一线作用发挥不明显"
    report = _report(
        composer, "中共某县交通运输局党组", "2026年上半年", "summary", facts, (problem,)
    )
    plans = _section(report, "plans")
    assert "主题党日" in plans and "七一" not in plans


@pytest.mark.parametrize(
    ("problem", "cause_words", "plan_words"),
    [
        # Round BV: a commerce bureau's watch over 专项资金 and 消费券 got neither.
        ("对专项资金、消费券等重点领域监督还不够精准，事前防控力度不够", "风险", "廉政风险"),
        # Round BV: “两张皮” beside 主体责任有温差 got a cause of 支部建设 (round BU's draft).
        ("部分单位主体责任有温差，重业务轻党建，党建与业务“两张皮”问题仍然存在", "融合", "融合"),
    ],
)
def test_a_writers_problem_of_oversight_or_of_two_skins_gets_its_cause_and_plan(
    composer: Composer, problem: str, cause_words: str, plan_words: str
) -> None:
    facts = ("招商引资签约项目8个，协议投资额23.5亿元",)
    report = _report(composer, "中共某县商务局党组", "2026年上半年", "summary", facts, (problem,))
    causes = [item.text for item in report.section("problems").blocks[-1].items]
    plans = report.section("plans").blocks[0].items
    assert causes and cause_words in causes[0], causes
    assert plan_words in plans[0].text, plans[0].text


def test_a_lone_visit_to_the_needy_is_headed_by_that_care(composer: Composer) -> None:
    """A post office's one 送温暖 stood under 加强精神文明建设, opened by 营造…良好氛围
    (round BV): a heading and framing that claim more than the one visit."""
    facts = ("开展送温暖活动，慰问困难职工7名、老党员3名",)
    report = _report(composer, "中国邮政集团有限公司某县分公司党支部", "2026年", "summary", facts)
    blocks = report.section("work").blocks
    block = next(b for b in blocks if "慰问困难职工" in "".join(i.text for i in b.items))
    assert block.heading is not None and "精神文明" not in block.heading.text, block.heading
    assert not any("氛围" in s.text for s in block.intro), block.intro


def test_a_problem_of_the_units_business_in_party_words_is_answered_as_its_business(
    composer: Composer,
) -> None:
    """A blood station's 团体献血 read as 群团 work, its 流动采血 as 流动党员; a 人社局's
    冒领 got 物资采购 rules (round DA). A 工商联 secretary's neglect of its 商会 stays a
    problem of his duty (round DB)."""
    problems = (
        "献血招募过度依赖团体献血和季节性动员，固定献血者比例偏低",
        "一线采血人员多、流动采血时间长，党员集中学习时间难以保证",
    )
    facts = ("上半年采集全血1.62万单位，无偿献血人次9860",)
    report = _report(composer, "某县中心血站党支部", "2026年上半年", "summary", facts, problems)
    said = _section(report, "problems") + _section(report, "plans")
    assert not any(word in said for word in ("群团", "流动党员", "志愿服务项目", "志愿者注册"))
    problems = ("社保基金、就业补贴资金监管还有薄弱环节，信息比对不及时，存在冒领风险",)
    report = _report(
        composer, "中共某县人力资源和社会保障局党组", "2026年", "responsibility", (), problems
    )
    plans = _section(report, "plans")
    assert "数据比对" in plans and "物资采购" not in plans
    problems = ("本人抓党建的精力投入不够均衡，对商会党组织督促少，深入企业调研不够",)
    report = _report(composer, "中共某县工商业联合会党组", "2026年", "duty", (), problems)
    assert "履行抓党建职责" in _section(report, "plans")


def test_an_ageing_team_of_non_members_is_no_problem_of_the_members_age(
    composer: Composer,
) -> None:
    """A 司法所's 人民调解员队伍老化 got a plan to 改善党员年龄结构 (round DC)."""
    problems = ("人民调解员队伍老化，专职调解员只有2人，复杂纠纷调解能力不足",)
    facts = ("7-9月调解矛盾纠纷46件，调解成功率98%",)
    unit = "某县司法局城关司法所党支部"
    report = _report(composer, unit, "2026年第三季度", "summary", facts, problems)
    assert "年龄结构" not in _section(report, "plans")


def test_a_problem_of_compliance_gets_compliance_education(composer: Composer) -> None:
    """A bank's staff weak on 合规, with 操作风险 found, got 权力运行 rules (round DC)."""
    problems = ("基层员工合规意识不够牢固，上半年内控检查发现操作风险问题23个",)
    facts = ("6月末各项存款余额186.3亿元",)
    unit = "中国农业银行某县支行党委"
    report = _report(composer, unit, "2026年上半年", "summary", facts, problems)
    assert "合规教育" in _section(report, "plans")


def test_a_business_problem_named_by_one_loose_party_phrase_is_the_business(
    composer: Composer,
) -> None:
    """A 政协's 协商成果转化 and a 人大's 代表建议 follow-up got 第一议题 causes and plans
    by their 跟踪问效 alone (round DD)."""
    for unit, problem in (
        ("中共某县政协机关党组", "协商成果转化不够，部分协商建议停留在纸面上，跟踪问效机制不健全"),
        (
            "中共某县人大常委会机关党组",
            "代表建议督办重“办结率”轻“落实率”，部分建议答复后跟踪问效不够",
        ),
    ):
        report = _report(composer, unit, "2026年", "responsibility", (), (problem,))
        said = _section(report, "problems") + _section(report, "plans")
        assert "第一议题" not in said, said


def test_a_problem_of_funds_paid_twice_is_funds_watched(composer: Composer) -> None:
    """优抚资金…审核把关不严，出现重复发放 got a 阵地 content-vetting cause and plan: 工作群、
    讲座的发布流程 (round DF)."""
    problems = ("优抚资金发放审核把关不严，出现重复发放问题，监督制约机制不够健全",)
    report = _report(
        composer, "某县退役军人服务中心党支部", "2026年", "responsibility", (), problems
    )
    said = _section(report, "problems") + _section(report, "plans")
    assert "讲座" not in said and "工作群" not in said, said


def test_a_rescue_stations_problems_get_its_own_plans_not_a_civil_affairs_bureaus(
    composer: Composer,
) -> None:
    """A 救助管理站 was a 社会福利 unit whose plan vetted 低保 and 临时救助 (round DH)."""
    facts = (
        "8月中旬配合县民政局完成救助站食堂、物资采购专项检查，整改问题3个",
        "7月开展“夏季送清凉”专项救助行动，街面巡查42次，救助流浪乞讨人员37人次",
    )
    problems = (
        "理论学习多停留在读文件、念原文，结合救助业务谈体会不够",
        "站里人员少、夜间巡查任务重，三会一课偶有延期补开，记录不够规范",
    )
    unit = "中共某县救助管理站支部委员会"
    report = _report(composer, unit, "2026年第三季度", "summary", facts, problems)
    plans = _section(report, "plans")
    assert "低保" not in plans and "社会福利" not in plans
    assert "救助管理" in plans


def test_a_problem_of_unsystematic_study_is_answered_by_study(composer: Composer) -> None:
    """A secretary's 理论学习系统性不够 that named 新媒体 too got a 宣传队伍 cause and a
    宣传平台 plan (round DH)."""
    problems = ("个人理论学习系统性不够，对广电网络整合改革、新媒体发展的研究不深",)
    facts = ("党委理论学习中心组全年集中学习12次",)
    unit = "某县广电网络有限公司党支部"
    report = _report(composer, unit, "2026年", "duty", facts, problems)
    said = _section(report, "problems") + _section(report, "plans")
    assert "通讯员" not in said and "宣传平台" not in said
    assert "理论学习" in _section(report, "plans")


# Plans for problems that name none of what a stock measure presumes (rounds DG–DK,
# tests/data/plan_cases.toml).
PLAN_CASES = [
    pytest.param(c, id=c["id"])
    for c in tomllib.loads((DATA / "plan_cases.toml").read_text("utf-8"))["case"]
]


@pytest.mark.parametrize("case", PLAN_CASES)
def test_a_plan_presumes_nothing_its_problem_and_facts_do_not_say(
    composer: Composer, case: dict[str, Any]
) -> None:
    facts, problems = tuple(case["facts"]), tuple(case["problems"])
    report = _report(composer, case["unit"], case["period"], "summary", facts, problems)
    plans = _section(report, "plans")
    assert not [words for words in case["unsaid"] if words in plans], plans
