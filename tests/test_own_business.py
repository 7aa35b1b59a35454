"""A unit's own business where its writer files it, and plans fit for the next period
(round AZ: an audit bureau, a statistics bureau, a health centre, a 城投 company)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from bot.writer import answers as answers_module
from bot.writer import period
from bot.writer.answers import Activity, Answers
from bot.writer.compose import Composer
from bot.writer.fit import Fit
from bot.writer.genres import genres
from bot.writer.plans import posts_as_named
from bot.writer.problems import restates
from bot.writer.render import to_text
from bot.writer.report import Block, Item
from bot.writer.wording import facts

TODAY = dt.date(2026, 11, 21)
PARTY = ("组织党员集中学习6次", "召开支委会6次，研究发展党员等事项")


@pytest.fixture(scope="module")
def composer(shared_composer: Composer) -> Composer:
    return shared_composer


def _answers(
    unit: str, span: str, genre: str, facts: tuple[str, ...], problems: tuple[str, ...] = ()
) -> Answers:
    """A draft's answers: two party facts, then `facts`."""
    return _only(unit, span, genre, (*PARTY, *facts), problems)


def _only(
    unit: str, span: str, genre: str, facts: tuple[str, ...], problems: tuple[str, ...] = ()
) -> Answers:
    """A draft's answers of exactly `facts`."""
    activities = tuple(Activity(text) for text in facts)
    return Answers(unit, period.parse(span), genres()[genre], activities, problems=problems)


def _work(composer: Composer, answers: Answers) -> list[Item]:
    report = composer.compose(answers).report
    return [item for block in report.section("work").blocks for item in block.items]


def to_text_of(block: Block) -> str:
    return "".join(item.text for item in block.items)


def _item_of(items: list[Item], words: str) -> Item:
    return next(item for item in items if words in item.text)


def test_an_audit_bureaus_audit_findings_are_its_audits(composer: Composer) -> None:
    """对2025年审计发现问题开展整改“回头看” is the bureau auditing, not being audited: no
    上年度审计问题整改 section; its findings and clues go with its audits, not with 执纪."""
    facts = (
        "上半年完成审计项目11个，其中经济责任审计4个",
        "审计查出违规问题金额2300余万元，移送问题线索3件",
        "对2025年审计发现问题开展整改“回头看”，督促整改到位问题42个",
    )
    answers = _answers("桐川县审计局", "2026年上半年", "responsibility", facts)
    report = composer.compose(answers).report
    assert "rectified" not in [s.role for s in report.sections]
    # One item of its audits, in the business subsection, none of it a 问题线索 of 执纪.
    (block,) = [b for b in report.section("work").blocks if "移送问题线索3件" in to_text_of(b)]
    assert block.heading is not None and "融合" in block.heading.text
    item = _item_of(list(block.items), "移送问题线索3件")
    assert "督促整改到位问题42个" in item.text and "完成审计项目11个" in item.text
    # Another unit's fact of the same words is its own 整改, in the section a report gives it.
    other = _answers("桐川县水利局", "2026年上半年", "responsibility", facts[2:])
    assert "rectified" in [s.role for s in composer.compose(other).report.sections]


@pytest.mark.parametrize(
    ("unit", "fact", "lead"),
    [
        # 限上商贸 in a 联网直报 is a statistic, not trade to promote.
        ("桐溪县统计局", "完成限上商贸、固定资产投资等联网直报审核，审核报表1386份", "统计数据"),
        ("桐溪县统计局", "组织开展“统计开放日”活动，走进桐溪二中给学生讲统计知识", "统计宣传"),
        ("岚平县文化和旅游局", "对38家A级景区的安全生产开展专项检查，整改到位", "安全生产"),
        ("岚平县文化和旅游局", "对全县14处县级以上文保单位开展汛期巡查", "文物安全"),
        ("幸福里社区", "开展“邻里守望”夜间巡逻，党员每周值守两晚", "平安"),
        # Round BH.
        ("青溪县中心血站", "血液检测实验室通过省级室间质评，合格率100%", "血液质量"),
        ("西河县农业技术推广中心", "完成春季测土配方采样600个，发放施肥建议卡1.5万份", "测土配方"),
        ("峰阳县民族宗教事务局", "开展民族团结进步“四进”宣传活动6场", "民族团结"),
        ("青溪县人大常委会机关", "督办县人代会代表建议136件，办结率100%", "代表建议"),
        ("青溪县人大常委会机关", "配合常委会开展《中华人民共和国食品安全法》执法检查", "执法检查"),
    ],
)
def test_a_business_fact_is_led_by_what_it_is(
    composer: Composer, unit: str, fact: str, lead: str
) -> None:
    # A second business fact of another matter, so that each stands as an item of its own.
    other = {
        "桐溪县统计局": "编印《桐溪县经济普查资料汇编》",
        "岚平县文化和旅游局": "组织送戏下乡演出126场",
        "幸福里社区": "收集居民对加装电梯的意见建议46条，已协调解决12条",
        "青溪县中心血站": "上半年采集全血9860单位，临床供血满足率100%",
        "西河县农业技术推广中心": "举办高素质农民培训班3期，培训农民260人",
        "峰阳县民族宗教事务局": "对全县12处宗教活动场所开展安全检查",
        "青溪县人大常委会机关": "全年服务保障常委会会议9次、主任会议15次",
    }[unit]
    answers = _answers(unit, "2026年第三季度", "summary", (fact, other))
    item = _item_of(_work(composer, answers), fact[2:8])
    assert lead in item.sentences[0].text, item.text
    assert other not in item.text


def test_a_half_years_plan_sets_no_years_work_nor_what_was_signed(composer: Composer) -> None:
    """下半年 is no time to 制定年度工作要点, and 责任书 the writer reports signed are not
    signed again in the plans (round AZ)."""
    facts = (
        "年初召开党组会研究制定全面从严治党主体责任清单，党组书记、班子成员分别签订责任书",
        "上半年党组召开会议6次，专题研究党建和党风廉政建设工作",
    )
    problem = ("主体责任清单的针对性还不够强，任务分解较为笼统",)
    answers = _answers("桐川县审计局", "2026年上半年", "responsibility", facts, problem)
    plans = to_text(composer.compose(answers).report).split("工作措施")[-1]
    assert "清单" in plans
    assert "年度工作要点" not in plans and "签订党风廉政建设责任书" not in plans
    year = _answers("桐川县审计局", "2026年", "responsibility", facts[1:], problem)
    assert "年度工作要点" in to_text(composer.compose(year).report).split("工作打算")[-1]


def test_a_writers_integration_problem_gets_an_integration_plan(composer: Composer) -> None:
    """党建和项目建设融合还不深 is answered by a plan for 融合 (and the 临时党支部 it names),
    not by the theme's closest-worded plan, a community's 平安巡逻 (round AZ)."""
    problems = ("党建和项目建设融合还不深，临时党支部作用发挥有差距",)
    facts = ("上半年集团完成投资8.6亿元，城西片区棚改项目主体结顶",)
    unit = "澄河县城市建设投资集团有限公司"
    answers = _answers(unit, "2026年上半年", "duty", facts, problems)
    plans = composer.compose(answers).report.section("plans").blocks[0].items
    assert "临时党支部" in plans[0].text and "平安" not in plans[0].text
    # A problem that names no 临时党支部 is offered none.
    other = _answers(unit, "2026年上半年", "duty", facts, ("党建和项目建设融合还不深",))
    report = composer.compose(other).report
    assert "临时党支部" not in to_text_of(report.section("plans").blocks[0])


def test_no_lead_or_practice_presumes_a_contest_the_facts_do_not_tell(
    composer: Composer,
) -> None:
    """以赛促学、以赛促练 over a 练兵 with no contest in it (round AZ struck it)."""
    drill = "开展青年干部业务练兵，推行“以审代训”，青年审计人员参与率100%"
    answers = _answers(
        "桐川县审计局", "2026年上半年", "summary", (drill, "选派2名干部参加业务培训")
    )
    # The work section says what was done; a plan may still promise a contest.
    work = to_text(composer.compose(answers).report).split("二、")[0]
    assert "以审代训" in work and "以赛" not in work


@pytest.mark.parametrize(
    ("unit", "secretary"), [("桐溪县统计局党支部", "支部书记"), ("桐川县审计局党组", "党组书记")]
)
def test_a_bare_secretary_is_the_secretary_of_the_units_body(
    composer: Composer, unit: str, secretary: str
) -> None:
    answers = _answers(unit, "2026年第三季度", "summary", ("书记讲专题党课1次，30名党员参加",))
    text = to_text(composer.compose(answers).report)
    assert f"{secretary}讲专题党课1次" in text or f"{secretary}讲授" in text, text


def test_a_plan_for_the_matter_a_problem_names_comes_first(composer: Composer) -> None:
    """示范岗仅有2个，尚未全面推开 is answered by spreading them before any general 融合
    measure (round BA)."""
    problem = ("党建和业务融合还不深，“红色供销”示范岗只有2个，没有铺开",)
    answers = _answers("梅岭县供销合作社联合社", "2026年上半年", "duty", (), problem)
    (plan,) = composer.compose(answers).report.section("plans").blocks[0].items[:1]
    assert plan.sentences[1].text.startswith("总结推广"), plan.text


def test_a_plan_revises_what_the_problem_finds_fault_with(composer: Composer) -> None:
    """A 责任清单 the writer made and finds too general is revised in the plans; its being
    made already rules out making one, not mending it (round BA)."""
    facts = ("1月召开党组会，制定主体责任清单，明确4个方面32项任务",)
    problem = ("责任清单的针对性还不够强，任务分解较为笼统",)
    answers = _answers("青岚县农业农村局", "2026年上半年", "responsibility", facts, problem)
    plans = composer.compose(answers).report.section("plans").blocks[0].items
    assert "修订完善主体责任清单" in plans[0].text, [p.text for p in plans]


def test_a_branchs_dull_activities_get_a_cause_and_a_plan_of_their_own(
    composer: Composer,
) -> None:
    """支部活动有时形式单一 is a 主题党日 matter, not 警示教育 (round BA)."""
    problems = ("支部活动有时形式单一，吸引力不够",)
    answers = _answers("桐溪县图书馆党支部", "2026年第三季度", "duty", (), problems)
    report = composer.compose(answers).report
    text = to_text(report)
    assert "警示教育" not in text.split("二、")[1]
    assert "支部活动的创新" in text and "主题党日" in text.split("三、")[1]


def test_a_label_naming_the_work_its_fact_names_goes(composer: Composer) -> None:
    """发展党员：2名预备党员按期转正 reads 2名预备党员按期转正 under its lead (round BB)."""
    fact = "发展党员：2名护士预备党员按期转正，新确定入党积极分子3名"
    answers = _answers("丰禾县妇幼保健院党支部", "2026年", "summary", (fact,))
    text = to_text(composer.compose(answers).report)
    assert "2名护士预备党员按期转正" in text and "发展党员方面" not in text


def test_no_plan_or_cause_has_work_still_to_finish_when_all_is_done(composer: Composer) -> None:
    """上次巡察反馈的6个问题已全部整改销号: no 整改进度偏慢, no 需长期推进的整改事项
    (round BB)."""
    fact = "配合县委巡察组完成整改“回头看”，反馈的6个问题已全部整改销号"
    answers = _answers("桐溪县住房公积金管理中心党支部", "2026年上半年", "summary", (fact,))
    text = to_text(composer.compose(answers).report)
    assert "整改进度偏慢" not in text and "长期推进" not in text


def test_a_problem_of_auxiliary_staff_gets_a_plan_for_them(composer: Composer) -> None:
    problems = ("协管员队伍人多、流动性大，教育管理跟不上，个别协管员执法时态度生硬",)
    answers = _answers("柘岭县城市管理局", "2026年上半年", "responsibility", (), problems)
    plans = composer.compose(answers).report.section("plans").blocks[0].items
    assert "协管员" in plans[0].text


@pytest.mark.parametrize(
    ("unit", "fact", "superior"),
    [
        ("桐溪县住房公积金管理中心党支部", "参加县直机关工委组织的党务干部培训", "县直机关工委"),
        ("青石镇柳溪村党支部", "配合镇党委完成巡察整改，反馈的6个问题全部整改销号", "镇党委"),
        # A county's 党组 answers to its 县委, not to the 县委's departments (round BW).
        ("中共某县供销合作社联合社党组", "落实县委关于深化供销合作社综合改革的部署", "县委"),
        ("中共某县商务局党组", "参加县委组织部举办的党务干部培训班", None),
        # A county company's 党委 answers to the 国资委党委 it names, not to the 县委 at once.
        (
            "中共某县城市建设投资集团有限公司委员会",
            "3月向县国资委党委专题报告整改情况",
            "县国资委党委",
        ),
        ("中共某县城市建设投资集团有限公司委员会", "配合县委巡察组常规巡察，反馈问题14条", None),
        # A 中心's branch answers to the bureau's 党组 it names (round BX).
        ("某县农机服务中心党支部", "3月参加县农业农村局党组组织的党务干部培训", "县农业农村局党组"),
        # A 学院's own 学院 is under the school's committee (round BV).
        ("中共某职业技术学院机电工程学院委员会", "配合学校党委第三轮巡察，反馈问题9个", "学校党委"),
        # A station or an office its name puts under a bureau answers to that bureau's
        # body, facts or none (round DC: three reviewers named it for 上级党组织).
        ("某县司法局城关司法所党支部", "调解矛盾纠纷46件", "县司法局党组"),
        ("某县公安局城关派出所党支部", "上半年接处警1.2万起", "县公安局党委"),
        # A town's own 镇党委, or a 工委's own name, is no body above it.
        ("石门县柘塘镇党委", "本人主持召开镇党委理论学习中心组学习3次", None),
        ("宁川县直机关工委", "县直机关工委召开全委会，部署全年工作", None),
    ],
)
def test_the_opening_names_the_body_above_where_the_facts_do(
    composer: Composer, unit: str, fact: str, superior: str | None
) -> None:
    answers = _answers(unit, "2026年上半年", "responsibility", (fact,))
    assert Fit(answers).values["上级"] == (superior or "上级党组织")
    for genre in genres().values():
        composition = composer.compose(replace(answers, genre=genre))
        opening = composition.report.opening[0].text
        todo = "".join(composition.report.todo)
        if superior is not None and "领导下" in opening:
            assert f"在{superior}的坚强领导下" in opening and "上级党组织" not in todo


ANSWERS = sorted((Path(__file__).parent / "data" / "answers").glob("*.toml"))


@pytest.mark.parametrize("path", ANSWERS, ids=lambda p: p.stem)
def test_no_fact_is_lost_whichever_few_a_writer_gives(composer: Composer, path: Path) -> None:
    """Every three activities in a row, drafted alone, keep every fact they state: themes
    of one fact each join others, and none is dropped (round BC lost a 理论学习 fact when a
    theme that had just taken a fact joined onward)."""
    answers = answers_module.load(path, TODAY)
    activities = answers.activities
    for start in range(max(1, len(activities) - 2)):
        few = replace(answers, activities=activities[start : start + 3], problems=(), plans=())
        text = to_text(composer.compose(few).report)
        for activity in few.activities:
            for fact in facts(activity.text):
                assert fact in text, (fact, activity.text)


def test_a_lone_study_fact_is_kept_beside_a_lecture_and_recruitment(composer: Composer) -> None:
    texts = (
        "社区党委理论学习每月1次，三季度学了3次，重点学习习近平总书记关于基层治理的重要论述",
        "5个网格党支部三会一课正常开展，支部书记讲党课5次",
        "接收入党积极分子2名，培养发展对象1名",
    )
    answers = _only("梧溪县城关街道桂花社区党委", "2026年第三季度", "summary", texts)
    assert "三季度学习3次" in to_text(composer.compose(answers).report)


def test_a_superior_bodys_name_does_not_make_a_branch_a_committee(composer: Composer) -> None:
    """上报县教育局党委审批 names the body above; a school branch whose facts say 支部党员大会
    speaks as a 党支部, not the 党总支 a school's name would suggest (round BC)."""
    texts = (
        "全年支部党员大会开了4次，支委会12次，书记讲党课2次",
        "发展党员2名，确定入党积极分子3名，上报县教育局党委审批",
    )
    answers = _only("云溪县第二实验小学", "2026年", "summary", texts)
    text = to_text(composer.compose(answers).report)
    assert "党总支" not in text and "校党支部" in text and "支部书记讲党课2次" in text


@pytest.mark.parametrize(
    ("unit", "fact"),
    [
        ("安平县总工会", "“五一”表彰县级劳动模范20名、工人先锋号5个"),
        ("宁川县残疾人联合会", "困难残疾人生活补贴和重度残疾人护理补贴全年发放2180万元"),
        # Round BG: a 老干部局's retired cadres, a 工商联's 商会, a 派出所's 反诈 and 警营开放日.
        ("云溪县委老干部局", "老年大学春季学期开设书法、声乐等15个班，学员620人"),
        ("云溪县委老干部局", "5月举办“颂党恩·展风采”老干部书画摄影展，展出作品120件"),
        ("桐溪县工商业联合会", "开展商会规范化建设，评选出“四好”商会5家"),
        ("桐溪县公安局城关派出所", "开展打击电信网络诈骗专项行动，进社区、进学校宣传42场"),
        ("桐溪县公安局城关派出所", "组织青年民警开展“警营开放日”，邀请中小学生120余人参观"),
        # Round BJ: a 疾控中心's 免疫规划 (its 督导检查 no 考核), a 城管局's 店招 and 创文, a
        # 消防救援大队's 防汛 the county praised (no 创先争优).
        ("某县疾病预防控制中心", "上半年全县共接种各类疫苗5.6万剂次，开展预防接种门诊督导检查2轮"),
        ("某县城市管理综合执法局", "开展户外广告和店招整治，拆除违规广告牌、破损店招460块"),
        ("某县城市管理综合执法局", "创文迎检方面，全力配合创建省级文明城市"),
        ("某县消防救援大队", "8月参加全市防汛抗洪救援，转移群众860余人，大队被县委县政府通报表扬"),
        # Round BM: a 市场监管所's 个转企 (no 帮扶困难群体), a 养老服务中心's 重阳 for residents.
        ("某县市场监督管理局城关市场监管所", "开展“个转企”培育，帮扶12户个体工商户转为企业"),
        ("某县养老服务中心", "重阳节组织“九九重阳 情暖夕阳”活动，为老人集体过生日"),
    ],
)
def test_what_a_unit_does_for_those_it_serves_is_its_business(
    composer: Composer, unit: str, fact: str
) -> None:
    """A 总工会 honours the county's 劳模, a 残联 pays disabled people's 补贴: their own
    work, not the party's commendation or 为民服务 (round BD)."""
    answers = _answers(unit, "2026年上半年", "summary", (fact,))
    placed = [p for p in composer.compose(answers).placed if p is not None and fact[:6] in p.text]
    assert placed and placed[0].theme == "integration" and placed[0].subtopic == "central_task"


def test_a_plan_names_no_day_the_next_period_does_not_hold(composer: Composer) -> None:
    """A third quarter's plans are for October to December: no 七一 (round BD)."""
    facts = ("7月1日组织党员赴县革命纪念馆重温入党誓词", "9月召开支部党员大会1次")
    problems = ("主题党日形式比较单一，党员参与积极性不高",)
    answers = _answers("清源县自来水公司党支部", "2026年第三季度", "duty", facts, problems)
    plans = to_text(composer.compose(answers).report).split("三、")[-1]
    assert "主题党日" in plans and "七一" not in plans


@pytest.mark.parametrize(
    "fact",
    [
        "局党组理论学习中心组集中学习6次，学习《习近平关于加强和改进离退休干部工作的重要论述》",
        "意识形态工作每季度分析研判一次，老干部活动中心宣传栏实行三审三校",
    ],
)
def test_the_partys_own_routines_stay_party_work_whoever_they_concern(
    composer: Composer, fact: str
) -> None:
    """A 老干部局's 中心组 studying the work of retired cadres, or its 意识形态 review of their
    centre's notice board, is its party work; and a word inside a quoted title owns nothing."""
    answers = _answers("云溪县委老干部局", "2026年上半年", "responsibility", (fact,))
    placed = [p for p in composer.compose(answers).placed if p is not None and fact[:6] in p.text]
    assert placed and placed[0].theme in ("theory", "ideology")


def test_a_cause_does_not_say_its_problem_again() -> None:
    """学习的主动性还不够强 under 学习主动性不够 is the problem again, not its cause (round
    BG); a cause sharing the problem's subject (发展党员) is not."""
    assert restates("学习的主动性还不够强。有时以工作忙为由放松学习。", "个别党员学习主动性不够")
    assert restates("党员教育管理还不够精细。", "对党员的日常教育管理抓得不够细")
    assert not restates("发展党员工作的渠道还不够宽。", "年轻职工留不住，发展党员后备力量不足")


def test_a_problem_of_watching_key_steps_gets_a_cause_of_supervision(composer: Composer) -> None:
    """A bus company's 票款、采购 watched only by a yearly check: its cause is how it
    supervises, not how it prepares 廉政谈话 (round BG)."""
    problem = "对票款、维修采购等关键环节的监督还主要靠年度检查，日常监督手段不多"
    answers = _answers("桐溪县城乡公交有限公司党支部", "2026年", "responsibility", (), (problem,))
    text = to_text(composer.compose(answers).report)
    assert "廉政谈话前的准备" not in text and "监督" in text.split("原因")[1].split("三、")[0]


def test_a_plan_calls_the_units_posts_what_its_writer_calls_them() -> None:
    """A unit that set up 党员先锋岗 has no 示范岗 to 总结推广, nor the other way (round BI)."""
    assert posts_as_named("总结推广已建党员示范岗的经验做法", "在城关粮库设立党员先锋岗5个") == (
        "总结推广已建党员先锋岗的经验做法"
    )
    assert posts_as_named("完善党员先锋岗、示范岗评价管理办法", "设立2个“党员示范岗”") == (
        "完善党员示范岗评价管理办法"
    )
    # A unit naming both, or neither, keeps the plan's words.
    assert (
        posts_as_named("设立党员先锋岗、党员责任区", "组织党员学习") == "设立党员先锋岗、党员责任区"
    )


def test_a_single_branch_signs_nothing_level_by_level(composer: Composer) -> None:
    """逐级签订 needs levels below: a 党支部 has none (round BI)."""
    answers = _answers("桐溪县城关街道社区卫生服务中心党支部", "2026年上半年", "responsibility", ())
    assert "逐级" not in to_text(composer.compose(answers).report)


@pytest.mark.parametrize(
    ("unit", "fact", "written"),
    [
        (
            "某县疾病预防控制中心党支部",
            "艾滋病防控：开展检测2.3万人次，开展进校园宣传6场",
            "做好艾滋病防控工作。开展检测2.3万人次，开展进校园宣传6场。",
        ),
        (
            "某县城市管理综合执法局党组",
            "执法规范化，全面推行执法记录仪全过程记录",
            "推进执法规范化。全面推行执法记录仪全过程记录。",
        ),
        (
            "某县城市管理综合执法局党组",
            "违建治理方面，拆除违法建设132处",
            "深化违建治理。拆除违法建设132处。",
        ),
        (
            "某县气象局党组",
            "汛期排水防涝，清淤管网23公里，处置积水点9处",
            "做好汛期排水防涝工作。清淤管网23公里，处置积水点9处。",
        ),
    ],
)
def test_a_business_fact_its_writer_labelled_is_led_by_the_label(
    composer: Composer, unit: str, fact: str, written: str
) -> None:
    """免疫规划：…, 艾滋病防控：… name the unit's business, whatever party word follows
    (宣传 is no 意识形态 work here); the label leads the item and is not said again
    (round BJ: 艾滋病 under 意识形态, 结核病防治方面， after 践行服务宗旨。)."""
    others = ("结核病防治方面，筛查学生和重点人群1.8万人", "慢病防治方面，开展健康生活方式宣传8场")
    answers = _answers(unit, "2026年上半年", "summary", (fact, *others))
    composition = composer.compose(answers)
    placed = next(p for p in composition.placed if p is not None and fact[-6:] in p.text)
    assert (placed.theme, placed.subtopic) == ("integration", "central_task")
    assert written in to_text(composition.report).replace("　", "")


@pytest.mark.parametrize(
    ("unit", "problem", "answer", "not_answer"),
    [
        # Round BJ: a fund paid on after a death; a brigade whose staff turn over.
        (
            "某县退役军人事务局",
            "优抚资金监管还有漏洞，数据比对靠人工，动态管理不及时",
            "数据比对",
            "行政检查",
        ),
        (
            "某县消防救援大队",
            "执勤任务重，人员流动大，政治教育时间有时得不到保证",
            "分批次学习",
            "流动党员",
        ),
    ],
)
def test_a_problem_of_its_own_gets_a_plan_of_its_own(
    composer: Composer, unit: str, problem: str, answer: str, not_answer: str
) -> None:
    answers = _answers(
        unit, "2026年", "responsibility", ("开展廉政风险点排查，排查风险点21个",), (problem,)
    )
    plans = to_text(composer.compose(answers).report).split("三、")[-1]
    assert answer in plans and not_answer not in plans, plans


def test_a_branch_plans_no_cadre_appointments(composer: Composer) -> None:
    """A 党支部 has no say over 干部使用 and no 基层一线 below it (round BJ: a 疾控中心)."""
    problems = ("党建考核办法不完善，考核结果运用不够",)
    answers = _answers("某县疾病预防控制中心党支部", "2026年上半年", "summary", (), problems)
    text = to_text(composer.compose(answers).report)
    assert "干部使用" not in text and "基层一线查看" not in text
    # Nor a 全面从严治党工作会议 of its own (round BM: a 养老服务中心's plan).
    problems = (
        "主体责任压力传导不够，党支部对护理一线的廉洁风险盯得不紧，特别是对老人财物代管这块",
    )
    facts = ("年初召开支委会研究制定支部2026年全面从严治党主体责任清单，支部书记第一责任人",)
    answers = _answers("某县养老服务中心党支部", "2026年", "responsibility", facts, problems)
    assert "全面从严治党工作会议" not in to_text(composer.compose(answers).report).split("三、")[-1]


def test_a_duty_title_names_a_formal_branch_as_its_secretary_says_it(composer: Composer) -> None:
    """中共…支行支部委员会书记 reads badly: the secretary is the 党支部's (round BK)."""
    answers = Answers(
        "中共某县农村商业银行城南支行支部委员会",
        period.parse("2026年第三季度"),
        genres()["duty"],
        (Activity("本季度召开支委会3次"), Activity("讲党课1次")),
    )
    title = to_text(composer.compose(answers).report).splitlines()[0]
    assert title == "中共某县农村商业银行城南支行党支部书记2026年第三季度抓党建工作述职报告"


def test_a_subsection_of_politics_and_study_is_framed_as_both(composer: Composer) -> None:
    """讲政治、重学习 over 三重一大 and 中心组 facts opened on 严格执行民主集中制 (round BK,
    struck twice): a joined subsection's framing says both."""
    facts = (
        "全年召开党委会38次，研究“三重一大”事项52项",
        "党委理论学习中心组集中学习12次，专题研讨4次",
    )
    answers = _only("某县水务投资集团有限公司党委", "2026年", "summary", facts)
    work = composer.compose(answers).report.section("work").blocks[0]
    assert "民主集中制" not in "".join(s.text for s in work.intro)
    assert "理论" in "".join(s.text for s in work.intro)


@pytest.mark.parametrize(
    ("unit", "fact", "unsaid"),
    [
        # Round BK: a school's 意识形态 排查 is no 宣传阵地 work; a bank's 反诈 is banking; a
        # 交警大队 enforces, it does not 监管.
        (
            "某镇中心小学党支部",
            "对课堂、教材、校园网站和班级群进行排查，开学初召开一次意识形态专题会",
            "宣传阵地作用",
        ),
        (
            "某县农村商业银行城南支行党支部",
            "开展反诈宣传进社区活动6场，堵截电信诈骗2起",
            "意识形态",
        ),
        ("某县公安局交通警察大队党委", "开展执法突出问题专项整治，排查执法风险点16个", "监管职责"),
    ],
)
def test_a_fact_is_framed_as_what_it_is(
    composer: Composer, unit: str, fact: str, unsaid: str
) -> None:
    answers = _answers(unit, "2026年上半年", "summary", (fact,))
    work = to_text(composer.compose(answers).report).split("二、")[0]
    assert unsaid not in work, work


def test_a_plan_offers_no_more_of_what_the_problem_finds_wanting(composer: Composer) -> None:
    """学习强国 points chased (突击刷分) are not mended by 用好学习强国 (round BK)."""
    problems = ("有的党员教师理论学习不够主动，学习强国都是突击刷分",)
    answers = _answers("某镇中心小学党支部", "2026年上半年", "summary", (), problems)
    plans = to_text(composer.compose(answers).report).split("三、")[-1]
    assert "学习强国" not in plans, plans


def test_a_fact_opening_on_its_matters_lead_gives_it_up(composer: Composer) -> None:
    """巩固拓展脱贫攻坚成果，落实防止返贫… was led by 服务保障农业农村工作 and filed under
    精神文明建设; 推进和美乡村建设，创建… was listed unled (round BK). Since 2026 the
    lead is 常态化防止返贫致贫 (round CV)."""
    facts = (
        "常态化防止返贫致贫，落实返贫动态监测帮扶，监测对象全部落实帮扶措施",
        "推进和美乡村建设，创建省级和美乡村示范村5个、市级12个",
        "全县粮食播种面积稳定在52.6万亩，总产4.35亿斤",
    )
    text = to_text(composer.compose(_answers("某县农业农村局", "2026年", "summary", facts)).report)
    assert "常态化防止返贫致贫。落实返贫动态监测帮扶" in text
    assert "推进和美乡村建设。创建省级和美乡村示范村5个" in text


def test_a_secretarys_own_contact_point_and_study_group_are_his_duty(composer: Composer) -> None:
    """落实联系点制度，本人联系…党支部 is the secretary's own duty, not 特色产业; he chairs
    the 中心组 he is said to attend (round BK)."""
    facts = (
        "落实联系点制度，本人联系东湖镇李家村党支部，全年到村调研指导7次，帮助协调产业项目资金80万元",
        "带头学习，全年参加党组理论学习中心组学习12次",
    )
    composition = composer.compose(_answers("某县农业农村局党组", "2026年", "duty", facts))
    placed = next(p for p in composition.placed if p is not None and "联系点" in p.text)
    assert placed.subtopic == "leadership_duty"
    assert "主持党组理论学习中心组学习12次" in to_text(composition.report)


def test_a_police_units_problems_of_enforcement_and_auxiliaries_are_answered(
    composer: Composer,
) -> None:
    """执法规范化还有差距 was read as 支部规范化 (a 支部台账 plan, a 带头人 cause); 辅警 are
    no 协管员 (round BK: a 交警大队)."""
    problems = (
        "执法规范化还有差距，个别民警在事故认定、处罚裁量上随意性较大，群众有投诉",
        "辅警队伍人数多、流动大，教育管理还有薄弱环节",
    )
    answers = _answers("某县公安局交通警察大队党委", "2026年上半年", "responsibility", (), problems)
    text = to_text(composer.compose(answers).report)
    causes, plans = text.split("原因")[-1].split("三、")
    assert "办案" in causes and "带头人" not in causes
    assert "法制审核" in plans and "辅警" in plans and "协管员" not in plans
    assert "台账" not in plans


def test_a_bare_secretary_is_the_branchs_only_where_a_branch_comes_first(
    composer: Composer,
) -> None:
    """书记讲专题党课1次，班子成员到所在支部讲党课6次 is a 党委's secretary (round BM: it
    was made a 支部书记); a 述职's dated 支部书记 is 本人."""
    facts = ("书记讲专题党课1次，班子成员到所在支部讲党课6次",)
    text = to_text(
        composer.compose(_only("某县第一中学党委", "2026年上半年", "summary", facts)).report
    )
    assert "党委书记讲专题党课1次" in text
    facts = ("1月9日支部书记带头讲专题党课《守初心》", "全年召开支委会12次")
    answers = _only("某县市场监督管理局城关市场监管所党支部", "2026年", "duty", facts)
    assert "1月9日本人带头以《守初心》为题讲专题党课" in to_text(composer.compose(answers).report)


def test_a_party_group_is_framed_as_leading_branches_not_as_one(composer: Composer) -> None:
    """局党组以提升组织力为重点，注重发挥…凝聚人心的战斗堡垒作用: a 党组 is no 战斗堡垒
    (rounds BI and BL); its writer's 廉政方面： is not said 方面方面 (round BL)."""
    facts = (
        "指导所属4个党支部规范开展“三会一课”，上半年开展主题党日18次",
        "发展党员1名，2名预备党员按期转正",
        "廉政方面：局长与各科室负责人签订党风廉政建设责任书23份",
    )
    answers = _only("某县烟草专卖局（分公司）党组", "2026年上半年", "summary", facts)
    text = to_text(composer.compose(answers).report)
    assert "凝聚人心的战斗堡垒作用" not in text and "方面方面" not in text


def test_a_plan_for_scattered_members_is_not_led_as_care_for_them(composer: Composer) -> None:
    """关心关爱党员 names visits and care: it leads no plan of 分批次学习 (round CG: a 林场,
    a 水文站 and a 环卫所 had their study plans led so)."""
    problems = ("管护站点分散在山里，基层党员集中学习难",)
    answers = _answers("某县国有林场党支部", "2026年上半年", "responsibility", (), problems)
    plans = to_text(composer.compose(answers).report).split("三、")[-1]
    assert "分批次学习" in plans, plans
    assert "关心关爱党员。" not in plans, plans


def test_a_branch_plans_no_contact_points_nor_appraisals_of_others(composer: Composer) -> None:
    """A one-branch centre's 班子成员 have no 党建联系点, and its secretary appraises no
    one's 述职 (round CK: a 检测中心, a 园林中心); a branch whose facts name 联系点 may."""
    problems = ("主体责任压力传导不够，班子成员“一岗双责”落实不到位，抓党建精力投入不足",)
    facts = ("年初与班子成员签订党风廉政建设责任书",)
    answers = _answers("某县检验检测中心党支部", "2026年", "responsibility", facts, problems)
    plans = to_text(composer.compose(answers).report).split("三、")[-1]
    assert "联系点" not in plans and "述职评议全覆盖" not in plans, plans
    facts = ("班子成员每人联系1个基层站所，到联系点指导工作6次",)
    answers = _answers("某县检验检测中心党支部", "2026年", "responsibility", facts, problems)
    assert "联系点" in to_text(composer.compose(answers).report)


def test_no_sub_topic_gives_two_plans(composer: Composer) -> None:
    """A 中心组 problem filed under another theme got its 中心组 plan, and the theme
    coverage a second one (五是领导班子带头学 after 一是发挥中心组示范作用, round CT)."""
    facts = (
        "1月8日党组会专题研究年度党建和党风廉政建设工作要点，签了责任书7份（党组书记与班子成员、各股室负责人）",
        "党组理论学习中心组全年集中学习12次，专题研讨4次，书记讲党课2次，题目《当好气象防灾减灾第一道防线》",
        "第一议题制度落实，全年党组会传达学习习近平总书记重要讲话和指示批示精神26次",
        "3月开展党纪学习教育巩固提升，组织观看警示教育片《零容忍》，8名党员写了心得",
        "4月市气象局党组巡察整改回头看，上年反馈的9个问题全部销号",
        "汛期（5-9月）发布暴雨预警信号37次、重要天气报告21期，提前6小时预警7·16强降水过程，无人员伤亡",
        "人工影响天气：春季抗旱作业12次，发射火箭弹86枚，增雨作业影响面积约1200平方公里",
        "防雷安全监管：联合应急局检查加油站、烟花爆竹仓库等重点单位43家，下发整改通知11份",
        "新建乡镇自动气象站5个，区域站维修巡检148站次，全年观测数据到报率99.8%",
        "气象为农服务：编发春播、三夏、秋收专题服务材料18期，乡村气象信息员培训1次86人",
        "支部标准化规范化建设，局机关党支部“三会一课”全年记录齐全，主题党日12次",
        "7月1日开展“七一”主题党日，重温入党誓词，表彰优秀共产党员2名",
        "发展预备党员1名（观测股小王），1名预备党员按期转正",
        "落实中央八项规定精神，中秋国庆前发廉政提醒短信，公务用车、公务接待台账每月自查",
        "党组书记与班子成员、班子成员与分管股室负责人开展廉政谈话共14人次",
        "政府采购（自动站设备采购，约68万元）全程纪检监督，三重一大事项集体决策9次",
        "意识形态工作：气象科普进校园4场，防灾减灾日宣传活动，官方微信公众号审核三审三校",
        "结对帮扶某某村，书记带队入户走访3次，帮助协调冬春小麦保险气象指数理赔",
        "12月召开党组民主生活会，查摆问题6条，班子成员相互批评意见18条",
        "年底组织党员干部述责述廉，对两个股室负责人进行提醒谈话",
    )
    problems = (
        "党组理论学习和气象业务结合不够紧，学了以后转化成服务防灾减灾的具体举措不多，研讨发言有的还停在表面",
        "个别班子成员一岗双责落得不实，抓分管股室业务多、管党风廉政少，对防雷检测、设备采购这些风险点盯得不够",
        "局机关党支部只有11名党员，年龄偏大，发展党员后继乏人，青年业务骨干入党积极性不高",
    )
    answers = _only("某县气象局党组", "2026年", "responsibility", facts, problems)
    plans = composer.compose(answers).report.section("plans").blocks[0].items
    subtopics = [
        next(
            (
                source.split(":")[1]
                for s in plan.sentences
                for source in s.sources
                if source.startswith("curated:") and ":plan" in source
            ),
            None,
        )
        for plan in plans
    ]
    named = [s for s in subtopics if s is not None]
    assert len(named) == len(set(named)), [p.text for p in plans]
