"""Renderers: plain text, Markdown, explanation, and Telegram-sized chunks."""

from __future__ import annotations

import pytest

from bot.writer.render import TELEGRAM_LIMIT, chunks, to_markdown, to_text, todo_text
from bot.writer.report import Block, Item, Report, Section, Sentence, layout


def _report() -> Report:
    s = Sentence
    work = Section(
        "work",
        s("主要工作及成效"),
        (),
        (
            Block(
                s("加强政治建设"),
                (),
                (Item((s("压实责任。"), s("召开会议3次。"))), Item((s("开展学习。"),))),
            ),
            Block(s("加强组织建设"), (), (Item((s("规范支部建设。"), s("开展主题党日。"))),)),
        ),
    )
    problems = Section(
        "problems",
        s("存在问题"),
        (s("还存在一些不足："),),
        (Block(None, (), (Item((s("学习不深。"),)),)),),
    )
    return Report(
        s("某局2026年党建工作总结"),
        (s("2026年，某局认真履职。"), s("现将有关情况报告如下：")),
        (work, problems),
        (),
        (s("某局党组"), s("XXXX年XX月XX日")),
        ("落款日期",),
    )


def test_layout_numbers_every_level() -> None:
    texts = [p.text for p in layout(_report())]
    assert texts == [
        "某局2026年党建工作总结",
        "2026年，某局认真履职。现将有关情况报告如下：",
        "一、主要工作及成效",
        "（一）加强政治建设",
        "一是压实责任。召开会议3次。",
        "二是开展学习。",
        "（二）加强组织建设",
        "规范支部建设。开展主题党日。",
        "二、存在问题",
        "还存在一些不足：",
        "学习不深。",  # one problem alone: no 一是 without a 二是
        "某局党组",
        "XXXX年XX月XX日",
    ]


def test_text_indents_body_like_gongwen_and_lists_todo() -> None:
    text = to_text(_report())
    assert text.splitlines()[0] == "某局2026年党建工作总结"
    assert "\u3000\u3000一是压实责任。" in text
    assert "待补充" in todo_text(_report()) and "1. 落款日期" in todo_text(_report())


def test_markdown_headings_and_escapes() -> None:
    report = _report()
    md = to_markdown(report)
    assert md.startswith("# 某局2026年党建工作总结")
    assert "## 一、主要工作及成效" in md and "### （一）加强政治建设" in md
    assert "**待补充**" in md


def test_chunks_never_exceed_the_limit_and_split_at_paragraphs() -> None:
    paragraphs = [f"第{i}段。" + "内容" * 300 + "。" for i in range(30)]
    text = "\n".join(paragraphs)
    messages = chunks(text)
    assert all(len(m) <= TELEGRAM_LIMIT for m in messages)
    assert "\n".join(messages) == text
    for message in messages:
        assert all(line in paragraphs for line in message.split("\n"))


def test_a_paragraph_longer_than_a_message_is_cut_between_sentences() -> None:
    sentence = "这是一句话，" * 40 + "到此为止。"
    paragraph = sentence * 30
    messages = chunks(paragraph)
    assert all(len(m) <= TELEGRAM_LIMIT for m in messages)
    assert "".join(m.replace("\n", "") for m in messages) == paragraph
    assert all(m.endswith("。") for m in messages)


@pytest.mark.parametrize("size", [1, 100, 4096, 4097, 10000])
def test_unbroken_text_is_cut_hard_only_when_it_must(size: int) -> None:
    text = "字" * size
    messages = chunks(text)
    assert "".join(messages) == text
    assert all(len(m) <= TELEGRAM_LIMIT for m in messages)
