"""What the writer told us: unit, period, genre, activities, and optionally problems and plans.

The same value comes from an ANSWERS.toml file (``zongjie draft``) or from a
conversation; the composer turns it into a report.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from bot.errors import AnswersError, InputError
from phrasebank.corpus import decode
from phrasebank.errors import SourceError
from phrasebank.themes import THEME_IDS

from . import genres, period
from .genres import Genre
from .period import Period
from .profile import Profile, load_units, profile_for

MAX_ACTIVITIES = 60
# A reporter's name, as a 述职 is signed: Chinese, with 某 or a middle dot (阿依古丽·买买提).
NAME_MAX = 12
NAME = re.compile(rf"[\u4e00-\u9fff·•]{{2,{NAME_MAX}}}")
MAX_TEXT = 2000


@dataclass(frozen=True)
class Activity:
    """One thing the unit did, as the writer typed it.

    `theme` fixes the theme (`chosen` when the writer chose it, not the chat's
    classifier); `variant` asks for the n-th alternative wording (``/swap``).
    """

    text: str
    theme: str | None = None
    variant: int = 0
    plan: str | None = None  # the earlier report's plan this activity carried out
    chosen: bool = False


@dataclass(frozen=True)
class Answers:
    unit: str
    period: Period
    genre: Genre
    activities: tuple[Activity, ...]
    problems: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    org: str | None = None  # the party organisation's name, when it is not derivable

    kind: str | None = None  # the kind of unit (data/units.toml), when not derivable
    short_org: str | None = None  # what the draft calls the party body (院党委), when not derivable
    # Earlier plans not carried out, with the writer's reason: always among the problems.
    unmet: tuple[str, ...] = ()
    name: str | None = None  # who reports, in a 述职 (述职人：张某某)

    @cached_property
    def profile(self) -> Profile:
        """Who is writing: the unit's kind, party body and the words a draft uses for them."""
        said = tuple(a.text for a in self.activities)
        return profile_for(self.unit, self.org, self.kind, self.short_org, said)

    @property
    def unit_name(self) -> str:
        """The unit without a party-organisation suffix (``XX街道党工委`` → ``XX街道``)."""
        return self.profile.name

    @property
    def party_org(self) -> str:
        """The unit's party organisation: given, the unit itself, or its usual form."""
        return self.profile.org


def clean_unit(text: str) -> str:
    """A unit name as typed, trimmed; raises when it cannot be a unit name."""
    unit = re.sub(r"\s+", "", text).strip("，。,.;；:：")
    if not unit:
        raise InputError(
            "请告诉我单位名称，例如：国家税务总局某某县税务局、某某市交通运输局、某某街道党工委。"
        )
    if len(unit) > 40:
        raise InputError("单位名称太长了（最多 40 个字），请只写单位全称。")
    if not re.search(r"[\u4e00-\u9fff]", unit):
        raise InputError("单位名称应当是中文全称，例如：某某市交通运输局。")
    if re.fullmatch(r"[\d〇零一二三四五六七八九十年度上下半第季]+", unit):
        raise InputError(f"“{unit}”像是时间段。请先告诉我单位全称，例如：某某市交通运输局。")
    # A 述职 writer may type their own post (某县人民医院党委书记): the unit is its body.
    body = _POST.sub(r"\1", unit)
    return body if len(body) >= 4 else unit


_POST = re.compile(r"(党委|党组|党工委|党总支|支部)(?:副?书记|委员)$")


def clean_text(text: str, what: str) -> str:
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise InputError(
            f"这条{what}太长了（{len(text)} 字），请控制在 {MAX_TEXT} 字以内，或分成几条发送。"
        )
    return text


# ------------------------------------------------------------- from a file


def load(path: Path, today: dt.date | None = None) -> Answers:
    """Answers from a TOML file; a malformed file gets an error naming the field."""
    source = str(path)
    try:
        text, _ = decode(path.read_bytes(), source)
    except FileNotFoundError as exc:
        raise InputError(f"答卷文件 {source} 不存在，请检查路径") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{source} 是一个文件夹；请给出答卷文件的路径，例如 答卷.toml") from exc
    except PermissionError as exc:
        raise InputError(f"没有权限读取答卷文件 {source}") from exc
    except OSError as exc:
        raise InputError(f"无法读取答卷文件 {source}（{exc.strerror or exc}）") from exc
    except SourceError as exc:
        raise InputError(f"无法读取答卷文件 {source}：{exc.reason}") from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"答卷文件 {source} 不是有效的 TOML：{toml_problem(exc)}") from exc
    return from_mapping(raw, source, today)


# tomllib's messages, said in Chinese; the position is appended by toml_problem.
_TOML_MESSAGES = (
    ("Illegal character '\\n'", "引号没有闭合（字符串不能跨行）"),
    ("Illegal character", "有不允许的字符"),
    ("Unclosed array", "列表的方括号 ] 没有闭合"),
    ("Unclosed inline table", "花括号 } 没有闭合"),
    ("Unterminated string", "引号没有闭合"),
    ('Expected "\'"', "引号没有闭合"),
    ("Invalid value", "等号后面的值无法识别（文字要用英文双引号括起来）"),
    ("Expected '=' after a key", "字段名后面缺少等号 =（字段名里不能有空格）"),
    ("Cannot overwrite a value", "同一个字段写了两次"),
    ("Cannot declare", "同一个表写了两次"),
    ("Expected newline or end of document", "一行里写了多个值（每个字段单独一行）"),
    ("Invalid statement", "这一行不是“字段 = 值”的形式"),
    ("Invalid initial character for a key part", "字段名开头的字符不允许"),
    ("at the end of a table declaration", "表名的方括号没有闭合"),
    ("at the end of an array declaration", "表名的双方括号没有闭合"),
)
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    """What tomllib found wrong, and where, in Chinese."""
    message = str(exc)
    problem = next((zh for en, zh in _TOML_MESSAGES if en in message), "格式有误")
    found = _TOML_POSITION.search(message)
    if found is None:
        return problem
    if found.group(1):
        return f"第 {found.group(1)} 行第 {found.group(2)} 列：{problem}"
    return f"读到文件末尾：{problem}"


def from_mapping(
    raw: dict[str, Any], source: str = "answers", today: dt.date | None = None
) -> Answers:
    known = {
        "unit",
        "period",
        "genre",
        "activities",
        "problems",
        "plans",
        "org",
        "kind",
        "short_org",
        "unmet",
        "name",
    }
    unknown = sorted(set(raw) - known)
    if unknown:
        raise AnswersError(
            source, "、".join(unknown), f"不认识；可用字段：{'、'.join(sorted(known))}"
        )
    unit = _string(raw, "unit", source, '应为单位全称，例如 unit = "某某市交通运输局"')
    try:
        unit = clean_unit(unit)
        the_period = period.parse(
            _string(raw, "period", source, f"应为时间段，例如 {period.EXAMPLES}"), today
        )
    except InputError as exc:
        field_name = "unit" if "单位" in str(exc) else "period"
        raise AnswersError(source, field_name, str(exc)) from exc
    genre_text = _string(raw, "genre", source, f"应为报告类型：{genres.choices_text()}")
    try:
        genre = genres.parse(genre_text)
    except InputError as exc:
        raise AnswersError(source, "genre", str(exc)) from exc
    activities = tuple(
        _activity(item, i, source) for i, item in enumerate(_list(raw, "activities", source), 1)
    )
    if not activities:
        raise AnswersError(source, "activities", "不能为空：请至少列出一项本期开展的工作")
    if len(activities) > MAX_ACTIVITIES:
        raise AnswersError(
            source, "activities", f"太多了（{len(activities)} 项），最多 {MAX_ACTIVITIES} 项"
        )
    problems = tuple(_text_items(raw, "problems", source))
    plans = tuple(_text_items(raw, "plans", source))
    unmet = tuple(_text_items(raw, "unmet", source))
    org = raw.get("org")
    if org is not None and (not isinstance(org, str) or not org.strip()):
        raise AnswersError(source, "org", '应为党组织名称（文字），例如 org = "中共某某局党组"')
    kind = _optional(raw, "kind", source, '应为单位类型，例如 kind = "hospital"')
    if kind is not None:
        try:
            load_units().kind(kind)
        except InputError as exc:
            raise AnswersError(source, "kind", str(exc)) from exc
    short_org = _optional(raw, "short_org", source, '应为党组织简称，例如 short_org = "院党委"')
    name = _optional(raw, "name", source, '应为述职人姓名，例如 name = "张某某"')
    if name is not None and not NAME.fullmatch(name):
        raise AnswersError(
            source, "name", f'应为述职人姓名（{NAME_MAX} 字以内的中文），例如 name = "张某某"'
        )
    return Answers(
        unit,
        the_period,
        genre,
        activities,
        problems,
        plans,
        org.strip() if org else None,
        kind,
        short_org,
        unmet,
        name,
    )


def _optional(raw: dict[str, Any], key: str, source: str, expected: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise AnswersError(source, key, f"格式不对：{expected}")
    return value.strip()


def _string(raw: dict[str, Any], key: str, source: str, expected: str) -> str:
    value = raw.get(key)
    if isinstance(value, int) and key == "period":
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        state = "缺失" if value is None else "格式不对"
        raise AnswersError(source, key, f"{state}：{expected}")
    return value


def _list(raw: dict[str, Any], key: str, source: str) -> list[Any]:
    value = raw.get(key, [])
    if isinstance(value, str):
        return [value] if value.strip() else []
    if not isinstance(value, list):
        raise AnswersError(source, key, '应为文字列表，例如 ["第一项", "第二项"]')
    return value


def _activity(item: Any, index: int, source: str) -> Activity:
    plan = None
    if isinstance(item, dict):
        text, theme, plan = item.get("text"), item.get("theme"), item.get("plan")
        if theme is not None and theme not in THEME_IDS:
            raise AnswersError(
                source, f"activities 第{index}项的 theme", f"应为以下之一：{'、'.join(THEME_IDS)}"
            )
        if plan is not None and (not isinstance(plan, str) or not plan.strip()):
            raise AnswersError(source, f"activities 第{index}项的 plan", "应为上期打算的原文")
    else:
        text, theme = item, None
    if not isinstance(text, str) or not text.strip():
        raise AnswersError(source, f"activities 第{index}项", "应为一段非空文字")
    try:
        plan = plan.strip() if plan else None
        return Activity(clean_text(text, "工作"), theme, plan=plan, chosen=theme is not None)
    except InputError as exc:
        raise AnswersError(source, f"activities 第{index}项", str(exc)) from exc


def _text_items(raw: dict[str, Any], key: str, source: str) -> list[str]:
    out = []
    for index, item in enumerate(_list(raw, key, source), 1):
        if not isinstance(item, str):
            raise AnswersError(source, f"{key} 第{index}项", "应为一段文字")
        if item.strip() and item.strip() not in ("自动", "auto"):
            try:
                out.append(clean_text(item, "内容"))
            except InputError as exc:
                raise AnswersError(source, f"{key} 第{index}项", str(exc)) from exc
    return out
