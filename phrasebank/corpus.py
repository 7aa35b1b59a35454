"""Loading corpus documents: files and folders of .txt, .md and .docx, in any common encoding.

A loaded :class:`Document` is a list of cleaned lines that remember their line
number in the original file (the paragraph number for .docx), so every mined
phrase can point back to where it came from.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .terms import Terms, load_terms
from .text import clean_line

SUFFIXES = (".txt", ".md", ".docx")
MAX_BYTES = 20 * 1024 * 1024

# Text encodings tried in order after the byte-order marks. GB18030 is a
# superset of GBK and GB2312, the usual encodings of Chinese Windows files.
_FALLBACK_ENCODINGS = ("utf-8", "gb18030")


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class Document:
    name: str
    path: str
    encoding: str
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def iter_files(paths: Iterable[Path]) -> Iterator[Path | SourceError]:
    """Every file named or contained in `paths`, sorted within folders.

    A path that does not exist yields a :class:`SourceError` instead of a file,
    so the caller can report it and carry on with the rest.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _hidden(child.relative_to(path)):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield SourceError(str(path), "文件或文件夹不存在")


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "__")) for part in relative.parts)


def load(path: Path, terms: Terms | None = None) -> Document:
    """Read and clean one document; raises :class:`SourceError` when it cannot be used."""
    terms = terms or load_terms()
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = "，请另存为 .docx" if suffix in (".doc", ".wps", ".rtf") else ""
        raise SourceError(
            str(path), f"不支持的文件格式“{suffix or '无扩展名'}”{hint}（支持 .txt、.md、.docx）"
        )
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(str(path), f"文件过大（{size // 1024 // 1024} MB），上限 20 MB")
        if suffix == ".docx":
            raw_lines, encoding = _read_docx(path), "docx"
        else:
            text, encoding = decode(path.read_bytes(), str(path))
            raw_lines = text.splitlines()
            if suffix == ".md":
                raw_lines = [_strip_markdown(line) for line in raw_lines]
    except OSError as exc:
        raise SourceError(str(path), f"无法读取（{exc.strerror or exc}）") from exc
    lines = clean_lines(raw_lines, terms)
    if not lines:
        raise SourceError(str(path), "文件没有可用的正文内容")
    return Document(name=path.stem, path=str(path), encoding=encoding, lines=lines)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode file bytes, detecting UTF-8 (with or without BOM), UTF-16 and GBK/GB18030."""
    if not data.strip():
        raise SourceError(name, "文件为空")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _plausible(data.decode(encoding), name), encoding
            except UnicodeDecodeError as exc:
                raise SourceError(name, f"文件编码损坏（{encoding}）") from exc
    if b"\x00" in data:
        raise SourceError(name, "这是二进制文件，不是文本文档")
    for encoding in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _plausible(text, name), encoding
    raise SourceError(name, "无法识别文件编码（支持 UTF-8 和 GBK/GB18030）")


_UNCOMMON = re.compile(r"[^\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff01-\uffbe]")


def _plausible(text: str, name: str) -> str:
    """Reject text that decoded but is mostly control or unassigned characters."""
    sample = text[:20000]
    # Printable ASCII, CJK and its punctuation are never suspect: only the rest is looked up.
    bad = sum(
        1
        for ch in _UNCOMMON.findall(sample)
        if unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\n\r\t\f"
    )
    if bad > max(3, len(sample) // 50):
        raise SourceError(name, "内容无法识别为文本，可能是二进制文件或编码错误")
    return text


def _read_docx(path: Path) -> list[str]:
    # Imported here: python-docx (and lxml) cost start-up time that plain-text
    # mining does not need.
    import docx  # noqa: PLC0415
    from docx.opc.exceptions import PackageNotFoundError  # noqa: PLC0415

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(
            str(path), "不是有效的 .docx 文件（可能已损坏，或是改了扩展名的其他文件）"
        ) from exc
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return lines


_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-+]\s+|\*\s+(?!\*))")
_MD_WRAPPED = re.compile(r"^(\*\*|__)(.+)\1$")


def _strip_markdown(line: str) -> str:
    line = _MD_PREFIX.sub("", line)
    # Only a line wrapped whole in ** is bold: inside a line ** is the corpus'
    # own placeholder for a number or name.
    wrapped = _MD_WRAPPED.match(line.strip())
    return wrapped.group(2) if wrapped else line


# ---------------------------------------------------------------- cleaning


def clean_lines(raw: Iterable[str], terms: Terms) -> tuple[Line, ...]:
    """Strip noise and normalise punctuation; keeps original line numbers, drops blank lines."""
    lines: list[Line] = []
    for number, text in enumerate(raw, start=1):
        cleaned = clean_line(text, terms)
        if cleaned:
            lines.append(Line(number, cleaned))
    return tuple(lines)
