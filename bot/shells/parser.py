"""argparse in Chinese: its usage line, section titles, -h and error messages."""

from __future__ import annotations

import argparse
import re
from typing import Any, NoReturn


class UsageError(Exception):
    """The command line itself is wrong."""


# argparse's own messages, said in Chinese.
_ARGPARSE_MESSAGES = (
    (
        re.compile(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)"),
        "“{1}”不是可用的选项，可选：{2}",
    ),
    (
        re.compile(r"argument (\S+): invalid int value: '([^']*)'"),
        "{0} 需要一个整数，收到的是“{1}”",
    ),
    (re.compile(r"argument (\S+): expected one argument"), "{0} 后面缺少参数值"),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
    (re.compile(r"the following arguments are required: (.*)"), "缺少必需的参数：{0}"),
)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # argparse passes prefix "" when it builds a sub-command's name from this usage.
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """argparse with its own words (usage, section titles, -h) in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _ARGPARSE_MESSAGES:
            if match := pattern.search(message):
                groups = [g.replace("'", "") for g in match.groups()]
                message = chinese.format(*groups)
                break
        raise UsageError(f"{message}（运行 {self.prog} --help 查看用法）")
