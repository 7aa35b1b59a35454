"""The writer's own words: light formalisation (口语 → 书面语) that never touches facts,
splitting a pasted list into activities, and finding the facts a text states.

Facts are numbers (Arabic or Chinese with a measure word), dates, quoted and
titled names (“…”, 《…》) and placeholders the writer left (XX). Formalising
only rewrites colloquial function words around them.
"""

from __future__ import annotations

import re
import unicodedata

from phrasebank.corpus import clean_line
from phrasebank.terms import load_terms

# Characters that form a word with a following 开 (召开, 公开, 展开, 离开 …):
# after them 开了 is that word, not colloquial "held".
_OPEN_WORDS = "召公展离打揭敞放盛张分避拉隔散铺摊撇"

# Colloquial → written. Each pattern only rewrites function words: a count
# after them (一个月, 一次) stays, and quoted text is never touched. The
# formal form is what the corpus writes.
_FORMAL: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"^(?:我们|咱们|俺们|咱)(?:这边|局里)?", ""),
        (r"(?:搞|弄)了个(?![月天周年])", "开展"),
        (r"(?:搞|弄)了", "开展"),
        (rf"(?<![{_OPEN_WORDS}])开了个(?![月天周年])", "召开"),
        (rf"(?<![{_OPEN_WORDS}])开了", "召开"),
        (r"一共|总共|总计", "共"),
        (r"大伙儿?|大家伙儿?", "大家"),
        (r"挺好|蛮好|很不错|不错", "良好"),
        (
            r"(召开|开展|组织|举办|参加|学习|进行|完成|签订|观看|参观|慰问|走访|发放|制定|印发|成立|"
            r"评选|表彰|收看|传达|部署|落实|选派|发展|接收|谈话|签署|捐赠|看望|解决|帮助|提升|推动|实现|"
            r"取得|获得|评出|选出|举行|邀请|开通|上线|印制|编印|撰写|报送|整改|检查|排查|推出|打造|建立|"
            r"办|讲|上|听|看|送|做|签|发|评|建|选|学|读|写|抄)"
            r"了(?!解|结|却)",
            r"\1",
        ),
        (r"(?:了|啦|呢|哈|吧|哦|噢|呀|嘛|喔)+(?=[。！？!?，,]*$)", ""),
        (r"[!！?？~～]+$", ""),
    )
)
_SPACES = re.compile(r"[ \t\u3000]+")

# Facts the draft must keep verbatim.
_NUMBER = re.compile(r"\d+(?:[.:：]\d+)*(?:\s?[%％])?")
_CN_COUNT = re.compile(
    r"[一二两三四五六七八九十百千万]+(?:名|人|位|次|场|个|项|期|篇|件|户|家|批|轮|天)"
)
_QUOTED = re.compile(r"“[^“”]+”|《[^《》]+》|「[^「」]+」|‘[^‘’]+’")
# What a writer (or the draft) leaves to be filled in: XX, XXXX, ××.
PLACEHOLDER = re.compile(r"X{2,}|×{2,}")


_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)


def sanitize(text: str) -> str:
    """What a writer typed, without terminal escapes, control or invisible characters."""
    return _INVISIBLE.sub("", _ANSI.sub("", text))


def formalise(text: str) -> str:
    """Written form of a colloquial activity, problem or plan; facts stay as typed.

    Punctuation becomes full width, emoji and control characters go, and the
    text ends with a full stop.
    """
    text = clean_line(_drop_symbols(sanitize(text)), load_terms())
    text = _SPACES.sub("", text) if _is_chinese(text) else _SPACES.sub(" ", text)
    protected, text = _protect(text)
    for pattern, replacement in _FORMAL:
        text = pattern.sub(replacement, text)
    text = _restore(protected, text).strip("，、；：。 ")
    if not text:
        return ""
    return text if text.endswith("。") else f"{text}。"


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
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")"}


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
            entries.extend(p.strip() for p in _split_semicolons(part) if p.strip(" 。，,"))
    return [e for e in entries if re.search(r"[\w\u4e00-\u9fff]", e)]


def _split_semicolons(text: str) -> list[str]:
    parts: list[str] = []
    closers: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            closers.append(_PAIRS[ch])
        elif closers and ch == closers[-1]:
            closers.pop()
        elif ch in "；;" and not closers:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts
