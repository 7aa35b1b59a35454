"""Building a phrasebank from files on disk: load, mine, save; and the bundled default bank."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import corpus
from .bank import Bank
from .errors import PhrasebankError, SourceError
from .mining import MINER_VERSION, mine
from .store import load_bank, load_meta, save_bank

log = logging.getLogger(__name__)

MAX_TOTAL_BYTES = 50 * 1024 * 1024

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BuildResult:
    bank: Bank
    skipped: tuple[SourceError, ...]


def bundled_corpus() -> Path:
    """The corpus shipped with zongjie: inside the installed package, or seeds/ of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise PhrasebankError("找不到内置语料（seeds/），安装可能不完整；请重新安装 zongjie")


def fingerprint(paths: Iterable[Path]) -> str:
    """Changes when the corpus files, the miner's data files or `MINER_VERSION` change.

    The miner's code is not hashed: a change to it that changes what a bank
    holds bumps `MINER_VERSION`.
    """
    digest = hashlib.sha1(f"miner:{MINER_VERSION}".encode())
    data = resources.files("phrasebank.data")
    for entry in sorted(data.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build(
    paths: Iterable[Path],
    *,
    on_skip: Callable[[SourceError], None] | None = None,
    progress: Progress | None = None,
    stage: Callable[[str], None] | None = None,
) -> BuildResult:
    """Load every usable document under `paths` and mine them; unusable files are skipped.

    `progress` hears of each file as it is read, `stage` (a line of Chinese for
    the writer) of each document as it is mined and of the steps after that.
    """
    documents: list[corpus.Document] = []
    skipped: list[SourceError] = []
    files = list(corpus.iter_files(paths))
    total = sum(_size(item) for item in files if not isinstance(item, SourceError))
    if total > MAX_TOTAL_BYTES:
        # Checked before reading anything: three 19 MB files once took half a gigabyte.
        raise PhrasebankError(
            f"这些文档共 {total / 1024 / 1024:.0f} MB，超过一次挖掘的上限 "
            f"{MAX_TOTAL_BYTES // 1024 // 1024} MB；请分几次挖掘到不同的 --db，或只选其中一部分"
        )
    for index, item in enumerate(files, start=1):
        if isinstance(item, SourceError):
            error = item
        else:
            if progress:
                progress(index, len(files), item.name)
            try:
                documents.append(corpus.load(item))
                continue
            except SourceError as exc:
                error = exc
        skipped.append(error)
        if on_skip:
            on_skip(error)
    if not documents:
        raise PhrasebankError("没有可用的文档，短语库未生成")

    def mined(index: int, count: int, name: str) -> None:
        if stage:
            stage(f"[{index}/{count}] 正在挖掘 {name}")

    return BuildResult(mine(documents, progress=mined, stage=stage), tuple(skipped))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported as skipped when it is read


def bundled_meta() -> dict[str, str]:
    """The meta record of a bank mined from the bundled corpus by this version of the miner."""
    return {"corpus": "bundled", "fingerprint": fingerprint(bundled_corpus().glob("*.txt"))}


def bundled_bank(path: Path) -> Bank:
    """The bank mined from the bundled corpus, cached at `path` and rebuilt when outdated.

    A bank at `path` mined from the writer's own corpus is used as it is.
    """
    meta = bundled_meta()
    if path.exists():
        stored = load_meta(path)
        if stored.get("corpus") != "bundled" or stored.get("fingerprint") == meta["fingerprint"]:
            return load_bank(path)
        log.info("bundled corpus or miner changed; re-mining %s", path)
    result = build([bundled_corpus()])
    try:
        save_bank(result.bank, path, meta)
    except OSError as exc:
        # A read-only data directory: the bank serves this run and is mined again next time.
        log.info("could not cache the bank at %s: %s", path, exc)
    return result.bank
