"""What stock wording may claim of the facts it follows."""

from __future__ import annotations

from bot.writer.claims import RESULT, speaks_of_facts


def test_an_effect_speaks_only_of_people_the_facts_name() -> None:
    effect = "引导党员在重温历史中坚定理想信念"
    # A children's visit to a cemetery is no party members' education.
    assert not speaks_of_facts(effect, "清明节带大班幼儿到烈士陵园开展活动")
    assert speaks_of_facts(effect, "七一组织党员到县革命纪念馆参观学习")
    assert not speaks_of_facts("引导青年坚定理想信念、练就过硬本领", "组织全体职工观看红色电影")
    # What it speaks of, too: history follows a memorial, not a film about a teacher.
    history = "引导党员在重温历史中坚定理想信念"
    assert not speaks_of_facts(history, "组织党员观看电影《烛光里的微笑》")
    assert speaks_of_facts(history, "组织党员到县革命烈士纪念馆开展主题党日活动")
    # The unit's own people (a slot) are there to speak of, unless the facts speak only
    # of the people the unit serves.
    assert speaks_of_facts("引导{党员干部}知敬畏、存戒惧、守底线", "组织观看警示教育片")
    reading = "推动学习成为{党员干部}的自觉习惯"
    assert not speaks_of_facts(reading, "暑期举办少儿阅读活动12场，儿童参与600人次")
    assert speaks_of_facts(reading, "组织全体职工开展读书分享会，读者代表参加")


def test_a_fact_that_states_its_outcome_takes_no_effect() -> None:
    assert RESULT.search("开展违规吃喝专项整治自查，未发现问题")
    assert not RESULT.search("开展违规吃喝专项整治自查")
    assert RESULT.search("开展公车使用专项检查，无违规使用问题")
