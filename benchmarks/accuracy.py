#!/usr/bin/env python3
"""Classifier accuracy: on the labelled chat-style activities (tests/data/activities.toml,
which the theme lexicon was tuned on), on a held-out set written afterwards and never tuned
on (tests/data/activities_holdout.toml), and leave-one-document-out on the seeds'
hand-labelled work items (tests/data/seed_items.toml).

Run: .venv/bin/python benchmarks/accuracy.py [--misses]
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

from phrasebank import corpus
from phrasebank.build import bundled_corpus
from phrasebank.evaluation import Labelled, accuracy, leave_one_out
from phrasebank.matching import Matcher
from phrasebank.mining import mine

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list every misclassified text")
    args = parser.parse_args()

    documents = [corpus.load(p) for p in sorted(bundled_corpus().glob("*.txt"))]
    matcher = Matcher(mine(documents))
    for name, label in (
        ("activities.toml", "labelled activities"),
        ("activities_holdout.toml", "held-out activities"),
    ):
        labelled = tomllib.loads((DATA / name).read_text("utf-8"))["activity"]
        score = accuracy(matcher, [Labelled(a["text"], a["theme"]) for a in labelled])
        print(f"{label}: {score.correct}/{score.total} = {score.accuracy:.1%}")
        if args.misses:
            for text, expected, got in score.misses:
                print(f"  {expected:>14} → {got:<14} {text}")

    seeds = tomllib.loads((DATA / "seed_items.toml").read_text("utf-8"))["item"]
    labels = [(s["document"], s["starts"], s["theme"]) for s in seeds]
    scores = leave_one_out(documents, labels)
    total = sum(s.total for s in scores.values())
    correct = sum(s.correct for s in scores.values())
    print(f"\nleave-one-document-out: {correct}/{total} = {correct / total:.1%}")
    for name, part in scores.items():
        print(f"  held out {name}: {part.correct}/{part.total} = {part.accuracy:.1%}")
        if args.misses:
            for text, expected, got in part.misses:
                print(f"      {expected:>14} → {got:<14} {text[:50]}")


if __name__ == "__main__":
    main()
