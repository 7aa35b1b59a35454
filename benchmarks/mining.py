#!/usr/bin/env python3
"""Mining speed: the bundled corpus from a cold start, and the corpus repeated to 5 MB
against plain ``jieba.lcut`` over the same text; then the bank's load time.

Run: .venv/bin/python benchmarks/mining.py [--megabytes N]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jieba

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


def repeated_corpus(folder: Path, megabytes: float) -> tuple[list[Path], int]:
    seeds = sorted(bundled_corpus().glob("*.txt"))
    files: list[Path] = []
    size = 0
    round_ = 0
    while size < megabytes * 1024 * 1024:
        for seed in seeds:
            target = folder / f"{round_:04d}_{seed.name}"
            shutil.copy(seed, target)
            files.append(target)
            size += target.stat().st_size
        round_ += 1
    return files, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=5.0)
    args = parser.parse_args()

    seconds, phrases = cold_start()
    print(
        f"bundled corpus, cold start (imports + jieba + mining): {seconds:.2f} s, {phrases} phrases"
    )

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files, size = repeated_corpus(folder, args.megabytes)
        mb = size / 1024 / 1024
        print(f"\nrepeated corpus: {len(files)} files, {mb:.2f} MB")

        tokens.tokenizer()  # jieba's dictionary, loaded once, outside both timings
        start = time.perf_counter()
        result = build([folder])
        mining = time.perf_counter() - start

        text = "\n".join(corpus.load(f).text for f in files)
        plain = jieba.Tokenizer()
        plain.initialize()
        start = time.perf_counter()
        for line in text.splitlines():
            plain.lcut(line)
        segmenting = time.perf_counter() - start

        rate = f"{mining:.2f} s = {mb / mining:.2f} MB/s"
        print(f"  zongjie mine (load, clean, parse, template, merge): {rate}")
        rate = f"{segmenting:.2f} s = {mb / segmenting:.2f} MB/s"
        print(f"  plain jieba.lcut over the same text:               {rate}")
        print(f"  ratio mine / jieba.lcut: {mining / segmenting:.2f}")
        print(f"  phrases after merging: {len(result.bank)}")

        bank_path = folder / "bank.json"
        save_bank(result.bank, bank_path)
        start = time.perf_counter()
        loaded = load_bank(bank_path)
        loading = time.perf_counter() - start
        kb = bank_path.stat().st_size / 1024
        print(f"\nbank load time: {loading * 1000:.1f} ms for {len(loaded)} phrases ({kb:.0f} KB)")


if __name__ == "__main__":
    main()
