"""The command line, driven the way a user (or another program) drives it."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.shells.cli import build_parser, main
from phrasebank.themes import THEME_IDS

from .conftest import ROOT, SEEDS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_mine_json_reports_the_bundled_corpus(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "bank.json"
    code, out, _ = run(capsys, "mine", "--db", str(db), "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["documents"] == 5
    assert summary["phrases"] == sum(summary["by_kind"].values())
    assert set(summary["by_theme"]) == set(THEME_IDS)
    assert db.exists()


def test_mine_human_output_is_a_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "mine", "--db", str(tmp_path / "bank.json"))
    assert code == 0
    assert "已读取 5 篇文档" in out
    assert re.search(r"条目引语\s+lead\s+\d+", out)
    assert re.search(r"党风廉政建设\s+integrity\s+\d+", out)
    # 001 skips （五）: a known quirk of the project's own corpus, not news to the writer.
    assert "（四） 之后是 （六）" not in err and "提示" not in err


def test_notes_on_a_writers_own_file_are_told_and_summarised(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS / "001_df5559c9bb46c938.txt", folder / "own.txt")
    gaps = "\n".join(f"（{n}）第{n}项工作。一是开展学习。" for n in "一三五七九" * 4)
    (folder / "gaps.txt").write_text("某局2026年党建工作总结\n一、主要工作\n" + gaps, "utf-8")
    code, _, err = run(capsys, "mine", str(folder), "--db", str(tmp_path / "bank.json"))
    assert code == 0
    assert "（四） 之后是 （六）" in err
    notes = [line for line in err.splitlines() if line.startswith("提示 gaps：")]
    assert len(notes) <= 6 and "从略" in notes[-1], err


def test_too_much_input_at_once_is_refused_before_reading(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from phrasebank import build

    monkeypatch.setattr(build, "MAX_TOTAL_BYTES", 10_000)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEEDS / "001_df5559c9bb46c938.txt", folder / name)
    before = tree(tmp_path)
    code, _, err = run(capsys, "mine", str(folder), "--db", str(tmp_path / "bank.json"))
    assert code == 1 and "超过一次挖掘的上限" in err and len(err.strip().splitlines()) == 1
    assert tree(tmp_path) == before


def test_bad_files_get_one_line_each_and_mining_continues(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS / "002_7e5c7862565c6be2.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    missing = tmp_path / "nowhere.txt"
    code, out, err = run(
        capsys, "mine", str(folder), str(missing), "--db", str(tmp_path / "b.json"), "--json"
    )
    assert code == 0
    assert json.loads(out)["documents"] == 1
    skipped = [line for line in err.splitlines() if line.startswith("跳过")]
    assert len(skipped) == 4
    for name, reason in [
        ("empty.txt", "文件为空"),
        ("photo.txt", "二进制"),
        ("old.doc", ".docx"),
        ("nowhere", "不存在"),
    ]:
        assert any(name in line and reason in line for line in skipped), (name, skipped)


def test_progress_is_shown_for_more_than_a_handful_of_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i, seed in enumerate([*sorted(SEEDS.glob("*.txt")), SEEDS / "000_2b4e87540332321a.txt"]):
        shutil.copy(seed, folder / f"{i}_{seed.name}")
    code, _, err = run(capsys, "mine", str(folder), "--db", str(tmp_path / "b.json"))
    assert code == 0
    assert "[1/6]" in err and "[6/6]" in err
    # The steps over the whole corpus say what is happening too.
    assert "[6/6] 正在挖掘" in err
    assert "正在合并相近的表述" in err and "建立检索词" in err


def test_no_usable_document_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", "utf-8")
    code, _, err = run(
        capsys, "mine", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "b.json")
    )
    assert code == 1
    assert "没有可用的文档" in err
    assert not (tmp_path / "b.json").exists()


def test_phrases_lists_integrity_phrases_with_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "phrases", "廉政")
    assert code == 0
    rows = [line for line in out.splitlines() if re.match(r"^[a-z_]+-[0-9a-f]{8}", line)]
    assert len(rows) >= 5
    assert all("党风廉政建设" in row for row in rows)
    assert all(re.search(r"\d{3} [一二三四五六七八九十]", row) and "第" in row for row in rows)
    assert "进行廉政家访" in out


def test_phrases_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "phrases", "--kind", "lead", "--theme", "integrity", "--limit", "3", "--json"
    )
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3
    for record in records:
        assert {"id", "kind", "theme", "text", "source"} <= set(record)
        assert record["kind"] == "lead" and record["theme"] == "integrity"
        assert {"document", "path", "line"} <= set(record["source"])


def test_phrases_uses_a_given_bank(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text(
        "一、工作情况\n一是开展廉政谈话。全覆盖谈话提醒，筑牢思想防线。\n", "utf-8"
    )
    db = tmp_path / "own.json"
    assert run(capsys, "mine", str(tmp_path / "mine.txt"), "--db", str(db))[0] == 0
    code, out, _ = run(capsys, "phrases", "--db", str(db), "--json")
    texts = {json.loads(line)["text"] for line in out.splitlines()}
    assert code == 0 and "开展廉政谈话" in texts


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["phrases", "--theme", "bogus"], "可选：politics（政治建设）"),
        (["phrases", "--kind", "bogus"], "可选：title（标题）"),
        (["phrases", "--limit", "0"], "正整数"),
        (["phrases", "--limit", "x"], "需要一个整数"),
        (["frobnicate"], "不是可用的选项"),
    ],
)
def test_usage_errors_are_explained_in_chinese(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err and "--help" in err


def test_missing_and_corrupt_banks_are_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "none.json"
    code, _, err = run(capsys, "phrases", "--db", str(missing))
    assert code == 1 and str(missing) in err and "zongjie mine" in err
    corrupt = tmp_path / "bad.json"
    corrupt.write_text("{not json", "utf-8")
    code, _, err = run(capsys, "phrases", "--db", str(corrupt))
    assert code == 1 and str(corrupt) in err and "损坏" in err
    code, _, err = run(capsys, "mine", "--db", str(corrupt))
    assert code == 1 and corrupt.read_text("utf-8") == "{not json"


def test_console_script_and_module_entry_point(tmp_path: Path) -> None:
    env = dict(os.environ, ZONGJIE_DATA_DIR=str(tmp_path))
    command = [sys.executable, "-m", "bot", "mine", "--json"]
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"] == 5
    script = Path(sys.executable).with_name("zongjie")
    result = subprocess.run(
        [str(script), "phrases", "第一议题", "--json", "--limit", "1"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "第一议题" in json.loads(result.stdout)["text"]


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name in commands:
        assert f"`zongjie {name}" in readme, name


def feed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_classify_prints_theme_confidence_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, "开展廉政谈话\n\n搞了两次读书分享会\t（周五）\n".encode())
    code, out, _ = run(capsys, "classify")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert [r[0] for r in rows] == ["integrity", "theory"]
    assert all(0.0 <= float(r[1]) <= 1.0 for r in rows)
    assert rows[1][2] == "搞了两次读书分享会 （周五）"


def test_classify_json_and_gbk_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, "组织党员到烈士陵园重温入党誓词\n".encode("gbk"))
    code, out, _ = run(capsys, "classify", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["theme"] == "organization"
    assert {"theme", "confidence", "phrases"} <= set(record)
    assert record["phrases"] and all({"id", "kind", "text"} <= set(p) for p in record["phrases"])
    # The sub-topic it is about, and the leads /swap offers for it.
    assert record["subtopic"] == "party_day" and record["subtopic_label"]
    assert len(record["leads"]) >= 3


def test_classify_without_input_says_how(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, b"  \n")
    code, _, err = run(capsys, "classify")
    assert code == 1 and "每行输入一项" in err


ANSWERS = ROOT / "tests" / "data" / "answers"


def test_draft_text_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "draft", str(ANSWERS / "transport_half_responsibility.toml"))
    assert code == 0
    assert out.splitlines()[0] == "江北市交通运输局2026年上半年落实全面从严治党主体责任情况报告"
    assert "待补充" in out and "46名" not in out


def test_draft_markdown_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "draft", str(ANSWERS / "street_year_duty.toml"), "--format", "markdown"
    )
    assert code == 0 and out.startswith("# 东湖街道党工委书记2026年度抓党建工作述职报告")
    code, out, _ = run(capsys, "draft", str(ANSWERS / "tax_quarter_summary.toml"), "--explain")
    assert code == 0
    assert "来源：第1项工作（您的原话）" in out
    assert re.search(r"来源：短语库 [a-z_]+-[0-9a-f]{8}（\d{3}_", out)


def test_draft_docx_file_opens_again(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import docx

    target = tmp_path / "out" / "总结.docx"
    code, _, err = run(
        capsys,
        "draft",
        str(ANSWERS / "tax_quarter_summary.toml"),
        "--format",
        "docx",
        "-o",
        str(target),
    )
    assert code == 0 and "已生成" in err and "待补充" in err
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    # The long title is broken into two lines within its one paragraph.
    assert texts[0] == "国家税务总局临江县税务局\n2026年第三季度党建工作总结"
    assert "46名党员参加" in "".join(texts)
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_draft_to_a_text_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    code, out, _ = run(
        capsys, "draft", str(ANSWERS / "tax_quarter_summary.toml"), "-o", str(target)
    )
    assert code == 0 and out == ""
    assert target.read_text("utf-8").startswith(
        "国家税务总局临江县税务局2026年第三季度党建工作总结"
    )


def test_malformed_answers_file_names_the_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        'unit = "某局"\nperiod = "2026年第九季度"\ngenre = "summary"\nactivities = ["开会"]\n',
        "utf-8",
    )
    code, _, err = run(capsys, "draft", str(path))
    assert code == 1
    assert "period" in err and "2026年第三季度" in err and str(path) in err


def tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and mode: what "no file changed" compares."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


GOOD_ANSWERS = (
    'unit = "江北市交通运输局"\nperiod = "2026年上半年"\ngenre = "summary"\n'
    'activities = ["组织党员观看警示教育片"]\n'
)


@pytest.mark.parametrize(
    ("argv", "said", "code"),
    [
        (["draft", "{dir}"], "是一个文件夹；请给出答卷文件的路径", 1),
        (["draft", "{dir}/a.toml", "-o", "{dir}"], "-o 需要一个文件名", 1),
        (["draft", "{dir}/a.toml", "-o", "{dir}/a.toml"], "就是输入文件本身", 1),
        (["draft", "{dir}/a.toml", "-o", "{dir}/./a.toml", "--format", "docx"], "输入文件本身", 1),
        (["draft", "{dir}/none.toml"], "答卷文件 {dir}/none.toml 不存在", 1),
        (["draft", "{dir}/bad.toml"], "不是有效的 TOML：第 1 行第 8 列：等号后面的值无法识别", 1),
        (["draft", "{dir}/a.toml", "--bogus"], "无法识别的参数：--bogus", 2),
        (["draft"], "缺少必需的参数：ANSWERS.toml", 2),
        (["chat", "--writer", " "], "--writer 需要一个不超过", 2),
    ],
)
def test_each_bad_input_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], said: str, code: int
) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "a.toml").write_text(GOOD_ANSWERS, "utf-8")
    (folder / "bad.toml").write_text("unit = \n", "utf-8")
    before = tree(tmp_path)
    got, out, err = run(capsys, *(a.replace("{dir}", str(folder)) for a in argv))
    assert got == code
    assert said.replace("{dir}", str(folder)) in err
    assert len(err.strip().splitlines()) == 1, err
    assert out == ""
    assert tree(tmp_path) == before


def test_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["draft", "--help"], ["chat", "-h"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith("用法：zongjie") and "显示本帮助并退出" in out
        assert not re.search(r"usage|options|positional|show this help", out)


def test_draft_with_a_read_only_data_directory_still_drafts(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    isolated_data_dir: Path,
    freeze: Callable[[Path], None],
) -> None:
    isolated_data_dir.mkdir()
    freeze(isolated_data_dir)
    code, out, err = run(capsys, "draft", str(ANSWERS / "street_year_duty.toml"))
    assert code == 0 and out.startswith("东湖街道党工委书记2026年度抓党建工作述职报告")
    assert "Traceback" not in err and list(isolated_data_dir.iterdir()) == []


def test_the_readmes_piped_example_starts_with_new() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    example = re.search(r"```sh\nprintf '%s\\n' (\S+)", readme)
    assert example and example.group(1) == "/new"
    assert "--writer" in readme and "conversations/" in readme


def test_jiebas_cache_is_in_the_data_directory_not_tmp(tmp_path: Path) -> None:
    """Regression: another user's /tmp/jieba.cache made every command print a traceback."""
    shared = tmp_path / "tmp"
    shared.mkdir()
    (shared / "jieba.cache").write_bytes(b"someone else's")
    (shared / "jieba.cache").chmod(0o000)
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "phrases", "廉政", "--limit", "1"],
        capture_output=True,
        text=True,
        env=dict(os.environ, TMPDIR=str(shared), ZONGJIE_DATA_DIR=str(data)),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert [p.name for p in shared.iterdir()] == ["jieba.cache"]
    assert list(data.glob("jieba-*.cache"))
