"""The labelled examples and the nearest-example fallback for activities naming no keyword."""

from __future__ import annotations

import tomllib
from pathlib import Path

from bot.writer.examples import Example, Examples, load_examples, pairs
from bot.writer.subtopics import load_subtopics

HOLDOUT = Path(__file__).parent / "data" / "subtopics_holdout.toml"


def test_every_example_names_a_real_sub_topic_of_its_theme() -> None:
    subtopics = load_subtopics()
    for example in load_examples().all:
        assert example.subtopic in subtopics, example
        assert subtopics[example.subtopic].theme == example.theme, example


def test_the_held_out_set_shares_no_activity_with_the_examples() -> None:
    held = {e["text"] for e in tomllib.loads(HOLDOUT.read_text("utf-8"))["activity"]}
    assert len(held) >= 100
    assert not held & {e.text for e in load_examples().all}


def test_counts_titles_and_generic_words_say_nothing_about_the_work() -> None:
    assert pairs("每季度公开一次") == pairs("每月公开两次") == {"公开"}
    assert pairs("组织党员观看《长津湖》") == {"观看"}


def test_an_activity_without_keywords_takes_the_sub_topic_of_alike_examples() -> None:
    examples = Examples(
        (
            Example("带党员去红旗渠参观学习", "organization", "party_day"),
            Example("组织党员到烈士陵园祭扫", "organization", "party_day"),
            Example("给困难老党员送去米面油", "culture", "condolence"),
        )
    )
    assert examples.nearest("清明节带支部党员去烈士陵园祭扫") == "party_day"
    assert examples.nearest("重阳节给困难老党员送去米面油") == "condolence"
    # Restricted to a theme the classifier is sure of, other themes' examples do not vote.
    assert examples.nearest("重阳节给困难老党员送去米面油", theme="organization") is None


def test_likeness_in_generic_words_alone_gives_no_sub_topic() -> None:
    examples = Examples((Example("支部大会每季度开一次", "organization", "three_meetings"),))
    assert examples.nearest("村务、财务每季度公开一次") is None
    assert examples.nearest("") is None
