"""Reading ANSWERS.toml: good files load, bad ones name the field and what is expected."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.errors import AnswersError, InputError
from bot.writer import answers
from bot.writer.compose import Composer

TODAY = dt.date(2026, 11, 21)
GOOD = """
unit = "江北市交通运输局"
period = "2026年上半年"
genre = "responsibility"
activities = ["召开全面从严治党工作会议", {text = "组织党员志愿服务", theme = "culture"}]
problems = ["自动"]
"""


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "answers.toml"
    path.write_bytes(text.encode(encoding))
    return path


def test_good_file(tmp_path: Path) -> None:
    loaded = answers.load(write(tmp_path, GOOD), TODAY)
    assert loaded.unit == "江北市交通运输局"
    assert loaded.period.label == "2026年上半年"
    assert loaded.genre.id == "responsibility"
    assert [a.text for a in loaded.activities] == ["召开全面从严治党工作会议", "组织党员志愿服务"]
    assert loaded.activities[1].theme == "culture"
    assert loaded.problems == ()  # 自动: leave them to the phrasebank
    assert loaded.party_org == "江北市交通运输局党组"


def test_gbk_file(tmp_path: Path) -> None:
    assert answers.load(write(tmp_path, GOOD, "gbk"), TODAY).unit == "江北市交通运输局"


@pytest.mark.parametrize(
    ("text", "field", "hint"),
    [
        ('period = "2026年"\ngenre = "summary"\nactivities = ["a"]', "unit", "缺失"),
        ('unit = "某局"\ngenre = "summary"\nactivities = ["开会"]', "period", "缺失"),
        (
            'unit = "某局"\nperiod = "2026年第五季度"\ngenre = "summary"\nactivities = ["开会"]',
            "period",
            "2026年第三季度",
        ),
        (
            'unit = "某局"\nperiod = "2026年"\ngenre = "report"\nactivities = ["开会"]',
            "genre",
            "summary",
        ),
        (
            'unit = "某局"\nperiod = "2026年"\ngenre = "summary"\nactivities = []',
            "activities",
            "不能为空",
        ),
        (
            'unit = "某局"\nperiod = "2026年"\ngenre = "summary"\nactivities = "开会"\nplans = 3',
            "plans",
            "文字列表",
        ),
        (
            'unit = "某局"\nperiod = "2026年"\ngenre = "summary"\nactivities = [1]',
            "activities 第1项",
            "非空文字",
        ),
        (
            'unit = "某局"\nperiod = "2026年"\ngenre = "summary"\n'
            'activities = [{text = "开会", theme = "x"}]',
            "theme",
            "politics",
        ),
        (
            'unit = "某局"\nperiod = "2026年"\ngenre = "summary"\nactivities = ["开会"]\ntypo = 1',
            "typo",
            "可用字段",
        ),
        (
            'unit = 5\nperiod = "2026年"\ngenre = "summary"\nactivities = ["开会"]',
            "unit",
            "格式不对",
        ),
        (
            'unit = "ABC"\nperiod = "2026年"\ngenre = "summary"\nactivities = ["开会"]',
            "unit",
            "中文全称",
        ),
        (
            'unit = "某局"\nperiod = "2026年"\ngenre = "duty"\nactivities = ["开会"]\n'
            'name = "Zhang\\u0007"',
            "name",
            "述职人姓名",
        ),
    ],
)
def test_malformed_answers_name_the_field(tmp_path: Path, text: str, field: str, hint: str) -> None:
    with pytest.raises(AnswersError) as caught:
        answers.load(write(tmp_path, text), TODAY)
    message = str(caught.value)
    assert field in message and hint in message, message


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("unit = \n", "第 1 行第 8 列：等号后面的值无法识别"),
        ('unit = "某局\n', "第 1 行第 11 列：引号没有闭合"),
        ('unit = "某局"\nunit = "另一局"\n', "同一个字段写了两次"),
        ('activities = ["开会"\n', "列表的方括号 ] 没有闭合"),
        ('unit "某局"\n', "字段名后面缺少等号"),
        ('unit = "某局" period = "2026年"\n', "一行里写了多个值"),
    ],
)
def test_toml_errors_are_said_in_chinese(tmp_path: Path, text: str, said: str) -> None:
    with pytest.raises(InputError) as caught:
        answers.load(write(tmp_path, text), TODAY)
    message = str(caught.value)
    assert said in message and "不是有效的 TOML" in message, message
    words = message.replace(str(tmp_path / "answers.toml"), "").replace("TOML", "")
    assert not re.search(r"[A-Za-z]{4,}", words), message


def test_a_missing_file_is_not_called_a_field(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        answers.load(tmp_path / "nowhere.toml", TODAY)
    assert "不存在" in str(caught.value) and "字段" not in str(caught.value)


def test_a_folder_is_not_an_answers_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="是一个文件夹"):
        answers.load(tmp_path, TODAY)


def test_huge_activity_is_refused_with_a_reason(tmp_path: Path) -> None:
    text = GOOD.replace("召开全面从严治党工作会议", "开" * 3000)
    with pytest.raises(AnswersError, match="太长"):
        answers.load(write(tmp_path, text), TODAY)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不存在"):
        answers.load(tmp_path / "none.toml", TODAY)
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\x00\x01\x02PK")
    with pytest.raises(InputError, match="二进制"):
        answers.load(binary, TODAY)


@pytest.mark.parametrize(
    ("unit", "org"),
    [
        ("东湖街道党工委", "东湖街道党工委"),
        ("东湖街道", "东湖街道党工委"),
        ("国家税务总局临江县税务局", "国家税务总局临江县税务局党委"),
        ("江北市交通运输局", "江北市交通运输局党组"),
        ("青山镇", "青山镇党委"),
        ("江北市第一中学", "江北市第一中学党总支"),
        ("宁川县人民医院", "宁川县人民医院党委"),
        ("幸福里社区", "幸福里社区党支部"),
        ("江州市发展和改革委员会", "江州市发展和改革委员会党组"),
    ],
)
def test_party_organisation_is_derived_from_the_unit(tmp_path: Path, unit: str, org: str) -> None:
    loaded = answers.load(write(tmp_path, GOOD.replace("江北市交通运输局", unit)), TODAY)
    assert loaded.party_org == org


def test_a_duty_report_is_signed_with_the_writers_name(
    tmp_path: Path, shared_composer: Composer
) -> None:
    text = 'unit = "某县司法局党组"\nperiod = "2026年"\ngenre = "duty"\nname = "王建军"\n'
    text += 'activities = ["主持召开党组会7次，研究党建工作3次"]'
    report = shared_composer.compose(answers.load(write(tmp_path, text), TODAY)).report
    assert "述职人：王建军" in report.signature[0].text
    assert not any("述职人姓名" in line for line in report.todo)
