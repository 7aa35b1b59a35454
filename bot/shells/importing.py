"""``zongjie import``: the organisation's own earlier reports into its own bank."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bot.chat import texts
from bot.chat.library import summary
from phrasebank.own import Library
from phrasebank.themes import load_lexicon

from .parser import UsageError
from .places import data_dir, default_writer


def cmd_import(args: argparse.Namespace) -> int:
    org = args.org if args.org is not None else default_writer()
    library = Library(data_dir(), org)
    if args.brands is not None:
        decided = library.pending_brands()
        library.decide_brands(decided, own=args.brands == "yes")
        if not args.paths:
            print(texts.brands_decided(decided, own=args.brands == "yes"))
            return 0
    if not args.paths:
        raise UsageError("请写上要导入的报告文件，例如 zongjie import 2025年党建工作总结.docx")
    learned = library.add([(Path(p).expanduser(), Path(p).name) for p in args.paths])
    if args.json:
        record: dict[str, Any] = {
            "org": org,
            "documents": list(learned.documents),
            "phrases": learned.phrases,
            "by_kind": learned.by_kind,
            "by_theme": learned.by_theme,
            "skipped": [{"file": e.path, "reason": e.reason} for e in learned.skipped],
            "brands": list(learned.brands),
        }
        print(json.dumps(record, ensure_ascii=False))
    else:
        replies = summary(learned, load_lexicon())
        print(replies[0].text)
        if len(replies) > 1:
            print(texts.brands_on_command_line(replies[1].text, org))
    return 0 if learned.documents else 1


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("import", help="导入本单位以前的报告，学习其中的提法")
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="报告文件（.docx/.txt/.md/带文字的 PDF）"
    )
    parser.add_argument("--org", metavar="ID", help="组织代号；默认是当前系统用户名")
    parser.add_argument(
        "--brands",
        choices=["yes", "no"],
        help="确认上次导入时列出的带引号名称是（yes）或不是（no）本单位的品牌/提法",
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出学到的内容")
    parser.set_defaults(handler=cmd_import)
