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


def _plausible(text: str, name: str) -> str:
    """Reject text that decoded but is mostly control or unassigned characters."""
    sample = text[:20000]
    bad = sum(
        1
        for ch in sample
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

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
# Full-width Latin letters and digits (ＸＸ, １２) become ASCII, so that the
# miner's placeholder and number patterns see them; CJK punctuation is kept.
_FULL_WIDTH_ALNUM = {
    code: code - 0xFEE0
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACED_TITLE = re.compile(rf"^[{_CJK}](?:[ \t\u3000]+[{_CJK}]){{2,}}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(r"[,;:!?()]")
_DOUBLED = re.compile(r"([，。；：、！？])[，、]+|，+(?=[。；：！？])|。{2,}")
_SPACE_AROUND_PUNCT = re.compile(r"\s*([，。；：、！？“”‘’（）《》])\s*")


def clean_lines(raw: Iterable[str], terms: Terms) -> tuple[Line, ...]:
    """Strip noise and normalise punctuation; keeps original line numbers, drops blank lines."""
    lines: list[Line] = []
    for number, text in enumerate(raw, start=1):
        cleaned = clean_line(text, terms)
        if cleaned:
            lines.append(Line(number, cleaned))
    return tuple(lines)


def clean_line(text: str, terms: Terms) -> str:
    text = text.translate(_ZERO_WIDTH).translate(_FULL_WIDTH_ALNUM).replace("\u00a0", " ")
    text = _CONTROL.sub("", text)
    if any(noise in text for noise in terms.noise_lines):
        return ""
    for marker in terms.noise_markers:
        text = text.replace(marker, "")
    text = text.strip(" \t\u3000")
    if _SPACED_TITLE.match(text):
        text = re.sub(r"[ \t\u3000]+", "", text)
    if _HALF_PUNCT.search(text) or '"' in text:
        text = _full_width(text)
    text = _SPACE_AROUND_PUNCT.sub(r"\1", text)
    text = _DOUBLED.sub(lambda m: m.group(1) or "", text)
    return text.strip()


def _full_width(text: str) -> str:
    """Half-width punctuation next to Chinese text becomes full width; 1,000 and 8:30 stay."""

    def replace(match: re.Match[str]) -> str:
        ch = match.group()
        i = match.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch in ",:" and before.isdigit() and after.isdigit():
            return ch
        if ch in "()" and not (_is_cjk(before) or _is_cjk(after) or _is_cjk_near(text, i)):
            return ch
        return _HALF_TO_FULL[ch]

    text = _HALF_PUNCT.sub(replace, text)
    return _pair_quotes(text)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and (
        "\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )


def _is_cjk_near(text: str, i: int) -> bool:
    window = text[max(0, i - 6) : i + 7]
    return any(_is_cjk(ch) for ch in window)


def _pair_quotes(text: str) -> str:
    """ASCII double quotes in Chinese text become alternating “ ”."""
    if '"' not in text or not any(_is_cjk(ch) for ch in text):
        return text
    out: list[str] = []
    opening = True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)
