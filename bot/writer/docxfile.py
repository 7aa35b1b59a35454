"""The .docx renderer: a report as a Word file in 党政机关公文格式 (GB/T 9704-2012).

It draws exactly the paragraphs of :func:`bot.report.layout` — numbering is already
applied there — each under a real Word style (Normal, Title, Heading 1, Heading 2,
Signature), so a writer who edits the file in Word or WPS keeps the format. The
spacing GB/T 9704 asks for (a blank line under the title, room above the signature)
belongs to the styles too; a long title is broken into balanced lines by meaning
(:mod:`bot.writer.title`), and every XX left to fill in is highlighted.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from phrasebank.files import write_atomic
from phrasebank.text import C0

from .report import Report, layout
from .title import title_lines
from .wording import PLACEHOLDER

# 22 lines of 28.9 pt fill the 225 mm type area (GB/T 9704: 22 lines a page).
LINE_SPACING = Pt(28.9)
LANGUAGE = "zh-CN"
BODY_FONT = "仿宋_GB2312"
# Word's own marker colour: it prints, and a writer can clear it in one click.
PLACEHOLDER_HIGHLIGHT = WD_COLOR_INDEX.YELLOW

# Theme fonts win over the named ones in Word, and the template's theme is Latin
# (Calibri/Cambria) with Japanese East-Asian fonts, so every trace of them goes.
_THEME_ATTRIBUTES = tuple(
    qn(a) for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
)
_FONT_ATTRIBUTES = tuple(qn(a) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"))

# What XML 1.0 cannot hold (lxml refuses it); tab and newline stay, a stray \r goes.
_UNWRITABLE = re.compile(f"[{C0}\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Look:
    """How one kind of paragraph is set: its Word style and that style's font and layout."""

    style: str
    font: str
    size: float  # pt
    alignment: Any  # WD_ALIGN_PARAGRAPH member
    indent: bool  # first-line indent of two characters
    outline: int | None = None  # outline level, so Word's navigation pane lists headings
    lines_before: int = 0  # blank lines above the first paragraph of a run of this style
    lines_after: int = 0  # blank lines below it
    right_indent: int = 0  # characters


LOOKS: dict[str, Look] = {
    "body": Look("Normal", BODY_FONT, 16, WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True),
    # The text starts one blank line below the title (GB/T 9704 7.3.1–7.3.2).
    "title": Look(
        "Title", "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER, indent=False, lines_after=1
    ),
    "heading1": Look("Heading 1", "黑体", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, outline=0),
    "heading2": Look(
        "Heading 2", "楷体_GB2312", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, outline=1
    ),
    # Two blank lines above the signature leave room for the seal; the name and the
    # date below it sit right-aligned four characters in (GB/T 9704 7.3.5).
    "signature": Look(
        "Signature",
        BODY_FONT,
        16,
        WD_ALIGN_PARAGRAPH.RIGHT,
        indent=False,
        lines_before=2,
        right_indent=4,
    ),
}
FOOTER = Look("Footer", "宋体", 14, WD_ALIGN_PARAGRAPH.CENTER, indent=False)


def render_docx(report: Report) -> bytes:
    """The report as the bytes of a .docx file."""
    document = docx.Document()
    _set_page(document)
    _set_defaults(document)
    # LOOKS starts with Normal: every other style is based on it and overrides what differs.
    for look in (*LOOKS.values(), FOOTER):
        _set_style(document, look)
    _strip_theme_fonts(document.styles.element)

    previous: Any = None
    for paragraph in layout(report):
        look = LOOKS[paragraph.style]
        if paragraph.style == "signature" and previous is not None:
            # The signature never stands alone on a page (GB/T 9704 7.3.5): the
            # paragraph above it goes along.
            previous.paragraph_format.keep_with_next = True
        out = previous = document.add_paragraph(style=look.style)
        text = clean_text(paragraph.text)
        lines = title_lines(text) if paragraph.style == "title" else [text]
        for number, line in enumerate(lines):
            if number:
                # A line break, not a new paragraph: the title stays one Title paragraph.
                out.runs[-1].add_break()
            _add_text(out, line, look.font)
    _add_page_number(document)

    properties = document.core_properties
    properties.title = clean_text(report.title.text)
    properties.language = LANGUAGE
    # The template's own metadata (python-docx, 2013) would otherwise show in the file's properties.
    properties.author = properties.last_modified_by = properties.comments = ""
    properties.created = properties.modified = dt.datetime.now(dt.UTC)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(report: Report, path: Path) -> None:
    """Write the report to `path` atomically: a reader never sees half a file."""
    write_atomic(path, render_docx(report), private=False)


def clean_text(text: str) -> str:
    """`text` without the characters a .docx cannot hold (control characters, lone surrogates)."""
    return _UNWRITABLE.sub("", text)


def _add_text(paragraph: Any, text: str, font: str) -> None:
    """`text` as runs of `paragraph`, each placeholder (XX, XXXX) a highlighted run of its own."""
    start = 0
    pieces: list[tuple[str, bool]] = []
    for match in PLACEHOLDER.finditer(text):
        pieces += [(text[start : match.start()], False), (match.group(), True)]
        start = match.end()
    pieces.append((text[start:], False))
    for piece, placeholder in pieces:
        if not piece and paragraph.runs:
            continue
        run = paragraph.add_run(piece)
        _set_fonts(run.element.get_or_add_rPr(), font)
        if placeholder:
            run.font.highlight_color = PLACEHOLDER_HIGHLIGHT


def _set_page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # Puts the 一字线 of the page number about 7 mm below the type area.
    section.footer_distance = Mm(25)


def _set_defaults(document: Any) -> None:
    """Document defaults: what any text without a style of ours falls back to."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run_defaults, BODY_FONT)
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    # The template says ja-JP, which makes Word pick Japanese glyph forms for Han characters.
    document.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), LANGUAGE)


def _set_style(document: Any, look: Look) -> None:
    styles = document.styles
    names = {style.name for style in styles}
    # Signature (签名) is one of Word's built-in styles the template leaves out.
    style = (
        styles[look.style]
        if look.style in names
        else styles.add_style(look.style, WD_STYLE_TYPE.PARAGRAPH, builtin=True)
    )
    # Start from a blank style: the template's headings and title carry theme
    # colours and fonts, bold, borders and spacing that 公文 has no use for.
    for tag in ("w:pPr", "w:rPr"):
        for child in style.element.findall(qn(tag)):
            style.element.remove(child)
    if look.style != "Normal":
        style.base_style = styles["Normal"]

    font = style.font
    font.size = Pt(look.size)
    font.bold = False
    font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element.get_or_add_rPr(), look.font)

    paragraph = style.paragraph_format
    paragraph.alignment = look.alignment
    paragraph.space_before = LINE_SPACING * look.lines_before
    paragraph.space_after = LINE_SPACING * look.lines_after
    paragraph.right_indent = Pt(look.size * look.right_indent)
    # A Length makes python-docx write lineRule="exact" (WD_LINE_SPACING.EXACTLY);
    # the footer keeps single spacing so it fits below the type area.
    paragraph.line_spacing = 1.0 if look is FOOTER else LINE_SPACING
    paragraph.first_line_indent = Pt(2 * look.size if look.indent else 0)
    # Word measures the indent in characters (firstLineChars wins over firstLine);
    # LibreOffice reads firstLine. Styles without an indent say 0 explicitly, or
    # they would inherit Normal's two characters.
    indent = style.element.pPr.find(qn("w:ind"))
    indent.set(qn("w:firstLineChars"), "200" if look.indent else "0")
    if look.right_indent:
        indent.set(qn("w:rightChars"), str(100 * look.right_indent))
    if look.lines_before:
        # The space goes above the first signature line only, not between name and date
        # (Word: 不在相同样式的段落间添加空格; LibreOffice reads it too).
        style.element.pPr.insert_element_before(
            OxmlElement("w:contextualSpacing"),
            *("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection"),
            *("w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId"),
            *("w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
        )
        paragraph.keep_together = paragraph.keep_with_next = True
    if look.outline is not None:
        paragraph.keep_with_next = True
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(look.outline))
        style.element.pPr.insert_element_before(
            level, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"
        )


def _set_fonts(run_properties: Any, font: str) -> None:
    """Name `font` for every script, so Latin digits in the text match the Chinese around them."""
    fonts = run_properties.get_or_add_rFonts()
    for attribute in _THEME_ATTRIBUTES:
        fonts.attrib.pop(attribute, None)
    for attribute in _FONT_ATTRIBUTES:
        fonts.set(attribute, font)


def _strip_theme_fonts(styles: Any) -> None:
    """Drop theme fonts from the styles we do not use as well: none may turn Latin or Japanese."""
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in _THEME_ATTRIBUTES:
            fonts.attrib.pop(attribute, None)


def _add_page_number(document: Any) -> None:
    """The footer's page number in the GB/T 9704 form: — 1 —."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles[FOOTER.style]
    parts = [
        ("w:t", "— "),
        ("w:fldChar", "begin"),
        ("w:instrText", " PAGE "),
        ("w:fldChar", "separate"),
        ("w:t", "1"),  # shown until the reader updates fields
        ("w:fldChar", "end"),
        ("w:t", " —"),
    ]
    for tag, value in parts:
        run = paragraph.add_run()
        _set_fonts(run.element.get_or_add_rPr(), FOOTER.font)
        child = OxmlElement(tag)
        if tag == "w:fldChar":
            child.set(qn("w:fldCharType"), value)
        else:
            child.set(qn("xml:space"), "preserve")
            child.text = value
        run.element.append(child)
