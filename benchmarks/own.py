#!/usr/bin/env python3
"""Importing an organisation's own reports, and drafting with its bank.

Prints (asserts nothing):
- the time to import one 30-page report (.docx, about 21,000 characters: the five
  seeds in one document) into an organisation with nothing imported yet: the first
  import of the process and later ones (jieba's dictionary, loaded once per process
  and cached in the data directory, is timed on its own);
- the time of the 20th import, when 19 reports are already there (every import
  mines the organisation's reports together, so that terms quoted in two of them
  are generic);
- with 20 imported reports: the time to build the organisation's composer (load its
  bank, layer it over the bundled one, index it) and to compose the tax answers
  file, against the bundled bank alone.

The 20 reports are the seeds with a few words varied per copy, so they are 20
different files that mine into overlapping phrases, as one unit's reports do.

Run: .venv/bin/python benchmarks/own.py
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

import docx

from bot.chat.organisations import Organisations
from bot.writer import answers
from bot.writer.compose import Composer
from phrasebank import tokens
from phrasebank.build import build, bundled_corpus
from phrasebank.own import Library

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "tests" / "data" / "answers" / "tax_quarter_summary.toml"
PAGE_CHARACTERS = 700
VARIATIONS = [
    ("加强", "强化"),
    ("推进", "推动"),
    ("深入", "扎实"),
    ("持续", "不断"),
    ("全面", "全力"),
]


def docx_bytes(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seed_lines() -> list[list[str]]:
    return [p.read_text("utf-8").splitlines() for p in sorted(bundled_corpus().glob("*.txt"))]


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    seeds = seed_lines()
    big = [line for lines in seeds for line in lines]
    characters = sum(len(line) for line in big)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tokens.use_cache(folder)
        report = folder / "30页报告.docx"
        report.write_bytes(docx_bytes(big))
        print(f"30-page report: {characters} characters (~{characters // PAGE_CHARACTERS} pages)")
        # jieba's dictionary loads once per process (the bot loads it before any import).
        loading = timed(tokens.tokenizer)
        print(f"jieba dictionary, once per process: {loading:.2f} s")
        cold = timed(lambda: Library(folder / "data", "cold").add([(report, report.name)]))
        warm = [
            timed(lambda i=i: Library(folder / "data", f"warm{i}").add([(report, report.name)]))
            for i in range(3)
        ]
        median = statistics.median(warm)
        print(f"import into an empty organisation: first {cold:.2f} s, then {median:.2f} s")

        library = Library(folder / "data", "twenty")
        files = []
        for index in range(20):
            lines = seeds[index % len(seeds)]
            old, new = VARIATIONS[index // len(seeds)]
            varied = [
                line.replace(old, new) if i % 2 == index % 2 else line
                for i, line in enumerate(lines)
            ]
            path = folder / f"报告{index + 1:02d}.docx"
            path.write_bytes(docx_bytes(varied))
            files.append(path)
        library.add([(p, p.name) for p in files[:19]])
        start = time.perf_counter()
        last = library.add([(files[19], files[19].name)])
        twentieth = time.perf_counter() - start
        assert last.documents, last.skipped
        bank = library.bank()
        assert bank is not None
        print(f"20th import (19 already there): {twentieth:.2f} s; own bank {len(bank)} phrases")

        bundled = build([bundled_corpus()]).bank
        organisations = Organisations(folder / "data", bundled, {"bench:1": "twenty"})
        start = time.perf_counter()
        composer = organisations.composer("bench:1")
        built = time.perf_counter() - start
        loaded = answers.load(ANSWERS)
        composer.compose(loaded)
        own_times = [timed(lambda: composer.compose(loaded)) for _ in range(5)]
        base = Composer(bundled)
        base.compose(loaded)
        base_times = [timed(lambda: base.compose(loaded)) for _ in range(5)]
        own_ms = statistics.median(own_times) * 1000
        base_ms = statistics.median(base_times) * 1000
        print(
            f"with 20 imported reports ({len(composer.bank)} phrases layered): composer built "
            f"in {built:.2f} s, a draft in {own_ms:.0f} ms "
            f"(bundled bank alone, {len(bundled)} phrases: {base_ms:.0f} ms)"
        )


if __name__ == "__main__":
    main()
