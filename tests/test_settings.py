"""Reading config.toml and ZONGJIE_TOKEN into Settings; the token kept out of logs."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.shells.settings import NO_TOKEN, RedactToken, Settings, load

TOKEN = "123456:secret-token"
DEFAULT = Path("/default/data")


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_full_file_is_read_into_settings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f'token = "{TOKEN}"\nallowed_users = [1, 2]\ndata_dir = "{tmp_path}/d"\n'
        'phrasebank = "bank.json"\nbase_url = "http://127.0.0.1:8081/bot"\nlog_level = "debug"\n'
        'webhook_url = "https://example.org/hook"\nwebhook_port = 8080\n',
    )
    settings = load(path, {}, DEFAULT)
    assert settings == Settings(
        token=TOKEN,
        allowed_users=frozenset({1, 2}),
        data_dir=tmp_path / "d",
        phrasebank=Path("bank.json"),
        base_url="http://127.0.0.1:8081/bot",
        log_level="DEBUG",
        webhook_url="https://example.org/hook",
        webhook_port=8080,
    )
    assert settings.base_file_url == "http://127.0.0.1:8081/file/bot"


def test_without_a_file_the_environment_token_and_defaults_do() -> None:
    settings = load(None, {"ZONGJIE_TOKEN": f" {TOKEN} "}, DEFAULT)
    assert settings.token == TOKEN
    assert settings.allowed_users == frozenset()
    assert settings.data_dir == DEFAULT
    assert (settings.phrasebank, settings.base_url, settings.base_file_url) == (None, None, None)
    assert (settings.log_level, settings.webhook_listen, settings.webhook_port) == (
        "INFO",
        "127.0.0.1",
        8443,
    )


def test_the_environment_token_wins_over_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'token = "1:from-file"\n')
    assert load(path, {"ZONGJIE_TOKEN": TOKEN}, DEFAULT).token == TOKEN
    assert load(path, {"ZONGJIE_TOKEN": "  "}, DEFAULT).token == "1:from-file"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("allowed_users = [1]\n", NO_TOKEN),
        ('token = "no-colon"\n', "token 的格式不对"),
        ('token = "12:ab cd"\n', "token 的格式不对"),
        ("token = 123\n", "token 应为文字"),
        (
            'token = "1:a"\nallowed_users = "everyone"\n',
            "allowed_users 应为 Telegram 用户 ID 的列表",
        ),
        ('token = "1:a"\nallowed_users = [true]\n', "allowed_users 应为 Telegram 用户 ID 的列表"),
        ('token = "1:a"\nlog_level = "LOUD"\n', "log_level 应为 DEBUG、INFO、WARNING、ERROR 之一"),
        ('token = "1:a"\ntoken2 = 1\n', "不认识的配置项 token2；可用的有 token、"),
        ("token = \n", "格式错误：第 1 行第 9 列：等号后面的值无法识别"),
        ('token = "1:a"\nbase_url = "ftp://x"\n', "base_url 应为 http:// 或 https:// 开头的地址"),
        ('token = "1:a"\nwebhook_url = "example.org"\n', "webhook_url 应为 http://"),
        ('token = "1:a"\nwebhook_port = 70000\n', "webhook_port 应为 1～65535 之间的整数"),
        ('token = "1:a"\nwebhook_port = true\n', "webhook_port 应为 1～65535 之间的整数"),
    ],
    ids=[
        "no-token",
        "token-format",
        "token-space",
        "token-number",
        "users",
        "users-bool",
        "level",
        "unknown-key",
        "syntax",
        "url",
        "webhook-url",
        "port-range",
        "port-bool",
    ],
)
def test_a_bad_setting_is_named_with_what_it_should_be(
    tmp_path: Path, config: str, message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        load(write(tmp_path, config), {}, DEFAULT)
    assert message in str(raised.value)
    assert "1:a" not in str(raised.value)


def test_a_missing_file_points_to_the_example(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"找不到配置文件.*config\.example\.toml"):
        load(tmp_path / "none.toml", {"ZONGJIE_TOKEN": TOKEN}, DEFAULT)


def test_a_file_not_in_utf8_asks_for_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, 'token = "1:a"\n# 机器人配置\n', encoding="gbk")
    with pytest.raises(ConfigError, match="不是 UTF-8 编码"):
        load(path, {}, DEFAULT)


def test_the_token_is_not_in_the_settings_repr() -> None:
    settings = load(None, {"ZONGJIE_TOKEN": TOKEN}, DEFAULT)
    assert TOKEN not in repr(settings) and "secret" not in str(settings)


def test_the_log_filter_hides_the_token_in_messages_and_tracebacks() -> None:
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1, "POST %s", (f"https://x/bot{TOKEN}/getMe",), None
    )
    try:
        raise OSError(f"cannot reach https://x/bot{TOKEN}/getMe")
    except OSError:
        record.exc_info = sys.exc_info()
    assert RedactToken(TOKEN).filter(record)
    assert record.getMessage() == "POST https://x/bot<token>/getMe"
    assert record.exc_text is not None
    assert TOKEN not in record.exc_text and "<token>" in record.exc_text


def test_the_network_retry_loop_is_debug_only(capsys: pytest.CaptureFixture[str]) -> None:
    """An unreachable base_url: python-telegram-bot's retries stay out of the operator's way."""
    from bot.shells.settings import DemoteRetries

    root = logging.getLogger()
    handler = logging.StreamHandler()
    handler.addFilter(DemoteRetries())
    saved, level = root.handlers[:], root.level
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    try:
        loop = logging.getLogger("telegram.ext._utils.networkloop")
        try:
            raise ConnectionError("All connection attempts failed")
        except ConnectionError:
            loop.exception("%s Failed run number 5 of 5. Aborting.", "Network Retry Loop (x):")
        logging.getLogger("bot.shells.telegram_bot").warning("our own warning stays")
    finally:
        root.handlers[:] = saved
        root.setLevel(level)
    err = capsys.readouterr().err
    assert "Network Retry Loop" not in err and "Traceback" not in err
    assert "our own warning stays" in err


def test_orgs_map_users_to_one_organisation_each(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f'token = "{TOKEN}"\nallowed_users = [1, 2, 3]\n[orgs]\nhospital = [1, 2]\nschool = [3]\n',
    )
    assert load(path, {}, DEFAULT).orgs == {1: "hospital", 2: "hospital", 3: "school"}


def test_a_user_in_two_orgs_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, f'token = "{TOKEN}"\n[orgs]\nhospital = [1, 2]\nschool = [2]\n')
    with pytest.raises(ConfigError, match="用户 2 同时出现在“hospital”和“school”中"):
        load(path, {}, DEFAULT)
