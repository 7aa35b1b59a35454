"""Business work placed and answered as its writer means it, and lines kept or split as
they were done (round BN: a 供电公司, a court, a 社区党委, a 统计局, a library, a village)."""

from __future__ import annotations

import pytest

from bot.writer import period
from bot.writer.answers import Activity, Answers
from bot.writer.compose import Composer
from bot.writer.genres import genres
from bot.writer.profile import profile_for
from bot.writer.report import Report

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


# Each: the unit, its span and genre, what it typed, what the work section must say and
# what it must not; from the round named.
WORK_CASES = [
    pytest.param(
        "某县统计局机关党支部",
        "2026年",
        "responsibility",
        (
            "统计造假不作为专项治理：对全县重点企业联网直报数据开展执法检查，检查企业46家",
            "开展统计开放日暨《统计法》宣传月活动，发放宣传资料2000余份",
            "每月按时发布县主要经济指标，全年上报统计报表数据零差错",
        ),
        ("严肃防范惩治统计造假。开展统计造假不作为专项治理，对全县",),
        ("压实意识形态工作责任。开展统计开放日", "抓好宣传教育。开展统计开放日"),
        id="BN: a 统计局's 统计造假 治理 is led by it, its 《统计法》宣传月 no 意识形态 work",
    ),
    pytest.param(
        "某街道幸福社区党委",
        "2026年第三季度",
        "summary",
        (
            "7月1日召开庆“七一”党员大会，为12名老党员颁发“光荣在党50年”纪念章",
            "开展中央八项规定精神学习教育，查摆问题4条，节前廉政提醒2次",
        ),
        ("7月1日召开庆“七一”党员大会，为12名老党员颁发", "节前廉政提醒2次"),
        ("查摆问题4条，节前廉政提醒",),
        id="BN: what was done at a meeting stays with it, a reminder after a study goes apart",
    ),
    pytest.param(
        "某街道幸福社区党委",
        "2026年第三季度",
        "summary",
        (
            "防汛：7月下旬强降雨，党员志愿者转移群众37人，排查隐患点15处",
            "暑期开办“四点半课堂”，服务小学生60余人",
            "为辖区80岁以上老人上门体检210人次，社区食堂日均就餐150人",
        ),
        ("做好防汛工作。7月下旬强降雨", "做好为老服务。为辖区80岁以上老人"),
        ("防汛方面",),
        id="BN: a community's labelled flood work and care for the old are items of their own",
    ),
    pytest.param(
        "某县水利局党组",
        "2026年",
        "duty",
        (
            "汛期防汛，24小时值班，组织防汛应急演练2次，全年没有发生人员伤亡",
            "7月防汛关键期，党员干部下沉到库区和险工险段驻守，转移群众360人",
            "河湖长制，县乡村三级河长巡河1.3万余次，清理“四乱”问题47处",
            "全年完成水土流失综合治理面积18平方公里",
        ),
        (
            "全年未发生人员伤亡；7月防汛关键期，党员干部下沉",
            "全面落实河湖长制。县乡村三级河长巡河",
            "加强水土保持。全年完成水土流失综合治理",
        ),
        ("此外",),
        id="BO: flood duty and members at the dykes are one item, river chiefs are led",
    ),
    pytest.param(
        "某镇中心卫生院党支部",
        "2026年上半年",
        "summary",
        (
            "推进县域医共体建设，县医院专家每周二、周四下沉坐诊，上半年开展远程会诊35例",
            "门急诊人次4.6万，同比增长8%，住院1120人次",
            "家庭医生签约服务重点人群2300人",
        ),
        ("推进县域医共体建设。县医院专家每周二", "完成门急诊4.6万人次"),
        ("此外",),
        id="BO: a business fact opening on its own doing is led by it",
    ),
    pytest.param(
        "某县实验小学党支部",
        "2026年",
        "summary",
        ("学生体质健康测试优良率达到62%，较上年提高5个百分点", "“双减”政策落实，课后服务参与率96%"),
        ("抓好体育工作。学生体质健康测试",),
        ("此外",),
        id="BO: a school's 体质健康 is its 体育工作",
    ),
    pytest.param(
        "某县人力资源和社会保障局机关党支部",
        "2026年上半年",
        "responsibility",
        (
            "书记与班子成员、股室负责人开展廉政谈话18人次，与新提拔干部任前谈话3人",
            "社保基金管理问题专项整治，对失业、工伤保险基金支出进行核查，追回冒领养老待遇6人4.2万元",
            "就业援助月和春风行动，组织招聘会6场，达成就业意向1100余人",
        ),
        ("局党组书记与班子成员", "守好社保基金安全。"),
        ("支部书记与班子成员",),
        id="BP: an organs' branch's 书记 with the 班子成员 is the bureau's; 社保基金 is its own",
    ),
    pytest.param(
        "中共某县民政局党组",
        "2026年",
        "duty",
        (
            "认真履行第一责任人职责，与班子成员谈心谈话12人次，与支部书记谈话6人次",
            "完成第十二届村（居）委会换届相关工作，“两委”成员一肩挑比例100%",
            "建成乡镇（街道）区域养老服务中心3个、村级互助幸福院12个",
        ),
        (
            "认真履行第一责任人职责，与班子成员谈心谈话12人次",
            "加强基层群众自治建设。完成第十二届村（居）委会换届",
            "完善养老服务体系。",
        ),
        ("党内选举",),
        id="BP: a duty named stays with what carried it out; 民政 business led by what it is",
    ),
    pytest.param(
        "中共某县中医院总支部委员会",
        "2026年第三季度",
        "summary",
        (
            "“党建+名中医工作室”，老专家带徒，本季度新增师带徒2对",
            "三伏贴服务：7-8月累计贴敷1.8万人次",
        ),
        ("推进中医药传承创新。",),
        (),
        id="BP: a 名中医工作室's 师带徒 is 中医药传承",
    ),
    pytest.param(
        "某县税务局",
        "2021年",
        "summary",
        (
            "党史学习教育：制定实施方案和3个配套文件，成立领导小组",
            "召开党建工作领导小组会议5次，推进党建精品项目建设",
            "对新任职分局长、近两年新入职公务员18人进行廉政家访",
            "召开家庭助廉座谈会，签订家庭助廉承诺书50余份",
        ),
        ("开展党史学习教育，制定实施方案", "廉政家访"),
        ("推进项目建设。召开党建工作领导小组", "深化为民服务。对新任职分局长", "学习教育方面"),
        id="seed 000 typed: its campaign, its 精品项目 and its 廉政家访 are party work",
    ),
    pytest.param(
        "某县公共交通有限公司党总支",
        "2026年",
        "summary",
        (
            "全年开行线路18条，投入运营车辆126台，客运量约680万人次",
            "3月新购新能源纯电动公交车30台，替换老旧柴油车，新能源车辆占比达到85%",
            "开通2条城乡公交线路，实现全县12个乡镇通公交全覆盖，开通学生定制专线4条",
            "春运和国庆黄金周增开加班车，加开班次320个",
            "中考、高考期间开通“爱心送考”专线，免费接送考生1200余人次",
            "开展党员驾驶员“安全行车百日竞赛”，全年安全行车约560万公里，无一般及以上责任事故",
            "配合县审计局开展公司经营情况审计，整改票务管理、燃料费报销等问题4个",
        ),
        (
            "开展爱心送考服务。中考、高考期间",
            "守牢安全生产底线。开展党员驾驶员",
            "；春运和国庆黄金周",
        ),
        ("此外", "抓好教育教学", "医疗保障", "以赛促学"),
        id="BQ: a bus company's 送考, safe-driving drive, last short fact and audit as they are",
    ),
    pytest.param(
        "中共某县委党校委员会",
        "2026年",
        "duty",
        (
            "开展教学质量评估，全年推出精品课5门",
            "完成党校教学楼消防改造和学员宿舍翻新，投资约180万元",
            "12月组织全校干部职工开展'清廉党校'建设，修订《财务管理制度》等制度6项",
            "严格学员管理，落实学员请销假、考勤规定，全年通报学员违纪2人次",
            "开展'万名干部联万户'走访，帮扶联系村修了一条800米的产业路，走访农户126户",
        ),
        ("改善办学条件。完成党校教学楼", "守住底线。12月组织全校干部职工"),
        ("组织职工建功立业", "加强作风建设。严格学员管理", "学员最关心"),
        id="BQ: a 党校's buildings, 清廉党校, 学员 discipline and village visits as they are",
    ),
    pytest.param(
        "某县妇女联合会党组",
        "2026年第三季度",
        "summary",
        (
            "推进基层妇联组织'破难行动'，新建'两新'组织妇联4个、'妇女微家'6个",
            "暑期开展'护苗'行动和'儿童之家'假期托管服务，服务留守儿童3500余人次",
            "评选表彰县级'最美家庭'20户",
        ),
        ("扩大基层组织覆盖。推进基层妇联组织", "护航儿童健康成长。暑期开展"),
        ("推进项目建设", "此外"),
        id="BQ: a 妇联's own base-building and children's care are led by what they are",
    ),
    pytest.param(
        "某县第一幼儿园党支部",
        "2026年上半年",
        "responsibility",
        (
            "落实安全工作：开展消防疏散、防暴演练4次，排查校车、食堂安全隐患11处，已全部整改",
            "开展幼小衔接宣传月，召开家长会2次，发放《致家长的一封信》420份",
            "开展幼儿园收费、伙食费专项检查，伙食账目每月公示",
            "教职工会议学习《新时代幼儿园教师职业行为十项准则》，通报教育系统违纪违法典型案例3起",
        ),
        ("守牢园所安全底线。", "推进家园共育。开展幼小衔接宣传月"),
        ("安全生产", "安全宣传", "群团", "五是开展幼儿园收费"),
        id="BQ: a kindergarten's drills, parents' work, fee checks and case studies as they are",
    ),
    pytest.param(
        "中共某县公安局委员会",
        "2026年",
        "responsibility",
        (
            "扫黑除恶常态化，打掉恶势力犯罪集团1个，抓获成员9人",
            "信访积案化解12件，重要节点安保任务8次",
            "意识形态工作：局党委专题研究2次，清理涉警网络舆情43条",
        ),
        ("推进扫黑除恶常态化。打掉恶势力犯罪集团", "局党委专题研究意识形态工作2次"),
        ("做好信访维稳工作。扫黑", "意识形态工作方面"),
        id="BQ: a police bureau's 扫黑除恶 is its own, its ideology label says what it studied",
    ),
    pytest.param(
        "中共某县某镇委员会",
        "2026年",
        "duty",
        (
            "村集体经济：发展光伏、土地托管等项目，全镇21个村集体经营性收入全部超过10万元",
            "人居环境整治，开展“清洁家园”月月评比，拆除残垣断壁430处",
            "信访：书记每月15日接访日，全年接待群众来访42批次，化解积案3件",
            "防汛：汛期书记带班值守，转移安置群众230人，无人员伤亡",
            "高标准农田建设1.2万亩，粮食播种面积稳定在8.6万亩",
        ),
        (
            "发展壮大集体经济。发展光伏",
            "整治人居环境。开展“清洁家园”",
            "本人坚持每月15日接访",
            "汛期本人带班值守",
            "建成高标准农田1.2万亩",
        ),
        ("此外", "推进人居环境整治", "书记带班"),
        id="BR: a 镇党委书记's own acts in his voice, his town's business led by what it is",
    ),
    pytest.param(
        "某县住房公积金管理中心党支部",
        "2026年",
        "summary",
        (
            "配合市中心完成年度资金安全专项审计，整改问题5个，已全部销号",
            "开通“心理援助热线”24小时值守，三季度接线1530通，危机干预37例",
            "全年归集住房公积金4.2亿元，发放贷款1.6亿元",
        ),
        ("自觉接受审计监督。配合市中心",),
        ("依法履行审计监督职责", "做好窗口服务"),
        id="BR: an audit the unit underwent is no audit it carried out; a hotline no service hall",
    ),
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


@pytest.mark.parametrize(
    ("unit", "fact", "lead"),
    [
        (
            "中共某县人民检察院党组",
            "开展“检护民生”专项行动，为农民工追讨欠薪86万元",
            "维护劳动者合法权益",
        ),
        ("某县第二人民医院", "承办县里的“健康讲堂”系列讲座10期", "深化健康教育和科普宣传"),
    ],
)
def test_business_is_led_by_what_it_is_for_its_unit(
    composer: Composer, unit: str, fact: str, lead: str
) -> None:
    """追讨欠薪 was 做好就业服务 for a procuratorate, 健康讲堂 文化惠民 for a hospital (BO)."""
    others = ("全年门诊量同比增长8%", "新建业务用房1栋投入使用", "完成信息系统升级改造")
    report = _report(composer, unit, "2026年", "summary", (fact, *others))
    items = [i for b in report.section("work").blocks for i in b.items if fact[-8:] in i.text]
    assert items and items[0].sentences[0].text == f"{lead}。"


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


def test_a_day_the_facts_report_done_is_no_plan_for_the_half_year_after(
    composer: Composer,
) -> None:
    """结合七一等重要节点 in a second half year's plans beside a 七一 党课 (round BP)."""
    facts = ("书记讲专题党课2次：3月《以学促干》、6月“七一”党课", "主题党日每月15日固定开展")
    report = _report(composer, "某县人社局机关党支部", "2026年上半年", "summary", facts)
    assert "七一" not in _section(report, "plans")


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
