"""Whole-text checks of a finished draft, shared by the writer's and the conversation's tests."""

from __future__ import annotations

import re
from collections import Counter

from bot.writer.answers import Answers
from bot.writer.fit import SET_PHRASES, UNSAID_FACILITIES
from bot.writer.wording import facts

from .conftest import load_data

FOREIGN = load_data("foreign.toml")
TAX_WORDS = ("税", "纳税", "征管")
PERIOD_WORDS = {"quarter": "本季度", "half": "半年", "year": "全年"}
NUMERALS = "一二三四五六七八九十"


def _chinese(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def writer_texts(answers: Answers) -> list[str]:
    return [
        answers.unit,
        answers.period.label,
        *(a.text for a in answers.activities),
        *answers.problems,
        *answers.plans,
    ]


def check_draft(text: str, answers: Answers) -> None:
    """Every property DESIGN.md asks of a good draft, over the whole text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    given = "".join(writer_texts(answers))

    # Structure: level-1 sections numbered 一、二、三、 in genre order.
    level1 = [line for line in lines if re.match(rf"^[{NUMERALS}]+、", line)]
    assert [line.split("、", 1)[0] for line in level1] == [
        _chinese(i) for i in range(1, len(level1) + 1)
    ]
    # A 述职 or 主体责任 report may set last year's rectification between work and problems.
    if len(level1) == 4:
        assert "整改情况" in level1[1], level1
        level1 = [level1[0], *level1[2:]]
    assert len(level1) == 3, level1
    assert "问题" in level1[1] and (
        "措施" in level1[2] or "打算" in level1[2] or "计划" in level1[2] or "建议" in level1[2]
    )

    # Level 2 and items: continuous within each section / list.
    expected_sub = 1
    expected_item = 1
    for line in lines:
        if re.match(rf"^[{NUMERALS}]+、", line):
            expected_sub, expected_item = 1, 1
        elif m := re.match(rf"^（([{NUMERALS}]+)）", line):
            assert m.group(1) == _chinese(expected_sub), line
            expected_sub += 1
            expected_item = 1
        elif m := re.match(rf"^([{NUMERALS}]+)是", line):
            assert m.group(1) == _chinese(expected_item), line
            expected_item += 1
        else:
            expected_item = 1

    # Facts: every number and name the writer typed is there, unchanged.
    for source in writer_texts(answers):
        for fact in facts(source):
            assert fact in text, (fact, source)
    # No number the writer did not give (去年 is written as the year before the period's).
    if "去年" in given:
        given += f"{answers.period.year - 1}年"
    for number in re.findall(r"\d+", text):
        assert number in given, number

    # Fit: nothing foreign, stale or of another trade unless the writer said it.
    for group in ("slogans", "places", "noise"):
        for word in FOREIGN[group]:
            assert word not in text or word in given, word
    for word in FOREIGN["stale"]:
        assert word not in text or word in given, word
    # No stock phrase claims a facility the writer did not name (党建文化走廊).
    for word in UNSAID_FACILITIES:
        assert word not in text or word in given, word
    # The source units' self-names never; the writer's own short forms (我局 for a 局) are welcome.
    own = answers.profile.self_name
    for word in ("区局", "市局", "县局", "我局", "总局", "省局"):
        assert word not in text or word in given or word == own, word
    if "税" not in answers.unit:
        for word in TAX_WORDS:
            assert word not in text or word in given, word
    for span, word in PERIOD_WORDS.items():
        if answers.period.span != span:
            assert text.count(word) == given.count(word), word

    # Style: no sentence twice, balanced quotes, no leftover slot markers.
    sentences = [s for s in re.split(r"(?<=[。！？：])", text.replace("\n", "")) if len(s) > 6]
    repeated = [s for s, n in Counter(sentences).items() if n > 1]
    assert repeated == [], repeated
    # A set phrase (向纵深发展) once, unless the writer said it again.
    body = text.split("待补充", maxsplit=1)[0]
    for phrase in SET_PHRASES:
        assert body.count(phrase) <= max(1, given.count(phrase)), phrase
    for opening, closing in ("“”", "《》", "（）", "‘’"):
        assert text.count(opening) == text.count(closing), opening
    assert not re.search(r"[{}〔〕]", text)
    if not answers.genre.first_person:
        plain = text.replace("我们", "").replace(answers.profile.self_name, "").replace("自我", "")
        assert ("本人" not in text and "我" not in plain) or "我" in given
