"""The sub-topics and their curated wording (bot/writer/data/subtopics.toml), row by row."""

from __future__ import annotations

import re

import pytest

from bot.writer.claims import unslotted
from bot.writer.frames import HEADING_ECHO
from bot.writer.subtopics import HEADING_STYLES, Subtopic, heading_style, load_subtopics
from phrasebank.text import shares_stretch
from phrasebank.themes import THEME_IDS

SUBTOPICS = load_subtopics()
SLOTS = (
    "{本单位}",
    "{党组织简称}",
    "{党员干部}",
    "{队伍}",
    "{业务}",
    "{中心工作}",
    "{服务对象}",
    "{班子成员}",
    "{年轻干部}",
)


@pytest.mark.parametrize("subtopic", SUBTOPICS.all, ids=lambda s: s.id)
def test_each_subtopic_is_found_by_its_own_keywords(subtopic: Subtopic) -> None:
    assert subtopic.theme in THEME_IDS
    for keyword in subtopic.keywords:
        found = SUBTOPICS.match(f"本季度组织{keyword}", subtopic.theme)
        assert found is not None and found.subtopic.id == subtopic.id, keyword


@pytest.mark.parametrize("subtopic", SUBTOPICS.all, ids=lambda s: s.id)
def test_each_subtopic_has_wording_for_every_part_of_a_draft(subtopic: Subtopic) -> None:
    # Effects are optional: work whose fact speaks for itself (慰问) ends on the fact.
    assert len(subtopic.leads) >= 3 and subtopic.plans
    for text in (*subtopic.leads, *subtopic.plans):
        # Fits any unit: no agency or trade words, no numbers, only the profile's slots.
        assert not any(w in text for w in ("机关", "税", "执法", "本人")), text
        assert not any(ch.isdigit() for ch in text), text
        assert set(re.findall(r"\{[^}]*\}", text)) <= set(SLOTS), text
    for problem in subtopic.problems:
        assert problem.text and "。" not in problem.text[:-1]


def test_a_business_matter_is_worded_in_its_own_sub_topics_terms() -> None:
    """A business item's lead (守牢安全生产底线, 统筹抓好A和B) names no other sub-topic's work."""
    for subtopic in SUBTOPICS.all:
        for matter in subtopic.matters:
            for wording in (matter.lead, matter.name):
                found = [SUBTOPICS.match(word) for word in SUBTOPICS.keywords_in(wording)]
                assert all(m is not None and m.subtopic is subtopic for m in found), wording


@pytest.mark.parametrize("subtopic", [s for s in SUBTOPICS.all if s.practices], ids=lambda s: s.id)
def test_a_practice_says_how_its_own_work_is_done_and_claims_no_result(subtopic: Subtopic) -> None:
    """严格按照发展党员工作程序: a clause between a lead and its facts, for any unit."""
    # Two in one subsection open in different words (坚持…, 把…).
    openings = {practice[:2] for practice in subtopic.practices}
    assert len(openings) == len(subtopic.practices), subtopic.practices
    for practice in subtopic.practices:
        assert not re.search(r"[。；]", practice) and 8 <= len(practice) <= 40, practice
        assert not any(w in practice for w in ("机关", "税", "执法", "本人", "我")), practice
        assert not any(ch.isdigit() for ch in practice), practice
        # What the work was for or how it was done, never what it achieved.
        assert not re.search(r"取得|成效显著|明显|不断提升|得到|实现了|有效", practice), practice
        assert set(re.findall(r"\{[^}]*\}", practice)) <= set(SLOTS), practice
        found = [SUBTOPICS.match(word) for word in SUBTOPICS.keywords_in(unslotted(practice))]
        assert all(m is not None and m.subtopic is subtopic for m in found), practice


def test_no_keyword_belongs_to_two_subtopics() -> None:
    owners: dict[str, str] = {}
    for subtopic in SUBTOPICS.all:
        for keyword in subtopic.keywords:
            assert owners.setdefault(keyword, subtopic.id) == subtopic.id, keyword


@pytest.mark.parametrize("theme", THEME_IDS)
def test_each_theme_has_framings_and_headings_of_every_shape(theme: str) -> None:
    wording = SUBTOPICS.themes[theme]
    assert len(wording.framings) >= 3
    assert all(f.startswith("{党组织简称}") and f.endswith("。") for f in wording.framings)
    for style in HEADING_STYLES:
        assert wording.headings[style]
        for heading in wording.headings[style]:
            assert heading_style(heading) == style, heading


@pytest.mark.parametrize("theme", THEME_IDS)
def test_each_theme_has_causes_that_fit_any_unit(theme: str) -> None:
    causes = SUBTOPICS.themes[theme].causes
    assert len(causes) >= 2
    for cause in causes:
        # A cause, then what it means: two sentences, owning up without naming any work done.
        assert cause.count("。") == 2 and cause.endswith("。"), cause
        assert not any(w in cause for w in ("机关", "税", "执法", "本人", "我")), cause
        assert set(re.findall(r"\{[^}]*\}", cause)) <= set(SLOTS), cause


@pytest.mark.parametrize("theme", THEME_IDS)
def test_each_theme_has_purposes_that_state_an_intent_only(theme: str) -> None:
    purposes = SUBTOPICS.themes[theme].purposes
    assert len(purposes) >= 3
    for purpose in purposes:
        # 为…, a clause opening a framing sentence: what the work is for, for any unit.
        assert purpose.startswith("为") and not re.search(r"[，。；]", purpose), purpose
        assert len(purpose) <= 30, purpose
        foreign = ("机关", "税", "执法", "本人", "取得", "成效")
        assert not any(w in purpose for w in foreign), purpose
        assert set(re.findall(r"\{[^}]*\}", purpose)) <= set(SLOTS), purpose


@pytest.mark.parametrize("theme", THEME_IDS)
def test_no_framing_says_a_heading_of_its_theme_over_again(theme: str) -> None:
    wording = SUBTOPICS.themes[theme]
    headings = [h for style in HEADING_STYLES for h in wording.headings[style]]
    for framing in wording.framings:
        for heading in headings:
            assert not shares_stretch(framing, heading, HEADING_ECHO), (framing, heading)


@pytest.mark.parametrize(
    ("fact", "matter"),
    [
        ("污水处理厂出水稳定达到一级A标准，全年处理污水9200万立方米", "污水处理"),
        ("胸痛救治单元通过县级验收，和县医院建立双向转诊绿色通道", "急诊急救"),
        ("完成65岁以上老年人健康体检3200人", "基本公共卫生服务"),
        ("开展乡村振兴衔接资金专项审计，覆盖全县14个乡镇", "审计监督"),
        ("配合开展政府投资项目审计，审减工程结算金额860万元", "审计监督"),
        ("为秋收秋种提供农用天气预报服务，覆盖全县186个村", "气象服务"),
        ("村里新建污水管网2公里，改造户厕30户", "环境综合整治"),
        ("全年安置退役士兵47名，安置率100%", "优抚安置"),
        ("举办退役军人专场招聘会3场，提供岗位860个", "就业服务"),
        ("推进殡葬改革，全县火化率达到98.6%", "殡葬改革"),
        ("校园安全，全年开展安全隐患排查4轮", "校园安全"),
        ("开展灵活就业人员缴存试点，新增缴存1200人", "住房公积金归集使用"),
        ("全年查处酒驾醉驾违法行为312起", "道路交通安全"),
        ("辖区新引进企业43家，协税护税完成3.2亿元", "招商引资"),
        ("全年受理120呼救4.2万次，出动急救车3.1万车次", "院前急救"),
        ("完成城市马拉松和中高考医疗保障任务12次", "重大活动保障"),
        ("争取中央预算内投资和专项债资金3.6亿元", "争取资金支持"),
        ("全年审结各类案件5200件，结案率96%", "审判执行"),
        ("全年审查起诉各类案件860件，提出检察建议42件", "法律监督"),
        # Rounds OO–QQ: the trades of a 司法所, a 住建局, a 公路段, a 总工会 and a 供销社.
        ("全年调处矛盾纠纷286件，调解成功率98.6%", "基层矛盾化解"),
        ("开展“法律进村居”普法活动36场，发放宣传资料8000余份", "法治教育"),
        ("农村危房改造完成126户，全部通过验收", "住房安全保障"),
        ("3个问题楼盘全部按期交付，交付房屋1420套", "保交楼"),
        ("冬季除雪保通出动人员320人次、机械85台班", "公路养护保通"),
        ("7月至9月安置流动摊贩210户，设立4处临时疏导点", ""),
        ("全年新建基层工会组织43家，新发展会员3200多人，其中快递员900人", "建会入会"),
        ("春耕期间组织化肥1.2万吨，保障农资供应", "农资保供"),
        ("学生参加省职业技能大赛获一等奖2项", "教育教学"),
        # Rounds AE and AF: a drill is no 救灾; e-commerce, a 供销社's 基层社, a school's
        # 校企合作 and 毕业生 and a fire brigade's 消防安全检查 are what they are.
        ("汛期前组织了全县防汛综合应急演练，参演人员300余人", "防汛工作"),
        ("防汛期间带头值班，组织转移了河边的5户群众", "防汛救灾"),
        ("“供销e家”电商平台农产品销售额达到3800万元", "农村电商"),
        ("推进基层社改造，全年新建改造基层供销社5个", "基层社建设"),
        # Round AS: its own lead each, not 统筹抓好教育教学 under a second item.
        ("新签订3家校企合作企业，新开设订单班2个", "产教融合"),
        ("毕业生就业率97.3%，对口就业率86%", "毕业生就业"),
        # Fire checks are 消防安全 whoever makes them; 接警出动 is a brigade's rescue (BM).
        ("开展消防安全检查，检查单位1850家，督促整改隐患3260处", "消防安全"),
        ("全年接警出动1836起，抢救被困人员213人", "火灾防控和应急救援"),
        ("组织开展春节、中秋期间节日市场检查，查月饼、烟花爆竹", "节日市场检查"),
        ("重阳节为入住老人集体过生日，邀请县老年大学来演出", "敬老爱老"),
        ("开展建筑施工安全专项整治，检查在建工地86个", "安全生产"),
        # Round AI: a canteen's 光盘行动, a school's canteen and 书香校园, a road's K120.
        ("机关食堂开展“光盘行动”，餐厨垃圾减少约两成", "厉行节约"),
        ("完成学校食堂改造，食堂食品安全量化等级被评为A级", "办学条件"),
        ("创建“书香校园”，学生人均借阅图书15册", "教育教学"),
        ("实施G318线K120至K135段中修工程", "公路养护保通"),
        # Round AJ: a power company's 线路 carry no passengers.
        ("完成农网改造项目23个，新建改造10千伏线路86公里，投资1.2亿元", "项目建设"),
    ],
)
def test_a_business_fact_is_of_the_matter_it_is_about(fact: str, matter: str) -> None:
    """Sewage treatment is no 村容村貌 for a water company; an audit of 乡村振兴 funds is an
    audit, not 产业发展 (review round EE)."""
    central = SUBTOPICS["central_task"]
    assert [m.name for m in central.matters_of([fact])][:1] == ([matter] if matter else [])
