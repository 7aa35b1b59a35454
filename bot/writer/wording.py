"""The writer's own words: light formalisation (口语 → 书面语) that never touches facts,
splitting a pasted list into activities, and finding the facts a text states.

Facts are numbers (Arabic or Chinese with a measure word), dates, quoted and
titled names (“…”, 《…》) and placeholders the writer left (XX). Formalising
only rewrites colloquial function words around them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from phrasebank.text import (
    Rule,
    alternatives,
    clean_line,
    measures,
    read_data,
    rules,
    sanitize,
    split_semicolons,
)


@cache
def _formal() -> dict[str, Any]:
    return read_data("bot.writer.data", "formal.toml")


@cache
def formal_rules() -> tuple[Rule, ...]:
    """Colloquial → written rules (``data/formal.toml``), in the order they apply."""
    raw = _formal()
    return rules(raw["rule"], raw["lists"])


_SPACES = re.compile(r"[ \t\u3000]+")

# Facts the draft must keep verbatim.
_NUMBER = re.compile(r"\d+(?:[.:：]\d+)*(?:\s?[%％])?")
_CN_COUNT = re.compile(rf"[一二两三四五六七八九十百千万]+(?:{alternatives(measures(count=True))})")
_QUOTED = re.compile(r"“[^“”]+”|《[^《》]+》|「[^「」]+」|‘[^‘’]+’")
# A writer's ‘…’ (‘三会一课’), outside any quoted name, is a report's “…”.
_SINGLE_QUOTED = re.compile(r"‘([^‘’“”]{1,40})’")
# Names typed between ASCII quotes ('检察护企') are quoted the written way.
_ASCII_QUOTES = re.compile(r"'([^'\n]{1,30})'|\"([^\"\n]{1,30})\"")
# 我 as the reporter (not 我院, 我们, 自我): a 述职 says 本人.
_I = re.compile(
    r"(?<![自本忘无唯])我(?:本人)?(?![们国院局所校村司行处科部站社队省市县区镇乡委中厂馆])"
)
# A 述职's writer named at the head of a fact (书记与两委成员谈心谈话, 自己学习不够 → 本人;
# 支部书记 may be another's, in a 党委书记's report), or left out (和3名教师谈心谈话 → 本人与).
_SELF = re.compile(
    r"^(?:我?自己|书记(?:本人)?)(?=[\u4e00-\u9fff])(?![、和们处])|^(?:和|跟|同|与)(?=[^，。；]{1,24}谈)"
)
_AS_SECRETARY = re.compile(r"^(?:本人)?作为[^，。；]{0,10}书记，(?:本人)?")
# A 述职 says what its writer chaired: 召开党委会9次 → 主持召开, 中心组学习3次 → 主持….
_WHEN = r"(?:\d{1,2}月(?:\d{1,2}日)?|(?:第)?[一二三四]季度|上半年|下半年|全年|年初|年底|每月)?"
# Not where the clause lists 党小组会: their leaders chair them (round HH); nor 讲授党课4次,
# which are not all the writer's (round BS).
_CHAIRED = re.compile(
    rf"^({_WHEN})(?:带头)?(?![^，。；]*(?:党小组|党课))(?=召开[^，。；]{{0,6}}(?:党委会|党组会|支委会|支部委员会|党总支委员会)"
    r"|(?:党委|党组|党总支)?理论学习中心组(?:集体)?学习)"
)
# What a writer (or the draft) leaves to be filled in: XX, XXXX, ××.
PLACEHOLDER = re.compile(r"X{2,}|×{2,}")


# A chat drafts again after every message: the same facts are written once.
@lru_cache(maxsize=4096)
def formalise(text: str) -> str:
    """Written form of a colloquial activity, problem or plan; facts stay as typed.

    Punctuation becomes full width, emoji and control characters go, and the
    text ends with a full stop.
    """
    text = clean_line(_drop_symbols(sanitize(text)))
    text = _ASCII_QUOTES.sub(lambda m: f"“{m.group(1) or m.group(2)}”", text)
    # A writer's ‘…’ outside any “…” or 《…》 is a report's “…” (round BY: ‘三会一课’,
    # ‘四无’); inside them it is part of the name, kept as typed.
    parts = re.split(r"(“[^“”]*”|《[^《》]*》)", text)
    text = "".join(p if i % 2 else _SINGLE_QUOTED.sub(r"“\1”", p) for i, p in enumerate(parts))
    # The party's system names (“三会一课”, “第一议题”) are no titles: the rules see them,
    # as they quote them again (“三会一课”全年：… is 落实“三会一课”制度，全年…, round CH).
    text = _system_names().sub(r"\1", text)
    # Quoted names and titles keep every character, their spaces included.
    protected, text = _protect(text)
    text = _unspaced(text) if _is_chinese(text) else _SPACES.sub(" ", text)
    for rule in formal_rules():
        text = rule.apply(text)
    text = _restore(protected, text).strip("，、；：。 ")
    if not text:
        return ""
    return text if text.endswith("。") else f"{text}。"


@cache
def _system_names() -> re.Pattern[str]:
    """The party's system names typed between quotes, which the rules quote again."""
    return re.compile(f"“({alternatives(_formal()['lists']['system_names'])})”")


def _unspaced(text: str) -> str:
    """Chinese text without its spaces, but for one between Latin letters and figures
    (急诊PCI 96台 keeps PCI and 96 apart)."""

    def gap(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        latin = before.isascii() and before.isalpha() and after.isdigit()
        return " " if latin or (before.isdigit() and after.isascii() and after.isalpha()) else ""

    return _SPACES.sub(gap, text)


# 今年 and 去年 said the way a report dates them; 今年以来 is a set phrase of its own.
_THIS_YEAR = re.compile(r"今年(?!以来)")
_LAST_YEAR = re.compile(r"去年")


def dated(text: str, year: int) -> str:
    """`text` with the writer's 今年 and 去年 as the years they are (2026年, 2025年)."""
    protected, text = _protect(text)
    text = _LAST_YEAR.sub(f"{year - 1}年", _THIS_YEAR.sub(f"{year}年", text))
    return _restore(protected, text)


def as_reporter(text: str, secretary: str = "") -> str:
    """A 述职's fact in its own voice: the writer's 我, and a fact's leading 书记 or 自己,
    becomes 本人 (我院, 我们 stay), and the meetings the secretary chairs are chaired
    (主持召开党委会, 主持中心组学习). The body's `secretary` (支部书记 of a 党支部's
    report) opening a clause is the writer too; another body's (支部书记 in a 党委's) not."""
    protected, text = _protect(text)
    text = _SELF.sub(lambda m: "本人" if m.group().endswith(("己", "记", "人")) else "本人与", text)
    if secretary:
        # Round BJ: 支部书记7月讲专题党课; 党组书记带头学习，…，书记围绕…作交流发言.
        # 支部书记我自己… is the writer once (round BZ: it read 本人本人).
        text = re.sub(
            rf"(^|[，；])((?:\d{{1,2}}月)?(?:\d{{1,2}}日)?{_SEASON}?)(?:{secretary}|书记)(?:本人|我|自己)?"
            r"(?=[\u4e00-\u9fff\d])(?![、和们])",
            r"\1\2本人",
            text,
        )
        # The secretary chairs the 中心组 (round BK: 参加党组理论学习中心组学习12次).
        text = re.sub(r"参加((?:党组|党委)理论学习中心组)", r"主持\1", text)
    text = _CHAIRED.sub(r"\1主持", _I.sub("本人", text))
    # 作为支部书记，主持… says who the writer is, which a 述职 has said (round YY).
    text = _AS_SECRETARY.sub("本人", text)
    # 本人带头…，中心组学习12次，本人作专题发言4次 names the writer once (round BG).
    while _AGAIN.search(text):
        text = _AGAIN.sub(r"\1，", text, count=1)
    return _restore(protected, text)


_AGAIN = re.compile(r"(本人[^。；]*?)，本人(?!与)")
# A time of year before the secretary (汛期书记带班值守, round BR).
_SEASON = "(?:汛期|防汛期间|节前|节日期间|春节期间|春节前|年初|年底)"


_TOPIC_LABEL = re.compile(r"^(“?)([\u4e00-\u9fff+＋]{2,10})(”?)(?:方面，|：)")
# A label naming the work done (信访积案化解，全年化解信访积案9件).
_DOING_LABEL = re.compile(r"^()([\u4e00-\u9fff]{2,8}(?:化解|整治|治理))()，")
# Labels the written form quotes (三会一课 → “三会一课”): quoted, they are still labels.
_QUOTED_LABELS = ("三会一课", "一岗双责", "第一议题", "四议两公开", "三重一大")


def unlabelled(text: str, same: Callable[[str, str], bool] | None = None) -> str:
    """A fact without the topic label the writer put before it, where the fact says its
    topic again (意识形态方面，落实意识形态工作责任制…) or the label and the fact name
    the same work (`same`: 发展党员方面，2名预备党员按期转正): the item's lead says it
    in the draft. A label the fact needs stays (意识形态工作方面，党组专题研究2次:
    without it the study has no object; 党组巡察方面，… says who inspected). A name the
    writer quoted (“我为群众办实事”) is no label: it stays."""
    found = _TOPIC_LABEL.match(text) or _DOING_LABEL.match(text)
    if found is None or (found.group(1) and found.group(2) not in _QUOTED_LABELS):
        return text
    rest = text[found.end() :]
    core = found.group(2).removesuffix("工作")
    # The fact says the label again, or a 4-character word of it (技能大赛成绩方面，…技能大赛).
    again = core in rest or any(core[i : i + 4] in rest for i in range(len(core) - 3))
    again = again or (same is not None and same(core, rest))
    return rest if len(rest) >= 6 and again else text


# A jotted label still before a fact once its item is led (网格化管理方面，…; “红色物业”：…;
# 少先队、共青团：…), each of a fact's parts: reviewers edit every one (rounds BT, BU).
_JOTTED = re.compile(
    r"(?:^|(?<=；))(?:([\u4e00-\u9fff]{2,10}?)方面，|(“[^“”]{2,16}”)："
    r"|([\u4e00-\u9fff]{2,8}、[\u4e00-\u9fff]{2,8})："
    # A named post or way of working before a comma (“马路办公”，开展…, round CI).
    r"|(“[^“”]{2,10}(?:办公|岗|队|站|室|平台|机制|模式|工作法|课堂|驿站|书屋)”)，)"
)
# A label that names a piece of work (网格化管理, 清廉村居建设) is the work it was done in;
# one opening on a doing (帮扶某村, 优化营商环境) is that doing.
_WORK_NOUN = re.compile(
    r"(?:建设|管理|监测|执法|整治|治理|服务|防控|监督|创建|改革|工作|教育|活动|保障|宣传|学习)$"
)
_LABEL_DOING = re.compile(
    r"^(?:优化|帮扶|推进|加强|深化|抓好|做好|开展|落实|提升|强化|推动|助力|巩固|发展|服务)"
)


def written_label(facts: str) -> str:
    """`facts` with each jotted label written as a report writes it: 在网格化管理中，…,
    在疾控工作中，…, 帮扶某镇某村，…, 围绕“红色物业”，…, 依托“马路办公”，…."""

    def written(found: re.Match[str]) -> str:
        if found.group(4):
            return f"依托{found.group(4)}，"
        label = found.group(1) or found.group(3)
        if label is None:
            # A name the fact says again goes (“党员先锋岗”：…设党员先锋岗4个).
            again = found.group(2)[1:-1] in found.string[found.end() :].split("；")[0]
            if found.group(2) == "“我为群众办实事”":
                return "深化“我为群众办实事”实践，"
            return "" if again else f"围绕{found.group(2)}，"
        if _LABEL_DOING.match(label):
            return f"{label}，"
        return f"在{label}中，" if _WORK_NOUN.search(label) else f"在{label}工作中，"

    return _JOTTED.sub(written, facts)


def _drop_symbols(text: str) -> str:
    return "".join(ch for ch in text if not _is_emoji(ch))


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return (
        code >= 0x1F000
        or 0x2600 <= code <= 0x27BF
        or ch in "\ufe0f\u200d\u20e3"
        or unicodedata.category(ch) in ("Cs", "Co", "Cn")
    )


def _is_chinese(text: str) -> bool:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text) >= len(text) / 3


def _protect(text: str) -> tuple[list[str], str]:
    """Replace quoted names with markers so no rule can touch them."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group())
        return f"\x00{len(kept) - 1}\x00"

    return kept, _QUOTED.sub(keep, text)


def _restore(kept: list[str], text: str) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def facts(text: str) -> list[str]:
    """The facts of `text` a draft must carry unchanged: numbers, counts, names, placeholders."""
    found = [m.group().strip() for m in _NUMBER.finditer(text)]
    found += [m.group() for m in _CN_COUNT.finditer(text)]
    found += [m.group() for m in _QUOTED.finditer(text)]
    found += [m.group() for m in PLACEHOLDER.finditer(text)]
    return found


# A list marker starts a line or follows a sentence end, and is not the start
# of a number or date: 3.5日, 12.4宪法日, 5、6月份 and 一、二季度 are not markers.
_LIST_MARKER = re.compile(
    r"(?:^|(?<=[\s。；;！!？?]))(?:\d{1,2}[.．、)）](?![\d.．])|[（(]\d{1,2}[)）]|"
    r"[一二三四五六七八九十]{1,3}[、.．](?![一二三四五六七八九十\d])|"
    r"[（(][一二三四五六七八九十]{1,3}[)）]|[①②③④⑤⑥⑦⑧⑨⑩]|[-*•·]\s)"
)


def split_items(text: str) -> list[str]:
    """A pasted list as separate entries: one per line, or split at 1. / 一、 / （1） / ；.

    Semicolons inside quotes or brackets do not split (开展“学思想；强党性”活动).
    """
    entries: list[str] = []
    for raw in text.replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        for part in _LIST_MARKER.split(line):
            entries.extend(p.strip() for p in split_semicolons(part) if p.strip(" 。，,"))
    return [e for e in entries if re.search(r"[\w\u4e00-\u9fff]", e)]


# A bare noun phrase the writer typed ("端午包粽子活动") becomes a whole sentence; a phrase
# with a verb anywhere in it (清明节带幼儿到烈士陵园开展…活动) is one already.
_BARE_ENDS = ("活动", "比赛", "竞赛", "培训", "讲座", "仪式", "展览", "晚会", "运动会", "健步走")
# Work a writer names before saying what was done in it (网格化管理，…; 垃圾分类，…).
_PURSUED = {
    "管理": "推进",
    "分类": "推进",
    "改革": "推进",
    "冬训": "开展",
    "整顿": "开展",
    "整治": "开展",
    "治理": "开展",
    "行动": "开展",
    "防控": "抓好",
}
_MEETINGS = ("会议", "大会", "座谈会", "推进会", "部署会", "研讨会", "报告会", "分享会")
_VERB_START = re.compile(
    r"^(?:\d|[一二三四五六七八九十]+[月日]|年|上半年|下半年|全年|本季度|今年|春节|节前|"
    r".*?(?:开展|组织|举办|举行|召开|参加|参与|完成|落实|推进|建立|制定|签订|发放|"
    r"走访|慰问|观看|参观|学习|讲|上|评选|选树|发展|接收|成立|打造|推出|实行|实施|坚持|"
    r"深化|加强|强化|做好|抓好|带头|带领|联合|邀请|协调|收集|调解|办理|发布|刊发|报送|转正|严格|规范|"
    r"推行|推动|开通|建成|新建|完善|创建|依法|查处|处置|打击|"
    r"办|搞|带))"
)


def sentence_of(text: str) -> str:
    """A written sentence from what the writer typed: a bare noun phrase gets its verb,
    as does a short one that opens it (网格化管理，划分网格12个)."""
    body = text.removesuffix("。")
    first, comma, _ = body.partition("，")
    if len(first) <= 10 and not _VERB_START.match(first):
        if not comma and first.endswith(_MEETINGS):
            return f"召开{body}。"
        if first.endswith(_BARE_ENDS) and (not comma or len(first) >= 4):
            return f"开展{body}。"
        verb = next((v for end, v in _PURSUED.items() if first.endswith(end)), None)
        if comma and verb:
            # Not 开展…，开展…: the next clause's verb is not said twice in a row.
            rest = body[len(first) + 1 :]
            verb = "推进" if rest.startswith(verb) and verb != "推进" else verb
            return f"{verb}{body}。"
    return text
