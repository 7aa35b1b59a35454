"""The .docx renderer: GB/T 9704 page, styles, fonts, exact paragraphs, title lines,
signature spacing, highlighted placeholders, safe text, atomic write, LibreOffice rendering."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from bot.writer.docxfile import clean_text, render_docx, write_docx
from bot.writer.report import Block, Item, Report, Section, Sentence, layout
from bot.writer.title import width
from phrasebank import tokens

THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
LINE = Pt(28.9)
LONG_TITLE = "宁川县人民医院2026年上半年落实全面从严治党主体责任情况报告"


def sentence(text: str) -> Sentence:
    return Sentence(text, ("test",))


def item(*texts: str) -> Item:
    return Item(tuple(sentence(t) for t in texts))


def make_report(
    extra: str = "",
    title: str = "中共某某公司支部委员会2024年度党建工作总结",
    signature: tuple[str, ...] = ("中共某某公司支部委员会", "2024年12月31日"),
) -> Report:
    """A report with every kind of paragraph: title, body, both heading levels, signature."""
    return Report(
        title=sentence(title),
        opening=(sentence("2024年，支部坚持以习近平新时代中国特色社会主义思想为指导。"),),
        sections=(
            Section(
                "work",
                sentence("主要工作及成效"),
                blocks=(
                    Block(
                        sentence("加强政治建设"),
                        items=(item("组织集中学习12次。" + extra), item("开展主题党日活动。")),
                    ),
                    Block(sentence("夯实基层组织"), items=(item("完成支部换届选举。"),)),
                ),
            ),
            Section(
                "problems",
                sentence("存在的问题"),
                intro=(sentence("对照要求，还存在一些不足。"),),
                blocks=(Block(None, items=(item("学习不够深入。"), item("创新不足。"))),),
            ),
        ),
        closing=(sentence("新的一年，支部将继续努力。"),),
        signature=tuple(sentence(line) for line in signature),
    )


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def document() -> Any:
    return open_docx(render_docx(make_report()))


def east_asian_font(element: Any) -> str | None:
    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_page_is_a4_with_gbt9704_margins(document: Any) -> None:
    section = document.sections[0]
    expected = {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 37,
        "bottom_margin": 35,
        "left_margin": 28,
        "right_margin": 26,
    }
    for name, mm in expected.items():
        assert abs(getattr(section, name) - Mm(mm)) < Mm(0.5), name


def test_paragraphs_are_exactly_the_layout(document: Any) -> None:
    laid_out = layout(make_report())
    # The title's line break reads as \n; the text is otherwise the layout's.
    texts = [p.text.replace("\n", "") for p in document.paragraphs]
    assert texts == [p.text for p in laid_out]
    styles = {
        "title": "Title",
        "heading1": "Heading 1",
        "heading2": "Heading 2",
        "body": "Normal",
        "signature": "Signature",
    }
    assert [p.style.name for p in document.paragraphs] == [styles[p.style] for p in laid_out]


@pytest.mark.parametrize(
    ("kind", "style_name", "font", "size", "alignment", "indented", "before", "after", "right"),
    [
        # One blank line under the title.
        ("title", "Title", "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER, False, 0, 1, 0),
        ("body", "Normal", "仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, True, 0, 0, 0),
        ("heading1", "Heading 1", "黑体", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, True, 0, 0, 0),
        ("heading2", "Heading 2", "楷体_GB2312", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, True, 0, 0, 0),
        # Two blank lines above the signature, four characters in from the right.
        ("signature", "Signature", "仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.RIGHT, False, 2, 0, 4),
    ],
)
def test_styles(
    document: Any,
    kind: str,
    style_name: str,
    font: str,
    size: int,
    alignment: Any,
    indented: bool,
    before: int,
    after: int,
    right: int,
) -> None:
    style = document.styles[style_name]
    assert style.font.size == Pt(size)
    assert style.font.name == font
    assert east_asian_font(style.element) == font
    assert style.font.bold is False
    assert style.font.color.rgb == RGBColor(0, 0, 0)
    assert style.font.color.theme_color is None

    fmt = style.paragraph_format
    assert fmt.alignment == alignment
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing == Pt(28.9)
    assert fmt.space_before == LINE * before
    assert fmt.space_after == LINE * after
    assert fmt.first_line_indent == Pt(32 if indented else 0)
    assert fmt.right_indent == Pt(size * right)
    indent = style.element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert indent.get(qn("w:firstLineChars")) == ("200" if indented else "0")
    assert indent.get(qn("w:rightChars")) == (str(100 * right) if right else None)

    kinds = [p.style for p in layout(make_report())]
    paragraph = document.paragraphs[kinds.index(kind)]
    assert paragraph.style.name == style_name
    for run in paragraph.runs:
        assert east_asian_font(run.element) == font
        assert run.font.name == font


def title_lines_of(document: Any) -> list[str]:
    [title] = [p for p in document.paragraphs if p.style.name == "Title"]
    return str(title.text).split("\n")


def test_a_title_that_fits_is_one_line() -> None:
    title = "某某党支部2024年度党建工作总结"
    assert title_lines_of(open_docx(render_docx(make_report(title=title)))) == [title]


@pytest.mark.parametrize(
    "title",
    [
        LONG_TITLE,
        "江北市交通运输局2026年上半年落实全面从严治党主体责任情况报告",
        "国家税务总局临江县税务局2026年第三季度党建工作总结",
        "东湖街道党工委书记2026年度抓党建工作述职报告",
    ],
)
def test_a_long_title_breaks_between_words_in_balanced_lines(title: str) -> None:
    lines = title_lines_of(open_docx(render_docx(make_report(title=title))))
    assert len(lines) == 2
    assert "".join(lines) == title
    words = tokens.tokenizer().lcut(title)
    boundaries = {len("".join(words[:n])) for n in range(1, len(words))}
    assert len(lines[0]) in boundaries, f"broken inside a word: {lines[0]}|{lines[1]}"
    assert abs(width(lines[0]) - width(lines[1])) <= 4, lines


def test_long_title_breaks_after_the_period() -> None:
    lines = title_lines_of(open_docx(render_docx(make_report(title=LONG_TITLE))))
    assert lines == ["宁川县人民医院2026年上半年", "落实全面从严治党主体责任情况报告"]


def test_title_is_one_paragraph_with_line_breaks() -> None:
    document = open_docx(render_docx(make_report(title=LONG_TITLE)))
    title = document.paragraphs[0]
    assert title.style.name == "Title"
    assert len(title._element.findall(f".//{qn('w:br')}")) == 1
    assert document.paragraphs[1].style.name == "Normal"


def test_signature_space_is_above_its_first_line_only(document: Any) -> None:
    style = document.styles["Signature"]
    # contextualSpacing: no space between the name and the date, both Signature.
    assert style.element.find(f"{qn('w:pPr')}/{qn('w:contextualSpacing')}") is not None
    assert style.paragraph_format.keep_with_next
    paragraphs = list(document.paragraphs)
    first = [p.style.name for p in paragraphs].index("Signature")
    signature = paragraphs[first:]
    assert [p.text for p in signature] == ["中共某某公司支部委员会", "2024年12月31日"]
    for paragraph in signature:
        assert paragraph.paragraph_format.space_before is None  # from the style
        assert paragraph.paragraph_format.alignment is None
    # The closing paragraph goes to the next page with the signature rather than leave it alone.
    closing = paragraphs[first - 1]
    assert closing.text == "新的一年，支部将继续努力。"
    assert closing.paragraph_format.keep_with_next


PLACEHOLDER_CASES = [
    ("XXXX年XX月XX日", ["XXXX", "XX", "XX"]),
    ("述职人：XXX", ["XXX"]),
    ("XX街道党工委", ["XX"]),
    ("2024年12月31日", []),
]


@pytest.mark.parametrize(("line", "placeholders"), PLACEHOLDER_CASES)
def test_placeholders_in_the_signature_are_highlighted(line: str, placeholders: list[str]) -> None:
    document = open_docx(render_docx(make_report(signature=("某某党支部", line))))
    paragraph = document.paragraphs[-1]
    assert paragraph.text == line
    marked = [r.text for r in paragraph.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert marked == placeholders
    unmarked = [r for r in paragraph.runs if r.font.highlight_color is None]
    assert len(unmarked) + len(marked) == len(paragraph.runs)
    assert all(east_asian_font(r.element) == "仿宋_GB2312" for r in paragraph.runs)


def test_placeholders_in_body_and_title_are_highlighted() -> None:
    report = make_report(extra="走访XX户，发放资料XXX份。", title="XX街道党工委" + LONG_TITLE[7:])
    document = open_docx(render_docx(report))
    marked = [
        (p.style.name, r.text)
        for p in document.paragraphs
        for r in p.runs
        if r.font.highlight_color is not None
    ]
    assert marked == [("Title", "XX"), ("Normal", "XX"), ("Normal", "XXX")]
    assert all(r.font.highlight_color is None for r in document.paragraphs[-1].runs)


def test_headings_are_in_the_outline(document: Any) -> None:
    for name, level in (("Heading 1", "0"), ("Heading 2", "1")):
        outline = document.styles[name].element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        assert outline.get(qn("w:val")) == level


def test_no_theme_fonts_left(document: Any) -> None:
    footer = document.sections[0].footer
    for root in (document.styles.element, document.element, footer._element):
        for fonts in root.iter(qn("w:rFonts")):
            assert not [a for a in THEME_ATTRIBUTES if fonts.get(qn(a)) is not None]


def test_document_defaults_are_chinese(document: Any) -> None:
    run_defaults = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"
    )
    assert run_defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    language = run_defaults.find(qn("w:lang"))
    assert language.get(qn("w:val")) == language.get(qn("w:eastAsia")) == "zh-CN"


def test_footer_has_page_field_between_dashes(document: Any) -> None:
    footer = document.sections[0].footer
    assert not footer.is_linked_to_previous
    [paragraph] = footer.paragraphs
    assert paragraph.text == "— 1 —"
    instructions = [t.text for t in paragraph._element.iter(qn("w:instrText"))]
    assert [i.strip() for i in instructions] == ["PAGE"]
    kinds = [f.get(qn("w:fldCharType")) for f in paragraph._element.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert paragraph.style.font.size == Pt(14)
    assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraph.style.paragraph_format.first_line_indent == 0
    assert all(east_asian_font(run.element) == "宋体" for run in paragraph.runs)


def test_core_properties(document: Any) -> None:
    properties = document.core_properties
    assert properties.title == "中共某某公司支部委员会2024年度党建工作总结"
    assert properties.language == "zh-CN"
    assert properties.author == ""


@pytest.mark.parametrize(
    "bad", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\r", "\x1f", "\ufffe", "\uffff", "\ud800"]
)
def test_unwritable_characters_are_stripped_and_emoji_survive(bad: str) -> None:
    report = make_report(extra=f"党员{bad}先锋🎉𠀀{bad}")
    text = "\n".join(p.text for p in open_docx(render_docx(report)).paragraphs)
    assert "党员先锋🎉𠀀" in text
    assert bad not in text


def test_clean_text_keeps_tab_and_newline() -> None:
    assert clean_text("一\t二\n三\x07\udfff👍") == "一\t二\n三👍"


def test_write_docx_replaces_existing_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "总结.docx"
    target.write_bytes(b"old")
    write_docx(make_report(), target)
    assert [p.name for p in tmp_path.iterdir()] == ["总结.docx"]
    assert open_docx(target.read_bytes()).paragraphs[0].text.endswith("党建工作总结")


def test_libreoffice_renders_pdf_and_png(tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice (soffice/libreoffice) is not on PATH")
    source = tmp_path / "report.docx"
    write_docx(make_report(title=LONG_TITLE, signature=("某某党支部", "XXXX年XX月XX日")), source)
    # A profile of its own, so a running LibreOffice or a concurrent test cannot block it.
    profile = (tmp_path / "profile").as_uri()
    command = [office, f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(tmp_path), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    pdf_path = tmp_path / "report.pdf"
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF")
    # LibreOffice read the page size: A4 is 595 × 842 pt.
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    assert box is not None
    assert abs(float(box[1]) - 595.3) < 1
    assert abs(float(box[2]) - 841.9) < 1

    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf_path), "-"],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
        lines = [line.strip() for line in text.splitlines()]
        # The title's two lines as we broke them (pdftotext spaces out Latin digits).
        squeezed = [line.replace(" ", "") for line in lines]
        first = squeezed.index("宁川县人民医院2026年上半年")
        assert squeezed[first + 1] == "落实全面从严治党主体责任情况报告"
        # A blank line between the title and the text.
        assert squeezed[first + 2] == ""
        assert "XXXX年XX月XX日" in squeezed
    if shutil.which("pdftoppm"):
        command = ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf_path)]
        subprocess.run([*command, str(tmp_path / "page")], check=True, timeout=60)
        [png] = tmp_path.glob("page*.png")
        assert png.read_bytes().startswith(b"\x89PNG")
        assert png.stat().st_size > 1000
