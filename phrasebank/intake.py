"""Reading a report a writer imports: one of their organisation's own earlier reports.

Besides what :func:`corpus.load` reads (.txt, .md, .docx) it reads PDFs with a
text layer. Everything that cannot be used is a :class:`SourceError` whose
reason is one sentence saying what to do: old binary Word and WPS files are to
be saved again as .docx, a scanned PDF has no text to read, a notice or a
spreadsheet is not a report.
"""

from __future__ import annotations

import re
from pathlib import Path

from .corpus import Document, Line, clean_lines, load
from .errors import SourceError
from .outline import Outline, Role, parse
from .terms import load_terms

MAX_BYTES = 10 * 1024 * 1024
SUFFIXES = (".docx", ".txt", ".md", ".pdf")
# Encrypted Office files (and old .doc files) are OLE compound files, whatever their name.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_OLD = frozenset({".doc", ".dot", ".rtf"})
_WPS = frozenset({".wps", ".wpt"})
_SHEETS = frozenset({".xls", ".xlsx", ".et", ".csv", ".ods", ".numbers"})
# A PDF with fewer Chinese characters than this is a scan without a text layer.
PDF_MIN_CHARACTERS = 50
# A report says at least this much.
REPORT_MIN_CHARACTERS = 300
# A report without problems, plans or a title saying so: this long, with this many sections.
REPORT_LONG = 1500
REPORT_LONG_SECTIONS = 3
# A PDF line this short without a comma is a title or a heading on its own line.
HEADING_ALONE = 30
_NOT_REPORT_TITLE = re.compile(r"通知|通报|函$|纪要|请示|名单|安排表|报名表|议程")
_REPORT_TITLE = re.compile(r"总结|报告|述职|情况")
_SENTENCE_END = "。！？：；”"
_OUTLINE_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)]|\d+[.、])"
)

SAVE_AS_DOCX = "请用 Word 或 WPS 打开后“另存为” .docx 格式再发送"
OLD_WORD = f"这是旧版 Word 文件（.doc），zongjie 读不了；{SAVE_AS_DOCX}"
WPS_FILE = "这是 WPS 文字文件（.wps），zongjie 读不了；请在 WPS 中“另存为” .docx 格式再发送"
SPREADSHEET = "这是表格文件，不是报告；请发送报告正文（.docx、.txt、.md 或带文字的 PDF）"
LOCKED = f"这个 .docx 设置了打开密码（或是改了扩展名的旧版 .doc）；请取消密码，{SAVE_AS_DOCX}"
BROKEN_DOCX = f"这个 .docx 文件已损坏，打不开；{SAVE_AS_DOCX}"
SCANNED = "这是扫描件 PDF，里面没有可读的文字；请发送原来的 Word 文件，或先做文字识别（OCR）"
BROKEN_PDF = "这个 PDF 文件已损坏或加了密码，读不了；请发送原来的 Word 文件"
NOT_REPORT = (
    "这份文件看起来不是工作报告（没有“工作情况”“存在问题”“下一步”这样的结构）；"
    "请发送本单位以前的总结、报告或述职报告"
)
UNKNOWN = "zongjie 读不了这种文件；请发送 .docx、.txt、.md 或带文字的 PDF"


def too_big(size: int) -> str:
    limit = MAX_BYTES // 1024 // 1024
    return (
        f"文件太大（{size / 1024 / 1024:.1f} MB，上限 {limit} MB）；请删去图片后另存，或只发送正文"
    )


def read(path: Path, name: str | None = None) -> tuple[Document, Outline]:
    """One imported report, cleaned, with its outline; :class:`SourceError` says why not.

    `name` is what the writer called the file (a download has a temporary name).
    """
    shown = name or path.name
    suffix = Path(shown).suffix.lower()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(shown, too_big(size))
        with path.open("rb") as handle:
            head = handle.read(len(_OLE))
    except OSError as exc:
        raise SourceError(shown, f"无法读取（{exc.strerror or exc}）") from exc
    if suffix in _WORD_OLD:
        raise SourceError(shown, OLD_WORD)
    if suffix in _WPS:
        raise SourceError(shown, WPS_FILE)
    if suffix in _SHEETS:
        raise SourceError(shown, SPREADSHEET)
    if suffix not in SUFFIXES:
        raise SourceError(shown, UNKNOWN)
    if suffix == ".docx" and head == _OLE:
        raise SourceError(shown, LOCKED)
    stem = Path(shown).stem
    if suffix == ".pdf":
        document = _read_pdf(path, shown, stem)
    else:
        try:
            loaded = load(path)
        except SourceError as exc:
            reason = BROKEN_DOCX if suffix == ".docx" else exc.reason
            raise SourceError(shown, reason) from exc
        document = Document(stem, shown, loaded.encoding, loaded.lines)
    outline = parse(document)
    if not is_report(document, outline):
        raise SourceError(shown, NOT_REPORT)
    return document, outline


def is_report(document: Document, outline: Outline) -> bool:
    """Whether a document is a work report: long enough, with sections a report has.

    A notice has numbered parts too (一、时间 二、地点), so numbered sections alone
    are not enough: a report reports problems or plans, or says so in its title.
    """
    title = outline.title or document.name
    if _NOT_REPORT_TITLE.search(title) and not _REPORT_TITLE.search(title):
        return False
    if len(document.text) < REPORT_MIN_CHARACTERS or len(outline.sections) < 2:
        return False
    roles = set(outline.roles())
    if roles & {Role.PROBLEMS, Role.PLANS} or _REPORT_TITLE.search(title):
        return True
    # Some reports have no title and only work sections (003 of the corpus): long ones.
    return len(document.text) >= REPORT_LONG and len(outline.sections) >= REPORT_LONG_SECTIONS


def _read_pdf(path: Path, shown: str, stem: str) -> Document:
    # Imported here: only PDFs need it.
    from pypdf import PdfReader  # noqa: PLC0415
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(shown, BROKEN_PDF)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise SourceError(shown, BROKEN_PDF) from exc
    text = "\n".join(pages)
    if len(re.findall(r"[\u4e00-\u9fff]", text)) < PDF_MIN_CHARACTERS:
        raise SourceError(shown, SCANNED)
    lines = clean_lines(unwrap(text.splitlines()), load_terms())
    return Document(
        stem, shown, "pdf", tuple(Line(i, line.text) for i, line in enumerate(lines, 1))
    )


def unwrap(lines: list[str]) -> list[str]:
    """A PDF's lines joined back into paragraphs: a line not ending a sentence goes on in the
    next, unless the next starts a heading (一、 （二）) or the line is a title or heading
    standing alone (short, no comma)."""
    paragraphs: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        previous = paragraphs[-1] if paragraphs else ""
        alone = len(previous) <= HEADING_ALONE and "，" not in previous
        ended = previous.endswith(tuple(_SENTENCE_END))
        if previous and not ended and not alone and not _OUTLINE_START.match(line):
            paragraphs[-1] = previous + line
        else:
            paragraphs.append(line)
    return paragraphs
