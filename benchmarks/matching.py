#!/usr/bin/env python3
"""Matching and composing speed, on a bank of the seeds' size and on a synthetic bank of
100,000 phrases built from the seeds, against a plain full scan with
``rapidfuzz.process.extract`` over every phrase, in the same run.

One activity = classify it, then rank its leads and effect clauses (what a draft
does per activity). Then the bank at scale: for synthetic banks of 10,000,
100,000 and 300,000 phrases saved to disk, each in a fresh process: the load
time and peak memory from the bank file alone (its cache removed) and with its
cache, the first and later drafts after loading, and classify per activity.
Prints figures; asserts nothing.

Run: .venv/bin/python benchmarks/matching.py [--size N] [--scale 10000,100000,300000]
Synthetic banks are kept in --folder (default: a folder in the system's temp
directory) and reused by later runs.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
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
from phrasebank.store import save_bank

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
    tokens.tokenizer(bank.dictionary)  # the domain terms, added once
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
        while text in seen:
            # A common variant (a large bank meets them often): lengthen it with another
            # phrase of its kind and theme, rather than draw again and again.
            other = rng.choice(by_group[(phrase.kind, phrase.theme)])
            text = f"{text.rstrip('。')}，{other.text.rstrip('。')}"
        seen.add(text)
        out.append(
            replace(
                phrase,
                id=phrase_id(phrase.kind, text),
                text=text,
                template=text,
                slots=(),
                parent=None,
                keys=tuple(tokens.keys(text)),
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


# Run in a fresh interpreter per figure, so that each starts from nothing.
# Peak memory is the process' VmHWM: ru_maxrss would carry over this parent's
# own peak through fork and exec.
LOADING = """
import sys, time
from pathlib import Path
from phrasebank.store import load_bank
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
before = peak()
start = time.perf_counter()
bank = load_bank(Path(sys.argv[1]))
seconds = time.perf_counter() - start
print(seconds, peak(), peak() - before, len(bank))
"""

DRAFTING = """
import json, statistics, sys, time, tomllib
from pathlib import Path
from phrasebank import tokens
from phrasebank.store import load_bank
from bot.writer import answers
from bot.writer.compose import Composer
tokens.tokenizer()  # jieba's own dictionary: the same for any bank, outside the timings
draft = answers.load(Path(sys.argv[2]))
texts = [a["text"] for a in tomllib.loads(Path(sys.argv[3]).read_text("utf-8"))["activity"]]
start = time.perf_counter()
bank = load_bank(Path(sys.argv[1]))
loaded = time.perf_counter()
composer = Composer(bank)
composer.compose(draft)
first = time.perf_counter() - loaded
later = []
for _ in range(3):
    start = time.perf_counter()
    composer.compose(draft)
    later.append(time.perf_counter() - start)
classify = []
for text in texts * 3:
    start = time.perf_counter()
    composer.matcher.classify(text)
    classify.append((time.perf_counter() - start) * 1000)
classify.sort()
p95 = classify[int(len(classify) * 0.95) - 1]
print(json.dumps({
    "first": first,
    "later": statistics.median(later),
    "classify_median": statistics.median(classify),
    "classify_p95": p95,
}))
"""


def fresh(script: str, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
    )
    return out.stdout.strip().splitlines()[-1]


def synthetic_file(small: Bank, size: int, folder: Path) -> Path:
    """A synthetic bank of `size` phrases saved in `folder`, made once and reused."""
    path = folder / f"synthetic-v2-{size}.json"
    if not path.exists():
        start = time.perf_counter()
        save_bank(synthetic(small, size), path)
        print(f"  (made {path.name} in {time.perf_counter() - start:.0f} s)")
    return path


def at_scale(small: Bank, sizes: list[int], folder: Path) -> None:
    print("\nthe bank at scale, each figure from a fresh process (jieba loaded outside timings)")
    print(
        f"{'phrases':>8} {'file MB':>8} {'load file s':>11} {'peak MB':>8}"
        f" {'load cache s':>12} {'peak MB':>8} {'1st draft ms':>12} {'later ms':>8}"
        f" {'classify p50/p95 ms':>19}"
    )
    draft = str(DATA / "answers" / "tax_quarter_summary.toml")
    activities = str(DATA / "activities.toml")
    for size in sizes:
        path = synthetic_file(small, size, folder)
        shutil.rmtree(path.with_name(f"{path.name}.cache"), ignore_errors=True)
        # Without a cache: the bank of record read as JSON (this also writes the cache).
        plain = fresh(LOADING, str(path)).split()
        fresh(DRAFTING, str(path), draft, activities)  # the indexes, drawn and kept once
        loads = [fresh(LOADING, str(path)).split() for _ in range(3)]
        cached = sorted(loads, key=lambda row: float(row[0]))[1]
        drafting = json.loads(fresh(DRAFTING, str(path), draft, activities))
        megabytes = path.stat().st_size / 1024 / 1024
        print(
            f"{size:>8} {megabytes:>8.0f} {float(plain[0]):>11.2f} {float(plain[1]):>8.0f}"
            f" {float(cached[0]):>12.2f} {float(cached[1]):>8.0f}"
            f" {drafting['first'] * 1000:>12.0f} {drafting['later'] * 1000:>8.0f}"
            f" {drafting['classify_median']:>9.2f} / {drafting['classify_p95']:.2f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--scale", default="10000,100000,300000")
    default = Path(tempfile.gettempdir()) / "zongjie-benchmark-banks"
    parser.add_argument("--folder", type=Path, default=default)
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

    args.folder.mkdir(parents=True, exist_ok=True)
    at_scale(small, [int(n) for n in args.scale.split(",") if n], args.folder)


if __name__ == "__main__":
    main()
