"""`zongjie import` and /import in the console: what was learned, in one message; a bad file
in one line with nothing kept; then the console chat walks the earlier report's plans."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.chat.dialogue import Engine
from bot.chat.library import summary
from bot.chat.organisations import Organisations
from bot.chat.sessions import ConversationStore
from bot.chat.states import Event
from bot.shells.cli import main
from phrasebank.bank import Bank
from phrasebank.own import Library
from phrasebank.themes import load_lexicon

from .owndocs import EARLIER, bad_file, report_docx


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_says_what_it_learned(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_data_dir: Path
) -> None:
    report = tmp_path / "2025年党建工作总结.docx"
    report.write_bytes(report_docx())
    code, out, _ = run(capsys, "import", str(report), "--org", "renmin-hospital")
    assert code == 0
    assert "已导入 《2025年党建工作总结》" in out and "条本单位的提法" in out
    assert "不会发送到任何地方" in out
    assert (isolated_data_dir / "orgs" / "renmin-hospital" / "bank.json").exists()
    code, out, _ = run(capsys, "import", str(report), "--org", "renmin-hospital", "--json")
    record = json.loads(out)
    assert (
        code == 1 and record["documents"] == [] and "已经导入过" in record["skipped"][0]["reason"]
    )


def test_a_bad_file_is_one_line_and_nothing_is_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_data_dir: Path
) -> None:
    name, data, says = bad_file("wps")
    path = tmp_path / name
    path.write_bytes(data)
    code, out, _ = run(capsys, "import", str(path), "--org", "x")
    assert code == 1
    assert out.splitlines() == [
        "没有导入任何报告。",
        f"未导入 {name}：" + out.split("：", 1)[1].strip(),
    ]
    assert says in out
    assert not (isolated_data_dir / "orgs" / "x" / "bank.json").exists()


def test_draft_with_org_names_the_own_reports_in_explain(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "2025年党建工作总结.txt"
    report.write_bytes(EARLIER.read_bytes())
    run(capsys, "import", str(report), "--org", "h")
    answers = tmp_path / "answers.toml"
    answers.write_text(
        'unit = "宁川县人民医院"\nperiod = "2026年上半年"\ngenre = "summary"\n'
        'activities = ["3月组织读书分享会两次，共读《之江新语》"]\n',
        "utf-8",
    )
    _, own, _ = run(capsys, "draft", str(answers), "--explain", "--org", "h")
    _, plain, _ = run(capsys, "draft", str(answers), "--explain")
    assert "本单位报告" in own and "本单位报告" not in plain


def test_console_import_then_the_checklist(tmp_path: Path) -> None:
    report = tmp_path / "2025年 党建工作总结.docx"
    report.write_bytes(report_docx())
    session = [
        f'/import "{report}"',
        "/new",
        "宁川县人民医院",
        "2026年上半年",
        "1",
        "1",  # 已落实
        "4月组织读书分享会3场",
        "3",  # 跳过
        "3",  # 跳过
        "2",  # 未开展
        "积分标准尚在征求意见",
        "7月1日组织党员重温入党誓词",
        "/done",
        "自动",
        "/done",
        "自动",
        "/done",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--writer", "张三", "--org", "renmin-hospital"],
        input="\n".join(session) + "\n",
        capture_output=True,
        text=True,
        env=dict(os.environ, ZONGJIE_DATA_DIR=str(tmp_path / "data")),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "已导入 《2025年 党建工作总结》" in out
    assert "第 1/4 条" in out and "第 4/4 条" in out
    draft = out[out.index("宁川县人民医院2026年上半年党建工作总结") :]
    assert "4月组织读书分享会3场" in draft
    assert "“完善党员积分管理办法”尚未落实，主要原因是积分标准尚在征求意见" in draft


def test_brands_confirmed_by_the_button_stay_in_the_bank(bank: Bank, tmp_path: Path) -> None:
    source = tmp_path / "brand.txt"
    source.write_text(
        EARLIER.read_text("utf-8").replace(
            "二是廉韵清风守底线。", "二是廉韵清风守底线。持续擦亮“杏林清风”廉洁文化品牌。"
        ),
        "utf-8",
    )
    data = tmp_path / "data"
    learned = Library(data, "brand-unit").add([(source, "brand.txt")])
    organisations = Organisations(data, bank, {"telegram:9": "brand-unit"})
    engine = Engine(organisations.base, ConversationStore(data), organisations=organisations)
    question = summary(learned, load_lexicon())[-1]
    assert "杏林清风" in question.text and "本单位的品牌/提法" in question.text
    yes = next(c for c in question.choices if c.label == "是本单位的")
    (reply,) = engine.handle("telegram:9", Event("press", yes.data))
    assert "可以写进本单位的报告" in reply.text
    own = organisations.composer("telegram:9").bank
    assert any("杏林清风" in p.text and p.own for p in own)


def test_draft_with_an_org_that_imported_nothing_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        'unit = "宁川县人民医院"\nperiod = "2026年上半年"\ngenre = "summary"\n'
        'activities = ["3月组织读书分享会两次"]\n',
        "utf-8",
    )
    code, out, err = run(capsys, "draft", str(answers), "--org", "nobody")
    assert code == 0 and "还没有导入任何报告" in err and "读书分享会" in out


def test_answers_can_say_which_plan_an_activity_carried_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        'unit = "宁川县人民医院"\nperiod = "2026年上半年"\ngenre = "summary"\n'
        'activities = [{ text = "4月组织读书分享会3场", plan = "深化书香医院建设" },'
        ' "7月1日组织党员重温入党誓词"]\n'
        'unmet = ["上期提出的“完善党员积分管理办法”尚未落实，主要原因是积分标准尚在征求意见"]\n',
        "utf-8",
    )
    code, out, _ = run(capsys, "draft", str(answers), "--explain")
    assert code == 0
    assert "答复上期打算“深化书香医院建设”" in out
    problems = out[out.index("二、") :]
    assert "尚未落实，主要原因是积分标准尚在征求意见" in problems
    assert "第1条未落实的上期打算" in problems
