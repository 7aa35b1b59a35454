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


# A colleague's answers for the organisation whose report was imported.
HOSPITAL = {
    "unit": "宁川县人民医院",
    "period": "2026年上半年",
    "genre": "summary",
    "activities": [
        "3月组织读书分享会两次，共读《习近平新时代中国特色社会主义思想学习纲要》",
        "5月组织中层干部到县廉政教育基地参观，接受警示教育",
        "7月1日组织党员重温入党誓词",
        "在门诊设立党员先锋岗5个",
    ],
}


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


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (a CID font with a ToUnicode map), as Word exports."""
    chars = sorted({c for line in lines for c in line})
    cmap_entries = "\n".join(f"<{ord(c):04X}> <{ord(c):04X}>" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Custom def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{cmap_entries}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode()
    ops = ["BT /F1 10 Tf 14 TL 40 800 Td"]
    for line in lines:
        ops.append(f"<{''.join(f'{ord(c):04X}' for c in line)}> Tj T*")
    ops.append("ET")
    content = "\n".join(ops).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def wrapped_pdf(source: Path = EARLIER, width: int = 30) -> bytes:
    """A text file as a PDF whose lines wrap at `width` characters, as a printed page does."""
    lines = []
    for line in source.read_text("utf-8").splitlines():
        lines.extend(line[i : i + width] for i in range(0, len(line), width))
    return text_pdf(lines)
