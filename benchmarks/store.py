#!/usr/bin/env python3
"""The conversation store's cost per step with 10, 100, 1,000 and 10,000 stored conversations.

One step = Engine.handle for one writer picked at random among the stored ones:
recording one activity (read the record, classify, lock, re-check, write it
atomically with fsync), then /undo of it, so every record keeps its size however
few writers share the steps. The stored writers each hold a conversation with a
dozen activities and a full undo history, as a writer half-way through has.
The step must cost the same whatever the number of writers: the 10,000 figure
within twice the 10 figure. Prints figures; asserts nothing.

Run: .venv/bin/python benchmarks/store.py [--steps N] [--sizes 10,100,...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bot.chat.conversation import Conversation, Entry
from bot.chat.dialogue import Engine
from bot.chat.sessions import ConversationStore, file_name
from bot.chat.states import Event, State
from bot.writer.compose import Composer
from phrasebank.build import build, bundled_corpus

TODAY = dt.date(2026, 11, 21)
ENTRIES = 12


def writer(index: int) -> Conversation:
    entries = tuple(
        Entry(
            key=k,
            text=f"第{index}号单位组织党员开展第{k}次集中学习，{k + 20}人参加",
            theme="theory",
            confidence=0.9,
        )
        for k in range(1, ENTRIES + 1)
    )
    base = Conversation(
        user=f"bench:{index}",
        state=State.ACTIVITIES,
        unit=f"第{index}号单位交通运输局",
        period="2026年第三季度",
        genre="summary",
        entries=entries,
        next_key=ENTRIES + 1,
    )
    # The last ten activities were recorded one step each: ten undo snapshots.
    for count in range(ENTRIES - 10, ENTRIES + 1):
        base = replace(base.remembered() if count > ENTRIES - 10 else base, entries=entries[:count])
    return base


def populate(store: ConversationStore, count: int) -> None:
    """Write `count` records; the first one through the store, the rest copied (no fsync)."""
    store.write(writer(0), "第0号单位交通运输局", 1)
    assert store.folder is not None
    template = (store.folder / f"{file_name('bench:0')}.json").read_text("utf-8")
    for index in range(1, count):
        text = template.replace("bench:0", f"bench:{index}").replace("第0号", f"第{index}号")
        (store.folder / f"{file_name(f'bench:{index}')}.json").write_text(text, "utf-8")


def per_step(engine: Engine, count: int, steps: int, rng: random.Random) -> list[float]:
    times = []
    for step in range(steps):
        user = f"bench:{rng.randrange(count)}"
        activity = f"开展第{step}次主题党日活动，{step % 90 + 10}名党员参加"
        for text in (activity, "/undo"):
            started = time.perf_counter()
            engine.handle(user, Event.from_text(text))
            times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--sizes", default="10,100,1000,10000")
    args = parser.parse_args()
    composer = Composer(build([bundled_corpus()]).bank)
    rng = random.Random(8)
    results: dict[int, float] = {}
    print(f"{'writers':>8}  {'median ms':>9}  {'p90 ms':>7}  {'mean ms':>8}")
    for count in (int(size) for size in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            store = ConversationStore(Path(folder))
            populate(store, count)
            engine = Engine(composer, store, lambda: TODAY)
            per_step(engine, count, 20, rng)  # warm up: jieba, the matcher's caches
            times = sorted(per_step(engine, count, args.steps, rng))
            median = statistics.median(times) * 1000
            results[count] = median
            p90 = times[int(len(times) * 0.9)] * 1000
            mean = statistics.fmean(times) * 1000
            print(f"{count:>8}  {median:>9.2f}  {p90:>7.2f}  {mean:>8.2f}")
    smallest, largest = min(results), max(results)
    ratio = results[largest] / results[smallest]
    print(f"\n{largest} writers / {smallest} writers, median per step: {ratio:.2f}×")


if __name__ == "__main__":
    main()
