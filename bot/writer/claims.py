"""What stock wording may claim of the facts it follows.

A fact that states its own result needs no effect clause; a mined lead that
states its source's result is no lead for another unit; an effect clause (of the
organisation's own reports) says what the work was for, never what it achieved,
and speaks only of people and matters the facts name.
"""

from __future__ import annotations

import re

from phrasebank.slots import SLOT

# A fact that states its own result (增长12%, 全部稳定, 被采用) needs no effect clause after it.
RESULT = re.compile(
    r"增长|增加|提高|提升|下降|达到|全部|稳定|[%％]|同比|比上年|采用|获|评为|已?整改完成|已完成|完成率|已整改"
    r"|未发现|没有发现|未出现|未发生|无违规|无[^，。；]{0,6}问题"
)
# People an effect clause may speak of, and the words by which facts name them: 引导党员…
# follows no fact about children, 引导青年… none without young people.
EFFECT_PEOPLE = {
    "班子": ("班子", "党委会", "党组会", "中心组", "领导", "书记", "支委"),
    "青年": ("青年", "年轻", "团员", "团支部", "团委", "五四", "新入职"),
    "积极分子": ("积极分子",),
    "党员": ("党员", "支部", "党小组", "党日", "三会一课", "党课", "组织生活", "党委", "党组"),
    "女": ("女", "妇", "三八", "巾帼"),
}
# An effect clause says what the work was for (引导, 推动, 为…), never what it achieved:
# one opening so (营造…氛围, 让…感受到, 做到…, 发挥…作用) claims a result.
ACHIEVED = re.compile(r"^(?:营造|做到|让|展现|传递|凝聚|发挥|形成|实现|确保|取得|彰显)")
# A mined lead stating its source's result (意识形态工作夯牢夯实, 政治引领有力度) is no
# lead for another unit's facts.
CLAIMED = re.compile(r"(?:夯实|有力度|有力有序|更加\S{1,6}|成效\S{0,2}|明显|显著|见效|走深走实)$")
# What else an effect clause may speak of only when the facts do: 重温历史 follows a
# visit to a memorial, not a film about a teacher.
EFFECT_MATTERS = {
    "重温历史": ("纪念", "陵园", "旧址", "红色", "革命", "历史", "入党誓词", "党史", "烈士"),
}
# People a unit serves: work for them alone (少儿阅读, 幼儿…) is no lesson for its own staff.
SERVED = ("儿童", "幼儿", "少儿", "学生", "读者", "居民", "村民", "群众", "患者", "老人", "游客")
# Words by which facts name the unit's own people or party members.
OWN_PEOPLE = ("党员", "干部", "职工", "员工", "教师", "医务", "全体", "班子", "支部", "书记")


def speaks_of_facts(effect: str, facts: str) -> bool:
    """Whether the facts name the people `effect` speaks of. The unit's own people (the
    {党员干部} slot) count, unless the facts speak only of the people it serves."""
    if "{党员干部}" in effect or "党员" in effect:
        served = any(word in facts for word in SERVED)
        if served and not any(word in facts for word in OWN_PEOPLE):
            return False
    plain = unslotted(effect)
    named = {**EFFECT_PEOPLE, **EFFECT_MATTERS}
    return all(any(word in facts for word in words) for key, words in named.items() if key in plain)


def unslotted(text: str) -> str:
    """`text` without its slots: a slot ({中心工作}) is the unit's own wording, not a claim."""
    return SLOT.sub("", text)
