#!/usr/bin/env python3
"""Classifier accuracy: themes and sub-topics of the labelled examples
(bot/writer/data/examples.toml, written without looking at the lexicon) and of
tests/data/subtopics_holdout.toml (written the same way and never tuned on), and
on the labelled chat-style activities (tests/data/activities.toml,
which the theme lexicon was tuned on), on a held-out set written afterwards and never tuned
on (tests/data/activities_holdout.toml), and leave-one-document-out on the seeds'
hand-labelled work items (tests/data/seed_items.toml).

Run: .venv/bin/python benchmarks/accuracy.py [--misses]
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

from bot.writer.answers import Activity
from bot.writer.compose import Composer
from bot.writer.examples import Example, Examples, load_examples
from bot.writer.wording import formalise
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

    subtopics(Composer(matcher.bank, matcher), args.misses)

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


def subtopics(composer: Composer, misses: bool) -> None:
    """Theme and sub-topic as the draft files them: on the labelled examples (each left out
    of the nearest-example lookup while it is filed) and on the held-out set."""
    examples = load_examples()
    held = tomllib.loads((DATA / "subtopics_holdout.toml").read_text("utf-8"))["activity"]
    print("\nthemes and sub-topics as the draft files them:")
    held_out = [Example(e["text"], e["theme"], e["subtopic"]) for e in held]
    parts = (
        ("tuning examples (bot/writer/data/examples.toml)", list(examples.all), True),
        ("held out, never tuned on (subtopics_holdout.toml)", held_out, False),
    )
    for name, part, leave_out in parts:
        themes = subs = 0
        wrong = []
        for entry in part:
            if leave_out:
                composer.examples = Examples(tuple(e for e in examples.all if e is not entry))
            text = formalise(entry.text)
            classification = composer.classify(Activity(entry.text))
            found = composer.subtopic(text, None if classification.low else classification.theme)
            themes += classification.theme == entry.theme
            subs += found is not None and found.id == entry.subtopic
            if found is None or found.id != entry.subtopic:
                wrong.append((entry.subtopic, found.id if found else "—", entry.text))
        composer.examples = examples
        print(f"  {name}: {len(part)} activities")
        print(f"      theme {themes / len(part):.1%}   sub-topic {subs / len(part):.1%}")
        if misses and leave_out:
            for expected, got, text in wrong:
                print(f"      {expected:>24} → {got:<24} {text}")


if __name__ == "__main__":
    main()
