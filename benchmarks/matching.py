#!/usr/bin/env python3
"""Matching and composing speed, on a bank of the seeds' size and on a synthetic bank of
100,000 phrases built from the seeds, against a plain full scan with
``rapidfuzz.process.extract`` over every phrase, in the same run.

One activity = classify it, then rank its leads and effect clauses (what a draft
does per activity). Prints figures; asserts nothing.

Run: .venv/bin/python benchmarks/matching.py [--size N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tomllib
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.writer import answers
from bot.writer.compose import Composer
from phrasebank import corpus, tokens
from phrasebank.bank import Bank
from phrasebank.build import bundled_corpus
from phrasebank.matching import Matcher
from phrasebank.mining import mine
from phrasebank.phrase import Kind, Phrase, phrase_id

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

# Rewrites that keep a phrase plausible while making it a different string.
SWAPS = [
    ("加强", "强化"),
    ("推进", "推动"),
    ("深入", "扎实"),
    ("不断", "持续"),
    ("全面", "切实"),
    ("提升", "提高"),
    ("党员", "党员干部"),
    ("落实", "贯彻落实"),
    ("建设", "建设工作"),
    ("开展", "组织开展"),
    ("进一步", "更好地"),
    ("工作", "各项工作"),
    ("机制", "制度机制"),
    ("氛围", "良好氛围"),
]
PREFIXES = ["扎实", "认真", "持续", "着力", "切实", "积极", "稳步", "大力", "坚持", "深入"]


def synthetic(bank: Bank, size: int, seed: int = 7) -> Bank:
    """`size` distinct phrases grown from the seed bank's, keeping kinds and themes."""
    rng = random.Random(seed)
    base = list(bank.phrases)
    by_group: dict[tuple[Kind, str | None], list[Phrase]] = {}
    for phrase in base:
        by_group.setdefault((phrase.kind, phrase.theme), []).append(phrase)
    seen = {p.template for p in base}
    out = list(base)
    while len(out) < size:
        phrase = rng.choice(base)
        text = phrase.text
        for old, new in rng.sample(SWAPS, 3):
            if old in text and rng.random() < 0.6:
                text = text.replace(old, new, 1)
        if rng.random() < 0.5:
            text = rng.choice(PREFIXES) + text
        if rng.random() < 0.3:
            other = rng.choice(by_group[(phrase.kind, phrase.theme)])
            text = f"{text.rstrip('。')}，{other.text.rstrip('。')}"
        if text in seen:
            continue
        seen.add(text)
        out.append(
            replace(
                phrase,
                id=phrase_id(phrase.kind, text),
                text=text,
                template=text,
                slots=(),
                parent=None,
                keys=tuple(tokens.keys(text, bank.dictionary)),
            )
        )
    return Bank(tuple(out), bank.documents, bank.dictionary)


def per_activity(matcher: Matcher, texts: list[str]) -> list[float]:
    times = []
    for text in texts:
        start = time.perf_counter()
        result = matcher.classify(text)
        matcher.best(Kind.LEAD, result.theme, text, 5)
        matcher.best(Kind.EFFECT, result.theme, text, 3)
        times.append((time.perf_counter() - start) * 1000)
    return times


def full_scan(bank: Bank, texts: list[str]) -> list[float]:
    choices = [p.text for p in bank]
    times = []
    for text in texts:
        start = time.perf_counter()
        process.extract(text, choices, scorer=fuzz.WRatio, limit=10)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    median, mean = statistics.median(times), statistics.mean(times)
    return f"median {median:6.2f} ms   mean {mean:6.2f} ms   p95 {p95:6.2f} ms"


def drafting(composer: Composer, draft: answers.Answers) -> list[float]:
    """Milliseconds to compose `draft`, five times after one warm-up."""
    composer.compose(draft)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        composer.compose(draft)
        runs.append((time.perf_counter() - start) * 1000)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()

    documents = [corpus.load(p) for p in sorted(bundled_corpus().glob("*.txt"))]
    small = mine(documents)
    texts = [
        a["text"] for a in tomllib.loads((DATA / "activities.toml").read_text("utf-8"))["activity"]
    ]
    start = time.perf_counter()
    large = synthetic(small, args.size)
    print(f"synthetic bank: {len(large)} phrases built in {time.perf_counter() - start:.1f} s")
    draft = answers.load(DATA / "answers" / "tax_quarter_summary.toml")

    for label, bank in (("seed bank", small), (f"{len(large)}-phrase bank", large)):
        start = time.perf_counter()
        matcher = Matcher(bank)
        built = time.perf_counter() - start
        per_activity(matcher, texts[:5])  # warm the lexicon caches and lazy indexes
        print(f"\n{label} ({len(bank)} phrases), index built in {built * 1000:.0f} ms")
        ours = summary(per_activity(matcher, texts))
        print(f"  one activity, zongjie (classify + leads + effects): {ours}")
        # A full scan of 100,000 phrases takes seconds: 20 activities tell enough.
        scan = summary(full_scan(bank, texts[:20]))
        print(f"  one activity, full rapidfuzz.process.extract scan:  {scan}")
        composer = Composer(bank, matcher)
        activities = len(draft.activities)
        print(f"  whole draft ({activities} activities): {summary(drafting(composer, draft))}")
        # A writer at the limit: 60 activities, typed ones repeated with their numbers changed.
        sixty = replace(
            draft,
            activities=tuple(
                answers.Activity(f"{texts[i % len(texts)]}（第{i + 1}批）") for i in range(60)
            ),
        )
        print(f"  whole draft (60 activities): {summary(drafting(composer, sixty))}")

    print("\nitems of the answers files (seed bank): with a lead, with an effect clause")
    composer = Composer(small)
    for path in sorted((DATA / "answers").glob("*.toml")):
        composition = composer.compose(answers.load(path))
        items = [
            item for block in composition.report.section("work").blocks for item in block.items
        ]
        led = sum(len(item.sentences) > 1 for item in items)
        effect = sum(
            any(not s.startswith("activity:") for s in item.sentences[-1].sources) for item in items
        )
        print(
            f"  {path.stem:<34} {len(items):>3} items   lead {led / len(items):5.0%}"
            f"   effect {effect / len(items):5.0%}"
        )


if __name__ == "__main__":
    main()
