"""Loading corpus files: encodings, formats, noise, and bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import docx
import pytest

from phrasebank import corpus, mining
from phrasebank.errors import SourceError
from phrasebank.terms import load_terms
from phrasebank.text import clean_line

from .conftest import SEEDS

SEED = SEEDS / "004_f345fad9f8974940.txt"


def _phrases(path: Path) -> list[tuple[str, str | None, str]]:
    bank = mining.mine([corpus.load(path)])
    return sorted((p.kind, p.theme, p.template) for p in bank)


def _write_docx(text: str, path: Path) -> Path:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def utf8_phrases() -> list[tuple[str, str | None, str]]:
    return _phrases(SEED)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_other_encodings_give_the_same_phrases(
    encoding: str, tmp_path: Path, utf8_phrases: list[tuple[str, str | None, str]]
) -> None:
    text = SEED.read_text("utf-8")
    copy = tmp_path / f"{SEED.stem}.txt"
    copy.write_bytes(text.encode(encoding))
    document = corpus.load(copy)
    # GB18030 is read for GBK too: it is the superset, and decodes GBK bytes identically.
    assert document.encoding == {"gbk": "gb18030"}.get(encoding, encoding)
    assert _phrases(copy) == utf8_phrases


def test_docx_copy_gives_the_same_phrases(
    tmp_path: Path, utf8_phrases: list[tuple[str, str | None, str]]
) -> None:
    copy = _write_docx(SEED.read_text("utf-8"), tmp_path / f"{SEED.stem}.docx")
    assert corpus.load(copy).encoding == "docx"
    assert _phrases(copy) == utf8_phrases


def test_markdown_headings_and_bold_lines_are_unwrapped(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(
        "# 2025年党建工作总结\n\n## 一、工作情况\n\n"
        "**（一）加强理论学习**\n\n- 一是组织**名党员学习。\n",
        "utf-8",
    )
    lines = [line.text for line in corpus.load(path).lines]
    # A ** inside a line is the corpus' placeholder, not Markdown bold.
    assert lines == [
        "2025年党建工作总结",
        "一、工作情况",
        "（一）加强理论学习",
        "一是组织**名党员学习。",
    ]


def test_noise_is_stripped() -> None:
    terms = load_terms()
    assert clean_line("本文系作者原创投稿，仅供学习参考，请勿照搬照抄！", terms) == ""
    assert clean_line("##paidbegin##（三）落实重点任务。", terms) == "（三）落实重点任务。"
    assert clean_line("情  况  报  告", terms) == "情况报告"
    assert clean_line("坚决抵制错误言论，，加强分析", terms) == "坚决抵制错误言论，加强分析"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "严禁酒驾、醉驾等各类交通违法行为, 自觉接受监督",
            "严禁酒驾、醉驾等各类交通违法行为，自觉接受监督",
        ),
        ("主要表现在:一是学习不够;二是创新不足", "主要表现在：一是学习不够；二是创新不足"),
        ('开展"三会一课"(每月一次)', "开展“三会一课”（每月一次）"),
        ("共计1,000人，8:30开会", "共计1,000人，8:30开会"),
        ("组织ＸＸ名党员参加１２次学习", "组织XX名党员参加12次学习"),
        ("全年\u200b开展\u3000学习\u0007活动", "全年开展\u3000学习活动"),
    ],
)
def test_punctuation_is_normalised(raw: str, clean: str) -> None:
    assert clean_line(raw, load_terms()) == clean


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b"  \n\n \r\n", "文件为空"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制文件"),
        (
            "noise.txt",
            "本文系作者原创投稿，仅供学习参考，请勿照搬照抄！\n".encode(),
            "没有可用的正文内容",
        ),
        ("report.doc", b"\xd0\xcf\x11\xe0", "另存为 .docx"),
        ("report.pdf", b"%PDF-1.4", "不支持的文件格式"),
        ("fake.docx", b"this is not a zip", "不是有效的 .docx 文件"),
        ("control.txt", bytes(range(1, 32)) * 40, "无法识别为文本"),
    ],
)
def test_unusable_files_raise_a_clear_error(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        corpus.load(path)
    assert reason in str(caught.value)
    assert name in str(caught.value)


def test_undecodable_bytes_name_the_encodings_tried(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("党建".encode("gbk") + b"\xff\xfe\xfd\x81")
    with pytest.raises(SourceError, match="UTF-8 和 GBK"):
        corpus.load(path)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "一、工作情况".encode("utf-16-le"))
    assert corpus.load(path).lines[0].text == "一、工作情况"


def test_folders_are_walked_in_order_and_missing_paths_reported(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("乙", "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("甲", "utf-8")
    (tmp_path / ".hidden.txt").write_text("隐藏", "utf-8")
    found = list(corpus.iter_files([tmp_path, tmp_path / "missing.txt"]))
    assert found[:2] == [tmp_path / "b.txt", tmp_path / "sub" / "a.txt"]
    assert isinstance(found[2], SourceError) and "不存在" in str(found[2])
    assert len(found) == 3


def test_line_numbers_point_at_the_original_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(
        "本文系作者原创投稿，仅供学习参考，请勿照搬照抄！\n\n标题\n\n一、工作情况\n", "utf-8"
    )
    assert [(line.number, line.text) for line in corpus.load(path).lines] == [
        (3, "标题"),
        (5, "一、工作情况"),
    ]
