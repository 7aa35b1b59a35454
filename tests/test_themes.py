"""The theme lexicon: what a writer's activity is recognised as."""

from __future__ import annotations

import pytest

from phrasebank.themes import THEME_IDS, load_lexicon


def test_the_lexicon_has_the_nine_themes_in_order() -> None:
    assert load_lexicon().ids == THEME_IDS


@pytest.mark.parametrize(
    ("activity", "theme"),
    [
        ("召开民主生活会", "politics"),
        ("开展党委理论学习中心组学习", "theory"),
        ("召开全面从严治党工作会议", "responsibility"),
        ("召开三会一课，开展主题党日", "organization"),
        ("开展廉政谈话和警示教育", "integrity"),
        ("加强网络舆情管理", "ideology"),
        ("设立党员先锋岗", "integration"),
        ("组织年轻干部轮岗交流", "cadres"),
        ("组织志愿服务活动", "culture"),
    ],
)
def test_typical_activities_get_their_theme(activity: str, theme: str) -> None:
    assert load_lexicon().decide(activity) == theme


def test_the_longest_keyword_wins() -> None:
    """Regression: 党员先锋岗 counted once for its own theme, not again as 党员."""
    scores = load_lexicon().scores("设立党员先锋岗")
    assert max(scores, key=lambda t: scores[t]) == "integration"


def test_text_without_keywords_has_no_theme() -> None:
    assert load_lexicon().decide("今天天气晴朗") is None


@pytest.mark.parametrize("theme", THEME_IDS)
def test_every_theme_has_a_label_and_strong_keywords(theme: str) -> None:
    entry = load_lexicon()[theme]
    assert entry.label and entry.strong


@pytest.mark.parametrize(
    ("phrase", "fact", "entailed"),
    [
        ("进行廉政家访", "开展廉政谈话", False),
        ("强化廉政教育", "开展廉政家访", True),
    ],
)
def test_a_phrase_claims_nothing_the_fact_does_not_say(
    phrase: str, fact: str, entailed: bool
) -> None:
    assert load_lexicon().entailed(phrase, "integrity", fact) is entailed
