"""Who is writing: the unit's kind, its party body, and the words a draft uses for them.

The profile is derived from the unit's name (``宁川县人民医院`` → a hospital
with a 党委: 院党委, 全院, 医务人员, 医疗服务) and can be overridden in
ANSWERS.toml or the chat. Kinds and their words are data
(``data/units.toml``); the guiding line of the opening by year is
``data/guidance.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.errors import InputError
from phrasebank.text import read_data

# Party organisations a unit's name may already end with (a 街道党工委, a 支部).
# ``中共…委员会`` and ``…税务局委员会`` are 党委 too; a bare 委员会 is a government body.
_COMMITTEE = re.compile(r"^中共.{3,}委员会$|(?:局|院|所|中心|公司|集团|学校)委员会$")
PARTY_SUFFIXES = ("党工委", "党委", "党组", "党总支", "党支部", "支部委员会")
BODIES = ("党工委", "党总支", "党支部", "党组", "党委")
# What the body of a unit's organs (机关党委) never says of itself.
ORGANS_FORBID = ("中心组", "党组会", "三重一大")
# The formal names of party bodies (中共XX街道工作委员会 is the 街道党工委), longest first.
_FORMAL_BODIES = {"总支部委员会": "党总支", "支部委员会": "党支部", "工作委员会": "党工委"}
ANY = "*"
DATA = "bot.writer.data"


def _names_outside_titles(pattern: str, text: str) -> bool:
    """Whether `pattern` (empty: never) is in `text` outside its titles (学习《…》 is study)."""
    untitled = re.sub(r"《[^》]*》", "", text)
    return bool(pattern) and re.search(pattern, untitled) is not None


@dataclass(frozen=True)
class UnitKind:
    """One kind of unit (data/units.toml) and the words its drafts use."""

    id: str
    label: str
    example: str
    match: tuple[str, ...]
    contains: tuple[str, ...]
    agency: bool
    body: str
    head: str
    scope: str
    self: str
    people: str
    business: str
    center: str
    served: str
    cause: str
    mainline: str
    forbid: tuple[str, ...]
    leaders: str = "班子成员"  # {班子成员}: who lead beside the secretary (社区、村: 两委成员)
    team: str = "干部队伍"  # {队伍}: its workforce as a 队伍 (学校: 教师队伍)
    youth: str = "年轻干部"  # {年轻干部}: its young staff (医院: 青年医务人员)
    # Sub-topics that are this unit's own business (a 总工会's 工会 work, 送温暖, 技能
    # 大赛): its facts go with the business, not among the 群团 activities.
    own_work: tuple[str, ...] = ()
    # Facts of party words that are this unit's own business, as a pattern: an audit
    # bureau's 审计发现问题 整改 and 移送问题线索 are its audits, not its own 整改 or 执纪.
    own_words: str = ""
    # Facts of the party's work done across the county by a party department (a 组织部's
    # 发展党员326名, a 纪委's 立案87件): its business, whatever party words they use, not
    # its own branch's (round CS: they read as the branch's own recruiting and discipline).
    own_scope: str = ""

    def scoped(self, text: str) -> bool:
        """Whether `text` is party work this department does across its area (`own_scope`)."""
        return _names_outside_titles(self.own_scope, text)

    def owns(self, text: str) -> bool:
        """Whether `text` is this unit's own business in party words (`own_words`)."""
        return _names_outside_titles(self.own_words, text)

    def suffix(self, name: str) -> tuple[str, str] | None:
        """The matched (suffix, head) when `name` is of this kind, else None."""
        for word in self.contains:
            if word in name:
                return word, self.head
        for entry in self.match:
            pattern, _, head = entry.partition("=")
            found = re.search(f"(?:{pattern})$", name)
            if found:
                return found.group(), head or found.group()
        return None


@dataclass(frozen=True)
class Body:
    name: str
    branches: bool
    forbid: tuple[str, ...]


@dataclass(frozen=True)
class Units:
    kinds: tuple[UnitKind, ...]
    bodies: dict[str, Body]

    def kind(self, kind_id: str) -> UnitKind:
        for kind in self.kinds:
            if kind.id == kind_id:
                return kind
        choices = "、".join(f"{k.id}（{k.label}）" for k in self.kinds)
        raise InputError(f"不认识单位类型“{kind_id}”。可选：{choices}")


@cache
def load_units() -> Units:
    raw = read_data(DATA, "units.toml")
    kinds = tuple(_kind(entry) for entry in raw["kinds"])
    bodies = {
        name: Body(name, bool(value["branches"]), tuple(value["forbid"]))
        for name, value in raw["bodies"].items()
    }
    return Units(kinds, bodies)


def _kind(entry: dict[str, Any]) -> UnitKind:
    return UnitKind(
        id=entry["id"],
        label=entry["label"],
        example=entry["example"],
        match=tuple(entry.get("match", ())),
        contains=tuple(entry.get("contains", ())),
        agency=bool(entry["agency"]),
        body=entry["body"],
        head=entry["head"],
        scope=entry["scope"],
        self=entry["self"],
        people=entry["people"],
        business=entry["business"],
        center=entry["center"],
        served=entry["served"],
        cause=entry["cause"],
        mainline=entry["mainline"],
        forbid=tuple(entry["forbid"]),
        leaders=entry.get("leaders", "班子成员"),
        team=entry.get("team", "干部队伍"),
        youth=entry.get("youth", "年轻干部"),
        own_work=tuple(entry.get("own_work", ())),
        own_words=entry.get("own_words", ""),
        own_scope=entry.get("own_scope", ""),
    )


@dataclass(frozen=True)
class Guidance:
    """What an opening names as its guiding line in a given month."""

    thought: str
    congress: str


@cache
def _guidance() -> tuple[tuple[tuple[int, int], Guidance], ...]:
    raw = read_data(DATA, "guidance.toml")
    lines = [
        ((int(e["since"][0]), int(e["since"][1])), Guidance(e["thought"], e["congress"]))
        for e in raw["lines"]
    ]
    return tuple(sorted(lines))


def guidance(year: int, month: int) -> Guidance:
    """The guiding thought and the congress and plenums current at (year, month)."""
    current = _guidance()[0][1]
    for since, line in _guidance():
        if since <= (year, month):
            current = line
    return current


@dataclass(frozen=True)
class Profile:
    """The writing unit as a draft speaks of it."""

    unit: str  # the full name as typed, party suffix and all
    name: str  # the unit without its party suffix
    kind: UnitKind
    body: str  # 党委, 党组, 党工委, 党总支, 党支部
    org: str  # the party organisation's full name
    short_org: str  # 局党委, 院党委, 社区党支部
    scope: str  # 全局, 全院, 社区
    self_name: str  # 我局, 我院, 社区

    @property
    def branches(self) -> bool:
        """Whether the party body has branches below it (各党支部 makes sense)."""
        body = load_units().bodies.get(self.body)
        return body.branches if body else True

    def forbidden(self) -> tuple[str, ...]:
        """Words no stock phrase in this unit's draft may contain."""
        body = load_units().bodies.get(self.body)
        # A 机关党委 serves the organs; the 党组 leads the unit and runs its 中心组.
        organs = ORGANS_FORBID if self.short_org.startswith("机关") else ()
        return self.kind.forbid + (body.forbid if body else ()) + organs

    def business(self) -> str:
        """{业务}: the kind's main line of work; a 机关 of no kind of its own says its own
        (丰源县水利局 → 水利业务, not 业务: round AU wrote 放在水利改革发展大局中谋划)."""
        found = _OWN_LINE.match(self.name)
        if self.kind.business != GENERIC_BUSINESS or found is None:
            return self.kind.business
        core = found.group(1)
        return self.kind.business if core.endswith("务") else f"{core}{GENERIC_BUSINESS}"

    def secretary(self) -> str:
        """What a report calls the body's secretary: 支部书记, 总支书记, 党组书记, 党委书记."""
        return {"党支部": "支部书记", "党总支": "总支书记"}.get(self.body, f"{self.body}书记")

    def values(self) -> dict[str, str]:
        """Slot values for stock phrases; the full names are for title, opening and signature."""
        kind = self.kind
        return {
            "单位": self.self_name,
            "单位全称": self.unit,
            "党组织": self.short_org,
            "党组织全称": self.org,
            "党组织名称": common_name(self.org),
            "党组织简称": self.short_org,
            "党委": self.body,
            "本单位": self.scope,
            "我单位": self.self_name,
            "机关": "机关" if kind.agency else "单位",
            "党员干部": kind.people,
            "队伍": kind.team,
            "年轻干部": kind.youth,
            "业务": self.business(),
            "中心工作": kind.center,
            "服务对象": kind.served,
            "事业": kind.cause,
            "主线": kind.mainline,
            "书记": f"{self.short_org}书记",
            "班子成员": {"党总支": "总支委员", "党支部": "支部委员"}.get(self.body, kind.leaders),
        }


def strip_party(unit: str) -> str:
    """The unit without a party-organisation suffix (``XX街道党工委`` → ``XX街道``)."""
    if _COMMITTEE.search(unit):
        bare = unit.removeprefix("中共")
        ends = [f for f in _FORMAL_BODIES if unit.endswith(f) and len(bare) > len(f) + 1]
        return bare[: -len(ends[0] if ends else "委员会")]
    for suffix in PARTY_SUFFIXES:
        if unit.endswith(suffix) and len(unit) > len(suffix) + 1:
            return unit[: -len(suffix)]
    return unit


def common_name(org: str) -> str:
    """An organisation's name before 书记: …支行党支部书记, not …支部委员会书记."""
    for formal, body in (("总支部委员会", "党总支"), ("支部委员会", "党支部")):
        if org.endswith(formal):
            return org.removesuffix(formal) + body
    return org


def body_of(org: str) -> str | None:
    """The party body an organisation's name ends with, if any."""
    if _COMMITTEE.search(org):
        return next((b for f, b in _FORMAL_BODIES.items() if org.endswith(f)), "党委")
    if org.endswith("支部委员会"):
        return "党总支" if org.endswith("总支部委员会") else "党支部"
    return next((b for b in BODIES if org.endswith(b)), None)


# A kind's {业务} that says nothing of the unit's own line of work.
GENERIC_BUSINESS = "业务"
# A 机关's own line of work in its name: 丰源县水利局 → 水利 (2–4 characters after the place).
_OWN_LINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,7}?(?<!城)[省市州盟县区旗])+(?![省市州盟县区旗])([\u4e00-\u9fff]{2,4}?)(?:局|委员会|委|办)$"
)

# Units below a kind's usual one, by the last word of the name: a 收费站 is not its 局.
# (A court's 执行局 or 审判庭 is no 院: 局党支部, 全庭.)
_BELOW = re.compile(
    r"(分局|分公司|站|所|段|大队|支队|中队|队|中心|科|车间|病区|局|庭|(?<!办事)处|检察部)$"
)
# Departments whose branch is just 党支部, and what a draft calls their whole.
_OWN_BODY = {"科": "科室", "检察部": "全部门"}
# A department's name after its unit's: 心血管内科, 二车间, 三病区, 第一检察部 (round CA).
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff\d]{1,8}(?:科|车间|病区|检察部)$")

# How a writer names their own party body in what they did (支部书记, 党委会 …): when the
# unit's name does not say, this does, before the kind's usual body.
_BODY_CUES = (
    ("党工委", ("党工委",)),
    (
        "党委",
        (
            "党委会",
            "党委书记",
            "党委委员",
            "院党委",
            "局党委",
            "校党委",
            "公司党委",
            "党委理论学习中心组",
            "党委班子",
        ),
    ),
    ("党组", ("党组会", "党组书记", "局党组")),
    ("党总支", ("党总支", "总支书记", "总支委员")),
    ("党支部", ("支部书记", "支委会", "支部委员", "支部党员大会", "本支部", "院支部", "所支部")),
)


# Branches below the writer's body (各党支部, 3个中队党支部, 支部书记述职): 支部书记
# then names their secretaries, not the writer's own body.
_BRANCHES_BELOW = re.compile(
    r"各(?:党)?支部|[\d一二两三四五六七八九十]+个[^，。；]{0,6}?(?:党)?支部|支部书记[^，。；]{0,4}述职"
    r"|党支部书记与|基层党支部|所属(?:党)?支部"
)


# A body named with its county or city (县教育局党委, 市局党组) is another unit's.
_OTHER_BODY = re.compile(r"[县市区省][\u4e00-\u9fff]{0,8}?(?:局|院|校|公司|委)党(?:委|组)")


def body_named_in(texts: tuple[str, ...]) -> str | None:
    """The party body the writer's own words name, if they name exactly one."""
    # Each activity on its own: 责任区4个 + 开展支部共建 is no 4个…支部 (round AY).
    # Another unit's body (上报县教育局党委审批) names the one above, not the writer's own.
    joined = _OTHER_BODY.sub("", "。".join(texts))
    named = [body for body, cues in _BODY_CUES if any(cue in joined for cue in cues)]
    if "党支部" in named and _BRANCHES_BELOW.search(joined):
        named.remove("党支部")
    return named[0] if len(named) == 1 else None


def profile_for(
    unit: str,
    org: str | None = None,
    kind: str | None = None,
    short_org: str | None = None,
    said: tuple[str, ...] = (),
) -> Profile:
    """The profile of `unit`: from its name, with the writer's overrides; `said` is what
    the writer typed, which may name the party body (支部书记 → 党支部)."""
    units = load_units()
    name = strip_party(unit)
    found = _find(units, name) if kind is None else (units.kind(kind), None)
    the_kind, suffix = found
    head = suffix[1] if suffix else the_kind.head
    if the_kind.head not in ("", ANY):
        head = the_kind.head
    # A station, office or branch below the kind's usual unit (某管理处收费站, 某局城关所)
    # speaks as itself: 站党支部, 全站.
    below = _BELOW.search(name) if the_kind.head not in ("", ANY) else None
    own_head = below.group(1) if below and below.group(1) != head else None
    if own_head:
        head = own_head
    if org is None and unit != name:
        org = unit
    body = body_of(org) if org else None
    # A 党组 leads an organ, never a station or a squad below it: theirs is a 党支部.
    usual = "党支部" if own_head and the_kind.body == "党组" else the_kind.body
    body = body or body_named_in(said) or usual
    if org is None:
        org = name + body
    # A 机关党委 (党支部) is the body of the organs, not the unit's own 党组 or 党委.
    if short_org is None and (name.endswith("机关") or org.endswith("机关" + body)):
        short_org = "机关" + body
    return Profile(
        unit=unit,
        name=name,
        kind=the_kind,
        body=body,
        org=org,
        # 科党支部 is not said: a department's branch is its 党支部 (车间党支部 is said).
        short_org=short_org or (body if own_head in _OWN_BODY else f"{head}{body}"),
        # 全科 is General Practice in a hospital: a department is 科室; 全检察部 is no word.
        scope=_OWN_BODY.get(own_head or "", f"全{head}")
        if own_head
        else the_kind.scope.replace(ANY, head),
        self_name=f"我{head}" if own_head else the_kind.self.replace(ANY, head),
    )


def _find(units: Units, name: str) -> tuple[UnitKind, tuple[str, str] | None]:
    for kind in units.kinds[:-1]:
        suffix = kind.suffix(name.removesuffix("机关"))
        if suffix is not None:
            return kind, suffix
    # A department of a unit (某医院心血管内科, 某厂二车间) is of the unit's kind.
    for kind in units.kinds[:-1]:
        for entry in kind.match:
            pattern = entry.partition("=")[0]
            if pattern and re.search(f"(?:{pattern}){_DEPARTMENT.pattern}", name):
                return kind, None
    return units.kinds[-1], units.kinds[-1].suffix(name)
