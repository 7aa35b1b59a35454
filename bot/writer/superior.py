"""The party body above a unit, where the writer's facts name it: the opening's
在…的坚强领导下 (round BB), instead of the 上级党组织 that 待补充 asks to name."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .profile import Profile, profile_for

# Bodies above a unit that its facts may name: a 机关工委, a sector's 工委, the 国资委党委
# over a state company (round BW).
_SUPERIOR = re.compile(
    r"[县市区]直机关工委|[县市区]委?(?:教育|卫生健康|卫健|国资)工委|机关工委|[县市区]国资委党委"
)
# Right above a kind: a township's for a village, the school's for a 二级学院 (配合学校党委
# 巡察, round BV).
_TOWNSHIP = re.compile(r"(?:镇|乡)党委|街道党工委")
_PARENTS = {"village": _TOWNSHIP, "community": _TOWNSHIP, "college": re.compile(r"学校党委")}
_BUREAU = re.compile(r"[县市区][\u4e00-\u9fff]{2,10}?局(?:党组|党委)")
# A county's, a district's or a city's own 党组 or 党委 answers to its 县委, 区委 or 市委
# (落实县委…部署, round BW), not to that committee's departments (县委组织部, 县委办); a
# village or a community answers to its township first.
_DEPARTMENTS = r"(?!组织部|宣传部|统战部|政法委|社会工作部|办|党校|编办|网信|机关工委|直属机关)"


def superior(profile: Profile, facts: Iterable[str]) -> str | None:
    """The party body above `profile`'s unit that `facts` name (参加县直机关工委组织的培训;
    a village's 配合镇党委; a county bureau's 落实县委…部署), or None."""
    said = "。".join(facts)
    # Not the unit itself (a 县直机关工委 names its own meetings).
    named = [m.group() for m in _SUPERIOR.finditer(said) if m.group() not in profile.unit]
    if not named and (parent := _PARENTS.get(profile.kind.id)):
        named = [m.group() for m in parent.finditer(said) if m.group() not in profile.unit]
    # A branch of a 中心 or a 站 answers to the bureau's 党组 it names (参加县农业农村局党组
    # 组织的培训, round BX).
    if not named and profile.body in ("党支部", "党总支"):
        named = [m.group() for m in _BUREAU.finditer(said) if m.group() not in profile.unit]
    level = next((c for c in "县区市" if c in profile.name), None)
    # A 党组 is the county committee's own; a hospital's or a company's 党委 has a sector
    # body between (卫健工委, 国资委党委) that its facts name or 待补充 asks for.
    below = profile.body == "党组" or (profile.kind.agency and profile.body == "党委")
    if not named and level and below and profile.kind.id not in _PARENTS:
        named = [m.group() for m in re.finditer(f"{level}委{_DEPARTMENTS}", said)]
    if not named and profile.body in ("党支部", "党总支"):
        named = [bureau] if (bureau := _bureau_above(profile)) else []
    return named[0] if named else None


# A station, an office or a squad its name puts under a bureau (某县司法局城关司法所,
# 某县公安局城关派出所): that bureau's body leads it (round DC: reviewers named it).
_UNDER_BUREAU = re.compile(
    r"([县市区])([\u4e00-\u9fff]{2,8}?局)[\u4e00-\u9fff]{0,8}?(?:所|站|队|中心)$"
)


def _bureau_above(profile: Profile) -> str | None:
    """The body of the bureau `profile`'s own name puts its unit under, or None."""
    found = _UNDER_BUREAU.search(profile.name)
    if found is None:
        return None
    bureau = f"{found.group(1)}{found.group(2)}"
    return f"{bureau}{profile_for(f'某{bureau}').kind.body}"
