"""Drafts that fit the unit, the genre and the facts: the unit's profile, over whole drafts."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import jieba
import pytest

from bot.errors import AnswersError
from bot.writer import answers as answers_module
from bot.writer.answers import Activity, Answers
from bot.writer.compose import Composer, Composition
from bot.writer.profile import body_named_in, guidance, load_units, profile_for
from bot.writer.remedies import REMEDY
from bot.writer.render import to_text
from bot.writer.report import layout

from .conftest import ANSWERS_CASES, DATA, DRAFT_DAY

TODAY = DRAFT_DAY
CASES = ANSWERS_CASES
# Words too common to show that a plan answers a problem.
COMMON = {
    "进一步", "加强", "工作", "推动", "开展", "不够", "还", "有待",
    "提升", "提高", "党员", "干部", "组织", "落实", "深入", "持续",
}  # fmt: skip


@pytest.fixture(scope="module")
def composer(shared_composer: Composer) -> Composer:
    return shared_composer


@pytest.fixture
def case(drafted: tuple[Answers, Composition]) -> tuple[Answers, Composition]:
    return drafted


def body(composition: Composition) -> str:
    return to_text(composition.report).split("待补充")[0]


# ------------------------------------------------------------------ profiles


@pytest.mark.parametrize("kind", load_units().kinds, ids=lambda k: k.id)
def test_every_kind_of_unit_is_found_from_its_example(kind: object) -> None:
    example = kind.example  # type: ignore[attr-defined]
    assert profile_for(example).kind == kind


@pytest.mark.parametrize(
    ("unit", "short", "scope", "body"),
    [
        ("宁川县人民医院", "院党委", "全院", "党委"),
        ("幸福里社区党支部", "社区党支部", "社区", "党支部"),
        ("江南理工大学机械工程学院党委", "学院党委", "全院", "党委"),
        ("中共某职业技术学院机电工程学院委员会", "学院党委", "全院", "党委"),
        # A 检察院's 检察部 is a department: its branch is the 党支部, not 院党支部 (CA).
        ("某县人民检察院第一检察部党支部", "党支部", "全部门", "党支部"),
        ("国网江州供电公司城东供电所党支部", "所党支部", "全所", "党支部"),
        ("江州市发展和改革委员会", "委党组", "全委", "党组"),
        ("中共国家税务总局江州市税务局委员会", "局党委", "全局", "党委"),
        ("东湖街道党工委", "街道党工委", "全街道", "党工委"),
    ],
)
def test_the_words_for_the_unit_itself(unit: str, short: str, scope: str, body: str) -> None:
    profile = profile_for(unit)
    assert (profile.short_org, profile.scope, profile.body) == (short, scope, body)


def test_a_branch_has_no_branches_below_it() -> None:
    assert not profile_for("幸福里社区党支部").branches
    assert "各党支部" in profile_for("幸福里社区党支部").forbidden()
    assert profile_for("宁川县人民医院").branches


@pytest.mark.parametrize(
    ("year", "month", "congress"),
    [
        (2021, 12, "党的十九大和十九届历次全会精神"),
        (2023, 6, "党的二十大和二十届二中全会精神"),
        (2024, 12, "党的二十大和二十届二中、三中全会精神"),
        (2026, 9, "党的二十大和二十届历次全会精神"),
    ],
)
def test_the_congress_named_is_the_one_current_at_the_period(
    year: int, month: int, congress: str
) -> None:
    assert guidance(year, month).congress == congress


def test_the_profile_can_be_set_in_the_answers_file(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(
        'unit = "江州市第三中学"\nperiod = "2026年第三季度"\ngenre = "summary"\n'
        'activities = ["组织党员观看警示教育片"]\nkind = "school"\nshort_org = "校党委"\n'
        'org = "中共江州市第三中学委员会"\n',
        encoding="utf-8",
    )
    loaded = answers_module.load(path, TODAY)
    assert loaded.profile.short_org == "校党委" and loaded.profile.body == "党委"


def test_an_unknown_kind_is_named_with_the_choices(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(
        'unit = "某单位"\nperiod = "2026年"\ngenre = "summary"\nactivities = ["开展学习"]\n'
        'kind = "spaceship"\n',
        encoding="utf-8",
    )
    with pytest.raises(AnswersError, match=r"不认识单位类型“spaceship”.*hospital"):
        answers_module.load(path, TODAY)


# -------------------------------------------------------------- whole drafts


def test_no_agency_words_for_a_unit_that_is_not_one(case: tuple[Answers, Composition]) -> None:
    answers, composition = case
    typed = "".join(a.text for a in answers.activities)
    if not answers.profile.kind.agency:
        assert "机关" not in body(composition) or "机关" in typed


def test_a_branch_never_speaks_of_branches_below_it(case: tuple[Answers, Composition]) -> None:
    answers, composition = case
    typed = "".join(a.text for a in answers.activities)
    if not answers.profile.branches:
        for word in ("各党支部", "各支部", "基层党组织", "中心组"):
            assert word not in body(composition) or word in typed, word


def test_the_full_name_only_where_a_writer_puts_it(case: tuple[Answers, Composition]) -> None:
    """Title, opening, signature and at most one closing line; short forms elsewhere."""
    answers, composition = case
    report = composition.report
    name = answers.profile.name
    fixed = [report.title.text, *(s.text for s in report.opening)]
    fixed += [s.text for s in report.signature]
    closing = [s.text for s in report.closing if name in s.text]
    assert len(closing) <= 1
    elsewhere = [
        p.text
        for p in layout(report)
        if name in p.text
        and p.text not in fixed
        and p.text not in closing
        and not any(p.text in f or f in p.text for f in fixed)
    ]
    typed = [a.text for a in answers.activities]
    assert all(any(name in t for t in typed) for _ in elsewhere), elsewhere


def test_the_opening_names_the_guiding_thought_and_congress(
    case: tuple[Answers, Composition],
) -> None:
    answers, composition = case
    opening = "".join(s.text for s in composition.report.opening)
    line = guidance(answers.period.year, answers.period.last_month)
    assert line.thought in opening and line.congress in opening
    assert opening.endswith("如下：")


def test_a_duty_report_speaks_in_the_secretarys_own_voice(
    case: tuple[Answers, Composition],
) -> None:
    answers, composition = case
    if not answers.genre.first_person:
        pytest.skip("not a 述职 report")
    for block in composition.report.section("work").blocks:
        said = "".join(s.text for s in block.intro) + "".join(i.text for i in block.items)
        assert "本人" in said or "我" in said, block.heading


def _words(text: str) -> set[str]:
    return {w for w in jieba.lcut(text) if len(w) >= 2 and w not in COMMON}


def test_every_problem_is_answered_by_a_plan_sharing_its_words(
    case: tuple[Answers, Composition],
) -> None:
    _, composition = case
    problems = composition.report.section("problems").blocks[0].items
    plans = composition.report.section("plans").blocks[0].items
    plan_words = [_words(p.text) for p in plans]
    for problem in problems:
        first = problem.sentences[0].text
        assert any(_words(first) & words for words in plan_words), first


def test_no_plan_is_a_bare_slogan(case: tuple[Answers, Composition]) -> None:
    _, composition = case
    for plan in composition.report.section("plans").blocks[0].items:
        if plan.sentences[0].sources[0].startswith("plan:"):
            continue  # the writer's own plan, as typed
        text = plan.text
        assert len(text) >= 18, text
        assert text not in ("进一步推进全面从严治党。", "加强队伍建设，提升执行力。")


def test_every_numbered_list_has_at_least_two_items(case: tuple[Answers, Composition]) -> None:
    _, composition = case
    text = body(composition)
    for line in text.splitlines():
        if line.strip().startswith("一是"):
            index = text.index(line)
            assert "二是" in text[index:], line
    for section in composition.report.sections:
        for block in section.blocks:
            if block.heading is None:
                assert len(block.items) != 1 or section.role != "problems" or block.intro == ()


def test_every_problem_the_writer_named_stands(case: tuple[Answers, Composition]) -> None:
    """A writer's problem is never dropped, whatever stock text shares its words (the
    tobacco bureau's 压力传导…层层递减 once was)."""
    answers, composition = case
    items = composition.report.section("problems").blocks[0].items
    sources = {s for item in items for sentence in item.sentences for s in sentence.sources}
    named = {f"problem:{i}" for i, _ in enumerate(answers.problems, start=1)}
    assert named <= sources


def test_each_problem_has_its_cause_or_none_has(case: tuple[Answers, Composition]) -> None:
    """One cause a stock problem, 2 to 4; the writer's own problems get causes of their
    own work only, at most one each (a stock cause beside them owns up to a failing the
    writer never named), or none."""
    answers, composition = case
    blocks = composition.report.section("problems").blocks
    if answers.genre.has_causes(answers.period.span) and answers.problems:
        assert len(blocks) == 1 or 1 <= len(blocks[1].items) <= len(answers.problems)
    elif answers.genre.has_causes(answers.period.span):
        problems = len(blocks[0].items)
        assert len(blocks) == 2 and len(blocks[1].items) == min(max(problems, 2), 4)
    else:
        assert len(blocks) == 1


def test_a_plans_lead_names_the_plans_own_work(case: tuple[Answers, Composition]) -> None:
    """规范发展党员工作。 over a plan for 发展党员, not a heading of the whole theme."""
    from bot.writer.subtopics import load_subtopics

    subtopics = load_subtopics()
    _, composition = case
    by_subtopic = 0
    for item in composition.report.section("plans").blocks[0].items:
        lead, body = item.sentences[0], item.sentences[-1]
        plan = body.sources[0].split(":")  # curated:recruitment:plan:2
        if len(item.sentences) < 2 or plan[:1] != ["curated"] or plan[2:3] != ["plan"]:
            continue
        plan_of = plan[1]
        if lead.sources[0] == REMEDY:
            continue  # the writer's own problem mended names the work (remedies.py)
        _, owner, role = lead.sources[0].split(":")[:3]
        if role in ("lead", "plan_lead"):
            assert owner == plan_of, item.text
            by_subtopic += 1
        else:
            assert role == "heading" and owner == subtopics[plan_of].theme, item.text
    assert by_subtopic or not composition.report.section("plans").blocks[0].items


def test_stock_problems_are_not_contradicted_by_the_facts(composer: Composer) -> None:
    """党委会研究党建工作9次 rules out 对党建工作研究谋划少."""
    answers = answers_module.load(DATA / "answers" / "college_year_duty.toml", TODAY)
    problems = composer.compose(replace(answers, problems=())).report.section("problems")
    text = "".join(i.text for i in problems.blocks[0].items)
    assert ("研究谋划少" not in text and "议事规则" not in text) or "会前" in text


def test_off_topic_and_out_of_period_activities_are_listed_to_the_writer(
    composer: Composer,
) -> None:
    answers = answers_module.load(DATA / "answers" / "tax_quarter_summary.toml", TODAY)
    extra = ("3月开展学雷锋志愿服务", "完成税费收入任务12亿元")
    report = composer.compose(
        replace(answers, activities=(*answers.activities, *(Activity(t) for t in extra)))
    ).report
    todo = "\n".join(report.todo)
    assert re.search(r"第10项工作提到“3月”，不在2026年第三季度内", todo), todo
    assert re.search(r"第11项工作.*业务工作", todo), todo
    assert "3月开展学雷锋志愿服务" in to_text(report)  # kept as typed


def test_a_duty_report_blames_its_writer_not_the_other_members(
    case: tuple[Answers, Composition],
) -> None:
    answers, composition = case
    if not answers.genre.first_person:
        pytest.skip("not a 述职 report")
    assert not re.search(r"(?:少数|个别|有的)班子成员", body(composition))


def test_a_duty_report_speaks_of_itself_where_the_writer_typed_i(composer: Composer) -> None:
    answers = _answers(
        "宁川县人民检察院",
        "2026年",
        "duty",
        "11月我给全院干警讲专题党课",
        "我院开展自我革命专题学习",
    )
    text = body(composer.compose(answers))
    assert "11月本人为全院干警讲授专题党课" in text
    assert "我院" in text and "自我革命" in text


@pytest.mark.parametrize(
    ("unit", "slot", "said"),
    [
        # A community or a village is led by its 两委, not a 班子.
        ("幸福里社区党委", "班子成员", "两委成员"),
        ("柳溪村党总支", "班子成员", "总支委员"),
        ("江州市审计局", "班子成员", "班子成员"),
        # A school builds its 教师队伍, not a 干部队伍.
        ("东岭镇中心小学", "队伍", "教师队伍"),
        ("宁川县人民医院", "队伍", "医务人员队伍"),
        ("江州市审计局", "队伍", "干部队伍"),
    ],
)
def test_a_units_people_are_named_as_the_unit_names_them(unit: str, slot: str, said: str) -> None:
    assert profile_for(unit).values()[slot] == said


def test_a_responsibility_report_says_who_carries_the_responsibility(
    case: tuple[Answers, Composition],
) -> None:
    answers, composition = case
    work = composition.report.section("work")
    said = "".join(s.text for s in work.intro)
    if answers.genre.id != "responsibility":
        assert "一岗双责" not in said
        return
    assert f"{answers.profile.short_org}书记履行第一责任人职责" in said
    # A branch has no 班子成员: its committee members carry the duty.
    assert ("支部委员" in said) == (answers.profile.body == "党支部")


@pytest.mark.parametrize(
    ("unit", "people", "short"),
    [
        ("宁川县人民检察院", "检察干警", "院党组"),
        ("宁川县消防救援大队", "指战员", "大队党委"),
        ("江州市社会福利院", "党员职工", "院党支部"),
        ("宁川县公安局城关派出所", "民警辅警", "所党支部"),
    ],
)
def test_units_that_are_neither_agencies_nor_companies_have_their_own_words(
    unit: str, people: str, short: str
) -> None:
    profile = profile_for(unit)
    assert profile.values()["党员干部"] == people
    assert profile.short_org == short


def test_a_bureau_speaking_of_its_branches_is_not_a_branch() -> None:
    """党支部书记与部门负责人一肩挑 is about the branches below a 局党委."""
    said = ("落实党支部书记与部门行政负责人“一肩挑”", "党委理论学习中心组学习12次")
    assert profile_for("国家税务总局江州市税务局", said=said).short_org == "局党委"
    assert profile_for("江州市实验小学", said=("支部书记讲党课",)).body == "党支部"


@pytest.mark.parametrize(
    ("unit", "short", "scope"),
    [
        ("某高速公路管理处收费站党支部", "站党支部", "全站"),
        # A 管理处 of a 交通 kind is no 局 (round GG).
        ("某高速公路管理处党支部", "处党支部", "全处"),
        # A 公路管理段 is no 局 either (round PP).
        ("某县公路管理段党支部", "段党支部", "全段"),
        # A 人民政府 is no 民政局, and a 街道办事处 no 处 (round SS).
        ("某镇人民政府党委", "镇党委", "全镇"),
        ("某街道办事处", "街道党工委", "全街道"),
        ("某市公交集团有限公司第三分公司党支部", "分公司党支部", "全分公司"),
        ("某某县税务局城关税务分局", "分局党委", "全分局"),
        ("宁川县消防救援大队", "大队党委", "全大队"),
        ("江州市交通运输局", "局党组", "全局"),
        # A department is of its unit's kind, and speaks as itself.
        ("江州市人民医院心血管内科党支部", "党支部", "科室"),
        ("江州重工机械有限公司二车间党支部", "车间党支部", "全车间"),
        # Not 部党支部, not 全部 ("all").
        ("某国有建筑公司项目部党支部", "项目部党支部", "全项目部"),
        # The organs' branch of a bureau is the 机关党支部 of a 局.
        ("南湖区退役军人事务局机关党支部", "机关党支部", "全局"),
        # A court's 执行局 or 审判庭 is no 院.
        ("某县人民法院执行局党支部", "局党支部", "全局"),
        ("某县人民法院刑事审判庭党支部", "庭党支部", "全庭"),
        # A 乡 is no 镇.
        ("青石乡党委", "乡党委", "全乡"),
        ("青石镇党委", "镇党委", "全镇"),
        # A 大队 is not a 队; a squad below an organ has no 党组.
        ("某县交通运输综合行政执法大队党支部", "大队党支部", "全大队"),
        ("某县公路养护中队", "中队党支部", "全中队"),
        # A 公路养护中心 keeps roads: 中心党支部 of 公路养护 work (round AI).
        ("某县公路养护中心党支部", "中心党支部", "全中心"),
        # A group's limited company is a 集团.
        ("临江市国有资产投资集团有限公司党委", "集团党委", "全集团"),
    ],
)
def test_a_unit_below_its_kinds_usual_one_speaks_as_itself(
    unit: str, short: str, scope: str
) -> None:
    """A 收费站 of a highway office is no 局: 站党支部, 全站."""
    profile = profile_for(unit)
    assert (profile.short_org, profile.scope) == (short, scope)


def test_a_writer_typing_their_post_names_their_unit() -> None:
    """某县人民医院党委书记 writes for 某县人民医院党委; the title must not say 书记 twice."""
    assert answers_module.clean_unit("某县人民医院党委书记") == "某县人民医院党委"
    assert answers_module.clean_unit("某村党支部书记") == "某村党支部"


def _answers(unit: str, period: str, genre: str, *activities: str, **more: list[str]) -> Answers:
    raw = {"unit": unit, "period": period, "genre": genre, "activities": list(activities)}
    return answers_module.from_mapping({**raw, **more}, today=TODAY)


def test_a_duty_report_says_the_secretary_chaired_the_meetings(composer: Composer) -> None:
    answers = _answers(
        "某电信分公司党委",
        "2026年第三季度",
        "duty",
        "三季度召开党委会9次，研究“三重一大”事项14项",
        "党委理论学习中心组学习3次",
    )
    text = body(composer.compose(answers))
    assert "三季度主持召开党委会9次" in text
    assert "主持党委理论学习中心组学习3次" in text


def test_a_secretary_does_not_chair_the_party_groups(composer: Composer) -> None:
    """党小组会 are chaired by their group leaders: a clause listing them gets no 主持."""
    answers = _answers(
        "某县公安局交通警察大队党支部",
        "2026年",
        "duty",
        "全年召开支委会12次、党员大会4次、党小组会24次",
    )
    text = body(composer.compose(answers))
    assert "召开支委会12次" in text and "主持召开支委会" not in text


def test_business_facts_are_led_by_what_they_are(composer: Composer) -> None:
    """Business facts are led by their matters (安全生产, 项目建设), not by 重点工作
    (beside another item: a subsection's only item goes unled)."""
    answers = _answers(
        "某市燃气有限公司党支部",
        "2026年上半年",
        "summary",
        "春节、全国两会期间全市燃气管网零事故",
        "完成老旧燃气管道更新改造46.3公里",
        "与辖区社区党委开展支部共建",
    )
    text = body(composer.compose(answers))
    # One item a matter, each led by its own name.
    assert "守牢安全生产底线。春节、全国两会期间" in text
    assert "推进项目建设。完成老旧燃气管道更新改造" in text
    alone = _answers(
        "某县气象局党支部",
        "2026年第三季度",
        "summary",
        "7月12日强降雨过程，提前6小时发布暴雨红色预警，全县转移群众1200余人",
        "与县供电公司党支部开展支部共建",
    )
    assert "做好防汛救灾工作。7月12日" in body(composer.compose(alone))


def test_what_the_organisation_is_opens_the_report(composer: Composer) -> None:
    """现有党员41名 is no work done: it follows the opening's guiding line, and no lead
    (管好流动党员) stands over it; a fact of work that names the members stays work."""
    answers = _answers(
        "某镇红星村党支部",
        "2026年上半年",
        "duty",
        "村党支部现有党员41名，其中60岁以上22名，流动党员5名",
        "上半年召开党员大会2次、支委会8次，现有党员全部参加",
        "组织党员学习党章",
        # Receiving a member is work done, not what the branch is (round PP).
        "接收预备党员1名，是青年教师",
    )
    report = composer.compose(answers).report
    opening = "".join(s.text for s in report.opening)
    assert "流动党员5名。现将本人" in opening
    work = "".join(item.text for block in report.section("work").blocks for item in block.items)
    assert "现有党员41名" not in work and "支委会8次" in work and "接收预备党员1名" in work


def test_a_duty_report_speaks_of_its_secretary_as_the_writer(composer: Composer) -> None:
    """书记 and 自己 at the head of a 述职's fact or problem are the writer: 本人. A branch
    secretary (支部书记) may be another's, in a 党委书记's report."""
    answers = _answers(
        "某镇桃园村党总支",
        "2026年",
        "duty",
        "书记与两委班子成员、党员谈心谈话40余人次",
        "支部书记带头讲党课3次",
        "和3名新入职的村干部谈心谈话",
        problems=["自己理论学习还不够系统"],
    )
    text = body(composer.compose(answers))
    assert "本人与3名新入职的村干部谈心谈话" in text
    assert "本人与两委班子成员、党员谈心谈话40余人次" in text
    assert "支部书记带头讲党课3次" in text
    assert "本人理论学习还不够系统" in text


def test_a_village_secretary_is_answered_in_a_villages_terms(composer: Composer) -> None:
    answers = _answers(
        "某镇石桥村党总支",
        "2026年",
        "duty",
        "全年召开党总支委员会12次，按“四议两公开”议了村里重大事项9件",
        "配合镇党委完成村党组织书记“擂台比武”",
        "组织党员学习党章",
        problems=["集体经济增收渠道还比较单一，主要靠光伏和茶园"],
    )
    text = body(composer.compose(answers))
    assert "民主集中制" in text and "坚决贯彻落实党中央各项决策部署" not in text
    assert "拓宽增收渠道" in text
    assert "岗位练兵" not in text and "监督执纪问责" not in text


@pytest.mark.parametrize(
    ("unit", "theme"), [("某县总工会机关党支部", "integration"), ("某县税务局", "culture")]
)
def test_a_unions_own_work_goes_with_its_business(
    composer: Composer, unit: str, theme: str
) -> None:
    """送温暖 is a 总工会's business; for a tax bureau it is group work for its staff."""
    answers = _answers(
        unit,
        "2026年上半年",
        "summary",
        "开展“送温暖”活动，春节前走访慰问困难职工386户",
        "组织党员学习党章",
    )
    placed = composer.compose(answers).placed[0]
    assert placed is not None and placed.theme == theme


def test_plans_answer_the_work_done_and_the_problems_named(composer: Composer) -> None:
    """A 水利局 that did flood work gets no 网格化治理 plan, and a 老好人 problem no
    党建品牌 plan that merely shares 党员干部 with it (round QQ)."""
    answers = _answers(
        "某县水利局党组",
        "2026年第三季度",
        "responsibility",
        "汛期前对全县17座小型水库开展安全隐患排查，查出问题23个，已整改21个",
        "主汛期局党组成员带班值守，党员干部24小时值班92天",
        "局党组召开会议专题研究全面从严治党工作2次",
        "组织党员观看警示教育片《零容忍》",
        "巡察反馈问题9个，已整改6个",
        problems=["个别党员干部在工程项目监管上还有“老好人”思想，不敢较真"],
    )
    blocks = composer.compose(answers).report.section("plans").blocks
    plans = "".join(item.text for block in blocks for item in block.items)
    assert "网格" not in plans and "党建品牌" not in plans, plans


@pytest.mark.parametrize(
    ("unit", "business"),
    [
        ("丰源县水利局", "水利业务"),
        ("江州市统计局", "统计业务"),
        ("某区自然资源局", "自然资源业务"),
        # Too long, or a word that takes no 业务 after it: the kind's own.
        ("江州市经济和信息化委员会", "业务"),
        # A kind of its own says its own line of work.
        ("江州市发展和改革委员会", "发展改革"),
        ("云岭县民政局", "民政业务"),
        ("某市商务局", "商务"),
    ],
)
def test_an_agency_of_no_kind_of_its_own_names_its_own_line_of_work(
    unit: str, business: str
) -> None:
    """放在业务大局中谋划 says nothing of a 水利局; 放在水利业务大局中谋划 does (round AU)."""
    assert profile_for(unit).values()["业务"] == business


def test_branches_below_are_named_within_one_activity() -> None:
    """责任区4个 ending one activity and 开展支部结对共建 opening the next name no 4个…支部
    below the unit: the writer's 支部书记 makes it a 党支部 (round AY drafted a 党组)."""
    facts = ("设立党员示范岗、党员责任区4个", "开展支部结对共建活动3次", "支部书记讲专题党课2次")
    assert body_named_in(facts) == "党支部"
    assert body_named_in(("下设4个党支部", "支部书记讲专题党课2次")) is None
