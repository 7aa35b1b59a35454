#!/usr/bin/env python3
"""Mining speed: the bundled corpus from a cold start; then distinct variant reports
(benchmarks/variants.py) at several corpus sizes, each against plain ``jieba.lcut``
over the same text in the same run; then the bank's save and load time.

Copies of the seeds would de-duplicate to the same 439 phrases and hide what a
larger corpus costs; the variants mine into phrases of their own. Mining whose
cost grows only with the text keeps the time per document flat as the corpus grows.

Times are CPU seconds of this process (time.process_time), so that other work
on the machine does not blur the comparison; the last column is wall-clock time
of the mining.

Run: .venv/bin/python benchmarks/mining.py [--documents 20,160,1280]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jieba

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.variants import write_variants
from phrasebank import corpus, tokens
from phrasebank.build import build, bundled_corpus
from phrasebank.store import load_bank, save_bank

COLD_START = """
import time
start = time.perf_counter()
from phrasebank.build import build, bundled_corpus
result = build([bundled_corpus()])
print(f"{time.perf_counter() - start:.3f} {len(result.bank)}")
"""


def cold_start() -> tuple[float, int]:
    """Mining the bundled corpus in a fresh interpreter, imports and jieba start-up included."""
    out = subprocess.run(
        [sys.executable, "-c", COLD_START], capture_output=True, text=True, check=True
    )
    seconds, phrases = out.stdout.split()
    return float(seconds), int(phrases)


def segmenting(paths: list[Path]) -> float:
    """Seconds plain jieba takes to segment the documents' cleaned text, line by line."""
    text = "\n".join(corpus.load(path).text for path in paths)
    plain = jieba.Tokenizer()
    plain.initialize()
    start = time.process_time()
    for line in text.splitlines():
        plain.lcut(line)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", default="20,160,1280")
    args = parser.parse_args()

    seconds, phrases = cold_start()
    print(
        f"bundled corpus, cold start (imports + jieba + mining): {seconds:.2f} s, {phrases} phrases"
    )
    tokens.tokenizer()  # jieba's dictionary, loaded once, outside every timing
    build([bundled_corpus()])  # the miner's data and regexes, also once (the cold start above)
    print(
        f"\n{'documents':>9} {'MB':>6} {'phrases':>8} {'mine s':>8} {'ms/doc':>7}"
        f" {'lcut s':>7} {'mine/lcut':>9} {'save s':>7} {'load s':>7} {'wall s':>7}"
    )
    per_document: dict[int, float] = {}
    for count in (int(n) for n in args.documents.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            paths = write_variants(folder, count)
            megabytes = sum(p.stat().st_size for p in paths) / 1024 / 1024
            start, wall = time.process_time(), time.perf_counter()
            bank = build([folder]).bank
            mining, wall = time.process_time() - start, time.perf_counter() - wall
            lcut = segmenting(paths)
            bank_path = Path(tmp) / "bank.json"
            start = time.perf_counter()
            save_bank(bank, bank_path)
            saving = time.perf_counter() - start
            start = time.perf_counter()
            load_bank(bank_path)
            loading = time.perf_counter() - start
        per_document[count] = mining / count * 1000
        print(
            f"{count:>9} {megabytes:>6.2f} {len(bank):>8} {mining:>8.2f}"
            f" {per_document[count]:>7.1f}"
            f" {lcut:>7.2f} {mining / lcut:>9.2f} {saving:>7.2f} {loading:>7.2f} {wall:>7.2f}",
            flush=True,
        )
    smallest, largest = min(per_document), max(per_document)
    ratio = per_document[largest] / per_document[smallest]
    print(f"\ntime per document, {largest} documents / {smallest} documents: {ratio:.2f}×")


if __name__ == "__main__":
    main()
