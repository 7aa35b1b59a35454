"""The ``zongjie`` command line: a thin shell that parses arguments, calls the core and prints.

Library errors become one Chinese line on stderr and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.chat.texts import os_reason
from bot.errors import BotError, InputError
from bot.writer import answers, render
from bot.writer.answers import Activity
from bot.writer.compose import Composer
from bot.writer.docxfile import render_docx, write_docx
from phrasebank import tokens
from phrasebank.build import build as build_bank
from phrasebank.build import bundled_bank, bundled_corpus, bundled_meta
from phrasebank.corpus import decode
from phrasebank.errors import PhrasebankError, SourceError
from phrasebank.files import write_atomic
from phrasebank.own import Library, layered
from phrasebank.phrase import KIND_LABELS, Kind
from phrasebank.search import search
from phrasebank.store import load_bank, save_bank
from phrasebank.themes import THEME_IDS, load_lexicon

from . import importing, listing
from .parser import ChineseParser, UsageError
from .places import (
    LEGACY_CONSOLE_USER,
    console_user,
    data_dir,
    default_db,
    default_writer,
    open_bank,
)

log = logging.getLogger(__name__)

PROGRESS_THRESHOLD = 5


# ------------------------------------------------------------------ mine


def cmd_mine(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [bundled_corpus()]
    db = Path(args.db) if args.db else default_db()

    def skip(error: SourceError) -> None:
        print(f"跳过 {error}", file=sys.stderr)

    many = False

    def progress(index: int, total: int, name: str) -> None:
        nonlocal many
        many = total > PROGRESS_THRESHOLD
        if many:
            print(f"[{index}/{total}] 正在读取 {name}", file=sys.stderr)

    def stage(line: str) -> None:
        if many:
            print(line, file=sys.stderr)

    result = build_bank(paths, on_skip=skip, progress=progress, stage=stage)
    bank = result.bank
    save_bank(bank, db, {"corpus": "custom"} if args.paths else bundled_meta())
    if args.paths:
        # The bundled corpus' quirks (001 skips （五）) are known; the writer's own are news.
        for line in listing.document_notes(bank.documents):
            print(line, file=sys.stderr)
    by_kind, by_theme = bank.by_kind(), bank.by_theme()
    if args.json:
        summary = {
            "documents": len(bank.documents),
            "phrases": len(bank),
            "by_kind": by_kind,
            "by_theme": by_theme,
            "db": str(db),
            "skipped": len(result.skipped),
        }
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    lexicon = load_lexicon()
    print(f"已读取 {len(bank.documents)} 篇文档，得到 {len(bank)} 条短语，保存到 {db}")
    if result.skipped:
        print(f"跳过 {len(result.skipped)} 个文件（原因见上方提示）")
    print()
    print(listing.counts_tables(by_kind, by_theme, lexicon))
    return 0


# --------------------------------------------------------------- phrases


def cmd_phrases(args: argparse.Namespace) -> int:
    lexicon = load_lexicon()
    if args.theme and args.theme not in lexicon:
        raise UsageError(f"未知主题“{args.theme}”。可选：{_choices_text(lexicon)}")
    kind = None
    if args.kind:
        try:
            kind = Kind(args.kind)
        except ValueError:
            options = "、".join(f"{k}（{KIND_LABELS[k]}）" for k in Kind)
            raise UsageError(f"未知类别“{args.kind}”。可选：{options}") from None
    if args.limit is not None and args.limit <= 0:
        raise UsageError("--limit 必须是正整数")
    bank = open_bank(Path(args.db) if args.db else None)
    found = search(
        bank, args.query or "", theme=args.theme, kind=kind, limit=args.limit, lexicon=lexicon
    )
    if args.json:
        for phrase in found:
            print(json.dumps(phrase.to_record(), ensure_ascii=False))
        return 0
    if not found:
        print("没有找到匹配的短语。可以换个关键词，或去掉 --theme / --kind 条件再试。")
        return 0
    columns = shutil.get_terminal_size((120, 24)).columns
    print(listing.phrase_table(found, lexicon, columns))
    print(f"\n共 {len(found)} 条")
    return 0


# -------------------------------------------------------------- classify


def cmd_classify(args: argparse.Namespace) -> int:
    lines = _stdin_lines()
    if not lines:
        print(
            "没有读到任何工作内容：请每行输入一项，例如 echo '开展廉政谈话' | zongjie classify",
            file=sys.stderr,
        )
        return 1
    bank = open_bank(Path(args.db) if args.db else None)
    composer = Composer(bank)
    for line in lines:
        text = listing.one_line(line)
        result = composer.classify(Activity(text[: answers.MAX_TEXT]))
        if args.json:
            record = listing.classification_record(
                text, result, composer.matcher, composer.subtopic(text, result.theme)
            )
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(f"{result.theme}\t{result.confidence:.2f}\t{text}")
    return 0


def _stdin_lines() -> list[str]:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    if not data.strip():
        return []
    try:
        text, _ = decode(data, "标准输入")
    except SourceError as exc:
        raise UsageError(f"无法读取输入：{exc.reason}") from exc
    return [line for line in text.splitlines() if line.strip()]


# ----------------------------------------------------------------- draft


def cmd_draft(args: argparse.Namespace) -> int:
    output = Path(args.output) if args.output else None
    if output is not None:
        _check_output(output, [Path(args.answers), *([Path(args.db)] if args.db else [])])
    loaded = answers.load(Path(args.answers))
    bank = open_bank(Path(args.db) if args.db else None)
    if args.org is not None:
        own = Library(data_dir(), args.org).bank()
        if own is None:
            print(f"提示：组织“{args.org}”还没有导入任何报告，只用内置短语库", file=sys.stderr)
        bank = layered(own, bank)
    report = Composer(bank).compose(loaded).report
    if args.format == "docx":
        data = render_docx(report)
        if output is None:
            if sys.stdout.isatty():
                raise UsageError("--format docx 需要用 -o 指定输出文件，例如 -o 总结.docx")
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_docx(report, output)
            print(f"已生成 {output}", file=sys.stderr)
        if args.explain:
            print(render.explain(report, bank), file=sys.stdout if output else sys.stderr)
        if report.todo:
            print(render.todo_text(report), file=sys.stderr)
        return 0
    if args.explain:
        text = render.explain(report, bank)
    elif args.format == "markdown":
        text = render.to_markdown(report)
    else:
        text = render.to_text(report)
    if args.format != "markdown" and report.todo:
        text = f"{text}\n\n{render.todo_text(report)}"
    if output is None:
        print(text)
    else:
        write_atomic(output, (text + "\n").encode("utf-8"), private=False)
        print(f"已生成 {output}", file=sys.stderr)
    return 0


def _check_output(output: Path, inputs: list[Path]) -> None:
    """Refuse an output that is a folder or one of the command's own inputs."""
    if output.is_dir():
        raise InputError(
            f"-o 需要一个文件名，{output} 是一个文件夹；例如 -o {output / '总结.docx'}"
        )
    for source in inputs:
        if source.exists() and output.exists() and output.resolve() == source.resolve():
            raise InputError(f"-o {output} 就是输入文件本身，程序不会覆盖它；请换一个输出文件名")


# ------------------------------------------------------------------ chat


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.chat.dialogue import Engine  # noqa: PLC0415
    from bot.chat.organisations import Organisations  # noqa: PLC0415
    from bot.chat.sessions import ConversationStore  # noqa: PLC0415

    from .console import Console  # noqa: PLC0415

    folder = data_dir()
    writer = args.writer if args.writer is not None else default_writer()
    user = console_user(writer)
    store = ConversationStore(folder)
    if args.writer is None:
        # Before --writer every console shared one conversation; it is the OS user's now.
        store.adopt(LEGACY_CONSOLE_USER, user)

    def busy() -> None:
        print(f"“{writer}”的对话正在另一个终端中进行，等它结束后再继续……", file=sys.stderr)

    with store.session(user, busy):
        bank = open_bank(Path(args.db) if args.db else None)
        composer = Composer(bank)
        members = {user: args.org} if args.org else {}
        organisations = Organisations(folder, bank, members, composer)
        engine = Engine(composer, store, organisations=organisations)
        return Console(engine, folder / "exports", user).run()


# -------------------------------------------------------------- telegram


def cmd_telegram(args: argparse.Namespace) -> int:
    from bot.chat.dialogue import Engine  # noqa: PLC0415
    from bot.chat.organisations import Organisations  # noqa: PLC0415
    from bot.chat.sessions import ConversationStore  # noqa: PLC0415

    from . import settings as settings_module  # noqa: PLC0415
    from .telegram_bot import TelegramBot, user_key  # noqa: PLC0415

    config = Path(args.config) if args.config else None
    if config is None and Path("config.toml").exists():
        config = Path("config.toml")
    settings = settings_module.load(config, os.environ, data_dir())
    settings_module.configure_logging(settings)
    tokens.use_cache(settings.data_dir)
    if settings.phrasebank:
        bank = load_bank(settings.phrasebank)
    else:
        bank = bundled_bank(settings.data_dir / "phrasebank.json")
    store = ConversationStore(settings.data_dir)
    composer = Composer(bank)
    members = {user_key(user): org for user, org in settings.orgs.items()}
    organisations = Organisations(settings.data_dir, bank, members, composer)
    print("正在启动 Telegram 机器人（按 Ctrl+C 停止）……", file=sys.stderr)
    try:
        TelegramBot(settings, Engine(composer, store, organisations=organisations)).run()
    finally:
        store.close()
    return 0


def _choices_text(lexicon: Any) -> str:
    return "、".join(f"{t}（{lexicon.label(t)}）" for t in THEME_IDS)


# ----------------------------------------------------------------- parser


def _bank_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="FILE", help="短语库文件；默认由内置语料生成")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="zongjie", description="总结助手：把本单位的工作写成规范的党建工作报告。"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseParser)

    mine = sub.add_parser("mine", help="从文档中挖掘规范表述，生成短语库")
    mine.add_argument(
        "paths", nargs="*", metavar="PATH", help="文档或文件夹（.txt/.md/.docx）；默认内置语料"
    )
    mine.add_argument("--db", metavar="FILE", help="短语库文件；默认放在数据目录")
    mine.add_argument("--json", action="store_true", help="以 JSON 输出统计")
    mine.set_defaults(handler=cmd_mine)

    phrases = sub.add_parser("phrases", help="查找短语库中的表述")
    phrases.add_argument("query", nargs="?", metavar="QUERY", help="关键词，如“廉政”")
    phrases.add_argument("--theme", metavar="ID", help="只看某一主题，如 integrity")
    phrases.add_argument("--kind", metavar="KIND", help="只看某一类别，如 lead、effect、problem")
    phrases.add_argument(
        "--limit", type=int, default=20, metavar="N", help="最多显示几条（默认 20）"
    )
    _bank_option(phrases)
    phrases.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    phrases.set_defaults(handler=cmd_phrases)

    classify = sub.add_parser("classify", help="判断每项工作属于哪个主题（从标准输入逐行读取）")
    _bank_option(classify)
    classify.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    classify.set_defaults(handler=cmd_classify)

    draft = sub.add_parser("draft", help="根据答卷文件（TOML）生成报告")
    draft.add_argument(
        "answers", metavar="ANSWERS.toml", help="答卷：unit、period、genre、activities 等"
    )
    draft.add_argument(
        "--format", choices=["text", "markdown", "docx"], default="text", help="输出格式"
    )
    draft.add_argument("-o", "--output", metavar="FILE", help="写入文件；默认输出到屏幕")
    draft.add_argument("--explain", action="store_true", help="逐句说明来源")
    _bank_option(draft)
    draft.set_defaults(handler=cmd_draft)

    draft.add_argument(
        "--org", metavar="ID", help="用这个组织导入的报告（zongjie import --org）学到的提法"
    )

    importing.add_parser(sub)

    chat = sub.add_parser("chat", help="在终端里对话写报告（也可以用管道输入）")
    chat.add_argument(
        "--writer", metavar="NAME", help="写作者的名字，每人一段对话；默认是当前系统用户名"
    )
    chat.add_argument("--org", metavar="ID", help="写作者所属的组织代号；默认与写作者同名")
    _bank_option(chat)
    chat.set_defaults(handler=cmd_chat)

    telegram = sub.add_parser("telegram", help="运行 Telegram 机器人")
    telegram.add_argument("--config", metavar="FILE", help="配置文件；默认当前目录的 config.toml")
    telegram.set_defaults(handler=cmd_telegram)
    return parser


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    tokens.use_cache(data_dir())
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 0
        return int(args.handler(args))
    except UsageError as exc:
        hint = "" if "--help" in str(exc) else "（运行 zongjie --help 查看用法）"
        print(f"用法错误：{exc}{hint}", file=sys.stderr)
        return 2
    except (PhrasebankError, BotError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        # Whatever file went wrong (a read-only folder, a full disk), one line that names it.
        where = f" {exc.filename}" if exc.filename else ""
        print(
            f"错误：无法读写{where}（{os_reason(exc.errno, exc.strerror or str(exc))}）",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return 130
