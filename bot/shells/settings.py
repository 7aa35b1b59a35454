"""The bot's configuration: config.toml (flat keys) and ZONGJIE_TOKEN, read once into Settings.

Every problem with the file is one Chinese line naming the key and what it
should be; the token itself never appears in a message or a log.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bot.errors import ConfigError
from bot.writer.answers import toml_problem

KEYS = (
    "token",
    "allowed_users",
    "data_dir",
    "phrasebank",
    "base_url",
    "log_level",
    "webhook_url",
    "webhook_listen",
    "webhook_port",
    "orgs",
)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
NO_TOKEN = (
    "没有配置 Telegram 机器人令牌：请在 config.toml 中设置 token，或设置环境变量 ZONGJIE_TOKEN"
)


@dataclass(frozen=True)
class Settings:
    token: str
    allowed_users: frozenset[int]
    data_dir: Path
    phrasebank: Path | None = None
    base_url: str | None = None
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    # Telegram user id → the organisation it writes for (config.toml's [orgs] table).
    orgs: Mapping[int, str] = field(default_factory=dict)

    @property
    def base_file_url(self) -> str | None:
        """Where files are fetched: python-telegram-bot's form, beside `base_url`."""
        if not self.base_url:
            return None
        root = self.base_url.rstrip("/").removesuffix("/bot")
        return f"{root}/file/bot"

    def __repr__(self) -> str:  # the token must not reach logs through a repr
        users = len(self.allowed_users)
        return (
            f"Settings(data_dir={self.data_dir!s}, allowed_users={users}, base_url={self.base_url})"
        )


def load(path: Path | None, env: Mapping[str, str], default_data_dir: Path) -> Settings:
    """Settings from `path` (optional) and the environment; ConfigError says what is wrong."""
    raw: dict[str, Any] = {}
    if path is not None:
        raw = _read(path)
    name = str(path) if path else "配置"
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{name}：不认识的配置项 {'、'.join(unknown)}；可用的有 {'、'.join(KEYS)}"
        )
    token = env.get("ZONGJIE_TOKEN", "").strip() or _text(raw, "token", name)
    if not token:
        raise ConfigError(NO_TOKEN)
    if ":" not in token or any(ch.isspace() for ch in token):
        raise ConfigError(f"{name}：token 的格式不对，应形如 123456789:AAE…（从 @BotFather 获得）")
    return Settings(
        token=token,
        allowed_users=_users(raw.get("allowed_users", []), name),
        data_dir=Path(_text(raw, "data_dir", name) or default_data_dir).expanduser(),
        phrasebank=Path(p).expanduser() if (p := _text(raw, "phrasebank", name)) else None,
        base_url=_url(raw, "base_url", name),
        log_level=_level(raw, name),
        webhook_url=_url(raw, "webhook_url", name),
        webhook_listen=_text(raw, "webhook_listen", name) or "127.0.0.1",
        webhook_port=_port(raw, name),
        orgs=_orgs(raw.get("orgs", {}), name),
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"找不到配置文件 {path}（可参照 config.example.toml 新建）") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 不是 UTF-8 编码，请用 UTF-8 保存") from exc
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc.strerror or exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 格式错误：{toml_problem(exc)}") from exc


def _text(raw: dict[str, Any], key: str, name: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise ConfigError(f"{name}：{key} 应为文字（用英文引号括起来）")
    return value.strip()


def _users(value: Any, name: str) -> frozenset[int]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise ConfigError(
            f"{name}：allowed_users 应为 Telegram 用户 ID 的列表，例如 [123456789, 987654321]"
        )
    return frozenset(value)


def _url(raw: dict[str, Any], key: str, name: str) -> str | None:
    value = _text(raw, key, name)
    if not value:
        return None
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(
            f"{name}：{key} 应为 http:// 或 https:// 开头的地址，例如 http://127.0.0.1:8081/bot"
        )
    return value


def _orgs(value: Any, name: str) -> dict[int, str]:
    """[orgs]: organisation id → its writers' Telegram user ids; each user in one only."""
    example = "例如 [orgs] 下写 renmin-hospital = [123456789, 987654321]"
    if not isinstance(value, dict):
        raise ConfigError(f"{name}：orgs 应为一个表（{example}）")
    members: dict[int, str] = {}
    for org, users in value.items():
        if not org.strip() or not isinstance(users, list):
            raise ConfigError(f"{name}：orgs 中的“{org}”应为用户 ID 的列表（{example}）")
        for user in _users(users, name):
            if user in members and members[user] != org:
                raise ConfigError(
                    f"{name}：用户 {user} 同时出现在“{members[user]}”和“{org}”中；"
                    "每位用户只能属于一个组织"
                )
            members[user] = org
    return members


def _level(raw: dict[str, Any], name: str) -> str:
    level = (_text(raw, "log_level", name) or "INFO").upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"{name}：log_level 应为 {'、'.join(LOG_LEVELS)} 之一")
    return level


def _port(raw: dict[str, Any], name: str) -> int:
    value = raw.get("webhook_port", 8443)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 65535:
        raise ConfigError(f"{name}：webhook_port 应为 1～65535 之间的整数")
    return value


class RedactToken(logging.Filter):
    """Replaces the bot token wherever it would appear in a log line (httpx logs request URLs)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg = message.replace(self.token, "<token>")
            record.args = None
        if record.exc_info and not record.exc_text:
            # Network errors carry the request URL, token and all, in their text.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<token>")
        return True


class DemoteRetries(logging.Filter):
    """python-telegram-bot's network retry loop, logged at DEBUG instead of ERROR.

    An unreachable server or a refused token would otherwise print each retry
    with its chained traceback before the one line the operator needs, which
    the command line prints itself.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        ours = record.name.startswith("telegram")
        if not ours or "Network Retry Loop" not in record.getMessage():
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger().isEnabledFor(logging.DEBUG)


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(DemoteRetries())
    handler.addFilter(RedactToken(settings.token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    # httpx logs every request URL (which holds the token) at INFO.
    logging.getLogger("httpx").setLevel(logging.WARNING)
