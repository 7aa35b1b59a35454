"""Files a writer sends as their organisation's earlier reports, good and bad, made in the test."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from .conftest import DATA

OWN = DATA / "own"
EARLIER = OWN / "earlier_report.txt"
# The earlier report's own figures: none may reach a new draft.
EARLIER_NUMBERS = ("17", "386", "49", "1275", "23")
EARLIER_PLANS = (
    "深化书香医院建设，每季度开展一次读书分享会",
    "推进党建与医疗业务深度融合，新建三个党员先锋岗",
    "开展清廉医院建设专项行动",
    "完善党员积分管理办法",
)
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def report_docx(source: Path = EARLIER) -> bytes:
    """A .docx of a text file, a paragraph a line, as Word would save it."""
    document = docx.Document()
    for line in source.read_text("utf-8").splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A PDF of one page with no text layer, as a scanner makes without OCR."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def broken_docx() -> bytes:
    """A .docx cut off in the middle (an interrupted download)."""
    return report_docx()[:2000]


def spreadsheet() -> bytes:
    """An .xlsx: a zip, but of a workbook."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


# (file name, bytes, what the one line must say)
BAD_FILES = {
    "old_word": ("2024年总结.doc", OLE_HEADER + bytes(4000), "另存为"),
    "wps": ("2024年总结.wps", OLE_HEADER + bytes(4000), "另存为"),
    "password": ("2024年总结.docx", OLE_HEADER + bytes(4000), "密码"),
    "corrupt_docx": ("2024年总结.docx", b"", "损坏"),
    "scanned_pdf": ("2024年总结.pdf", b"", "扫描件"),
    "notice": ("七一活动通知.txt", (OWN / "notice.txt").read_bytes(), "不是工作报告"),
    "spreadsheet": ("党员名册.xlsx", b"", "表格"),
}


def bad_file(case: str) -> tuple[str, bytes, str]:
    name, data, says = BAD_FILES[case]
    if case == "corrupt_docx":
        data = broken_docx()
    elif case == "scanned_pdf":
        data = scanned_pdf()
    elif case == "spreadsheet":
        data = spreadsheet()
    return name, data, says
