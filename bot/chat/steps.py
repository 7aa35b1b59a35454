"""One step of a conversation: what each state and command does with the writer's input.

A :class:`Steps` holds the conversation being changed; the engine saves
whatever it holds after the step. Moves between states go through
:meth:`Steps.go`, which only follows the declared transitions.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.errors import InputError
from bot.writer import answers, genres, period
from bot.writer.render import to_text, todo_text
from bot.writer.wording import formalise, split_items
from phrasebank.search import search
from phrasebank.text import normal, sanitize

from . import texts
from .conversation import Choice, Conversation, Entry, Reply
from .states import COMMANDS, REVISABLE, TRANSITIONS, Event, State

if TYPE_CHECKING:
    from .dialogue import Engine

AUTO_WORDS = ("自动", "auto", "自动生成", "你来写", "你来选")
# A pasted list longer than this is confirmed in one message, not one per activity.
SUMMARY_AFTER = 3
SUMMARY_TEXT = 40
PICK = "选用："
MAX_SUGGESTIONS = 4


class Steps:
    def __init__(self, engine: Engine, conversation: Conversation) -> None:
        self.engine = engine
        self.composer = engine.composer
        self.lexicon = engine.composer.lexicon
        self.conversation = conversation
        self.profile_unit: str | None = None

    # ---------------------------------------------------------- machinery

    def go(self, happened: str) -> None:
        """Move along the declared transition for what happened in the current state."""
        state = TRANSITIONS[(self.conversation.state, happened)]
        self.set(state=state)

    def set(self, **changes: object) -> None:
        self.conversation = replace(self.conversation, **changes)  # type: ignore[arg-type]

    def change(self, **changes: object) -> None:
        """A change the writer can /undo."""
        self.conversation = self.conversation.remembered()
        self.set(**changes)

    def run(self, event: Event) -> list[Reply]:
        replies = self.dispatch(event)
        # A number typed next refers to the choices last shown, and only to those.
        shown = next((r.choices for r in reversed(replies) if r.choices), ())
        self.set(options=shown)
        return replies

    def dispatch(self, event: Event) -> list[Reply]:
        if event.kind == "command":
            return self.command(event.text)
        if event.kind == "press":
            return self.choose(event.text)
        if event.kind == "other":
            return [Reply(texts.ONLY_TEXT), *self.prompt()]
        text = sanitize(event.text)
        if re.fullmatch(r"\s*\d{1,3}\s*", text):
            number = int(text)
            options = self.conversation.options
            if 1 <= number <= len(options):
                return self.choose(options[number - 1].data)
            if options:
                return [Reply(texts.NO_SUCH_OPTION.format(number=number)), *self.prompt()]
            if self.conversation.state in (
                State.ACTIVITIES,
                State.PROBLEMS,
                State.PLANS,
                State.DONE,
            ):
                return [Reply(texts.ONLY_NUMBER)]
        return self.text(text)

    # -------------------------------------------------------------- text

    def text(self, raw: str) -> list[Reply]:
        state = self.conversation.state
        if state is State.IDLE:
            return [Reply(texts.IDLE_HINT)]
        if state is State.UNIT:
            return self.unit(raw)
        if state is State.PERIOD:
            return self.period(raw)
        if state is State.GENRE:
            return self.genre(raw)
        if state in (State.ACTIVITIES, State.DONE):
            return self.add_activities(raw)
        return self.add_statements(raw, "problems" if state is State.PROBLEMS else "plans")

    def unit(self, raw: str) -> list[Reply]:
        try:
            unit = answers.clean_unit(raw)
        except InputError as exc:
            return [Reply(str(exc))]
        self.change(unit=unit)
        self.profile_unit = unit
        return self.answered("unit")

    def period(self, raw: str) -> list[Reply]:
        try:
            value = period.parse(raw, self.engine.today())
        except InputError as exc:
            return [Reply(str(exc)), *self.prompt()]
        self.change(period=value.label)
        return self.answered("period")

    def genre(self, raw: str) -> list[Reply]:
        try:
            value = genres.parse(raw)
        except InputError as exc:
            return [Reply(str(exc)), *self.prompt()]
        self.change(genre=value.id)
        return self.answered("genre")

    def answered(self, what: str) -> list[Reply]:
        """On to the next question, or back to the draft when this was a revision."""
        if self.conversation.revising:
            self.set(revising=False)
            self.go("revised")
            return self.draft()
        self.go(what)
        return self.prompt()

    def revise(self, what: str) -> list[Reply]:
        if self.conversation.state is not State.DONE or what not in dict(REVISABLE):
            return [Reply(texts.EXPIRED), *self.prompt()]
        changes: dict[str, object] = {"revising": True}
        if what in ("problems", "plans"):
            changes |= {what: (), f"{what}_auto": False}
        self.change(**changes)
        self.go(f"revise_{what}")
        return self.prompt()

    def add_activities(self, raw: str) -> list[Reply]:
        items = split_items(raw)
        if not items or not any(formalise(i) for i in items):
            return [Reply(texts.NO_TEXT)]
        too_long = next((i for i in items if len(i) > answers.MAX_TEXT), None)
        if too_long is not None:
            return [Reply(texts.TOO_LONG.format(length=len(too_long), limit=answers.MAX_TEXT))]
        existing = self.conversation.entries
        known = {normal(formalise(e.text)) for e in existing}
        fresh = [
            i for i in dict.fromkeys(items) if formalise(i) and normal(formalise(i)) not in known
        ]
        repeats = len(items) - len(fresh)
        if not fresh:
            return [Reply(texts.ALREADY_RECORDED)]
        if len(existing) + len(fresh) > answers.MAX_ACTIVITIES:
            limit = answers.MAX_ACTIVITIES
            return [Reply(texts.TOO_MANY.format(added=len(fresh), have=len(existing), limit=limit))]
        entries = list(existing)
        key = self.conversation.next_key
        for item in fresh:
            result = self.composer.classify(answers.Activity(item))
            entries.append(Entry(key, item, result.theme, result.confidence, asked=result.low))
            key += 1
        self.change(entries=tuple(entries), next_key=key, drafted=False)
        new = entries[len(existing) :]
        leads = self.leads()
        if len(new) > SUMMARY_AFTER:
            replies = [self.summary(new, leads)]
        else:
            replies = [self.describe(e, leads) for e in new]
        if repeats:
            replies.append(Reply(texts.SKIPPED_REPEATS.format(count=repeats)))
        unsure = next((e for e in new if e.asked), None)
        if unsure is not None:
            replies.append(self.theme_question(unsure, likely=True))
        elif self.conversation.state is State.DONE:
            replies.append(Reply("已加入。发送 /done 重新生成报告。"))
        return replies

    def summary(self, new: list[Entry], leads: dict[int, str | None]) -> Reply:
        """One reply for a pasted list, instead of one message per activity."""
        first = self.conversation.number_of(new[0].key) or 0
        lines = [f"已记录第 {first}～{first + len(new) - 1} 项："]
        for entry in new:
            number = self.conversation.number_of(entry.key)
            mark = "" if not entry.asked else "（不太确定）"
            lead = f"，引语“{leads[entry.key]}”" if leads.get(entry.key) else ""
            text = (
                entry.text if len(entry.text) <= SUMMARY_TEXT else entry.text[:SUMMARY_TEXT] + "…"
            )
            lines.append(f"{number}. 【{self.lexicon.label(entry.theme)}{mark}】{text}{lead}")
        lines.append("要改哪一项，用 /theme N、/edit N、/del N、/swap N。")
        return Reply("\n".join(lines))

    def describe(self, entry: Entry, leads: dict[int, str | None] | None = None) -> Reply:
        number = self.conversation.number_of(entry.key) or 0
        lead = (leads if leads is not None else self.leads()).get(entry.key)
        text = texts.recorded(
            number, entry.text, self.lexicon.label(entry.theme), not entry.asked, lead
        )
        choices = (
            Choice("改主题", f"retheme:{entry.key}"),
            Choice("换说法", f"swap:{entry.key}"),
            Choice("删除", f"del:{entry.key}"),
        )
        return Reply(text, choices)

    def leads(self) -> dict[int, str | None]:
        """The lead each entry gets in the draft as it stands (one composition for all)."""
        draft = self.engine.answers(self.conversation)
        if draft is None:
            return {}
        placed = self.composer.compose(draft).placed
        return {
            e.key: (p.lead if p else None)
            for e, p in zip(self.conversation.entries, placed, strict=True)
        }

    def theme_question(self, entry: Entry, likely: bool) -> Reply:
        number = self.conversation.number_of(entry.key) or 0
        ranking = self.composer.classify(answers.Activity(entry.text)).likely(3) if likely else []
        themes = ranking or list(self.lexicon.ids)
        choices = [Choice(self.lexicon.label(t), f"theme:{entry.key}:{t}") for t in themes]
        if likely:
            choices.append(Choice("其他主题…", f"retheme:{entry.key}"))
        question = texts.ask_theme(number) if likely else f"第 {number} 项改为哪个主题？"
        return Reply(question, tuple(choices))

    def add_statements(self, raw: str, role: str) -> list[Reply]:
        stripped = raw.strip()
        if stripped.lower() in AUTO_WORDS:
            self.change(**{f"{role}_auto": True, role: ()})
            return [Reply(texts.PROBLEMS_AUTO if role == "problems" else texts.PLANS_AUTO)]
        items = [i for i in split_items(raw) if formalise(i)]
        if not items:
            return [Reply(texts.NO_TEXT)]
        if any(len(i) > answers.MAX_TEXT for i in items):
            return [
                Reply(texts.TOO_LONG.format(length=max(map(len, items)), limit=answers.MAX_TEXT))
            ]
        current: tuple[str, ...] = getattr(self.conversation, role)
        known = {normal(formalise(t)) for t in current}
        fresh = [i for i in dict.fromkeys(items) if normal(formalise(i)) not in known]
        what = "问题" if role == "problems" else "打算"
        if not fresh:
            return [Reply(f"这条{what}已经记录过了。")]
        self.change(**{role: current + tuple(fresh), f"{role}_auto": False})
        count = len(getattr(self.conversation, role))
        return [Reply(f"已记录{what}（共 {count} 条）。还有就继续写，写完发送 /done。")]

    # ------------------------------------------------------------ choices

    def choose(self, data: str) -> list[Reply]:
        kind, _, value = data.partition(":")
        state = self.conversation.state
        # A button answers the question it came with; pressed later (a double tap, an
        # old message) it must not act on whatever the conversation asks now.
        own_state = {"unit": State.UNIT, "period": State.PERIOD, "genre": State.GENRE}.get(kind)
        role = value.partition(":")[0]
        if own_state is not None and state is not own_state:
            return [Reply(texts.EXPIRED), *self.prompt()]
        if kind in ("pick", "auto", "done") and state.value != role:
            return [Reply(texts.EXPIRED), *self.prompt()]
        if kind == "unit":
            remembered = self.engine.store.profile(self.conversation.user).unit
            return self.unit(remembered or "") if value == "remembered" else self.unit(value)
        if kind == "period":
            return self.period(value)
        if kind == "genre":
            return self.genre(value)
        if kind == "theme":
            key, _, theme = value.partition(":")
            return self.set_theme(int(key), theme)
        if kind == "retheme":
            return self.ask_theme_of(int(value))
        if kind in ("swap", "del"):
            number = self.conversation.number_of(int(value))
            if number is None:
                return [Reply("这一项已经删除了。发送 /list 查看当前各项。")]
            return self.swap(number) if kind == "swap" else self.delete(number)
        if kind == "pick":
            # Suggestions travel by number (Telegram allows 64 bytes of button data);
            # the text is the one offered with the conversation's current options.
            chosen = next((c for c in self.conversation.options if c.data == data), None)
            if chosen is None:
                return [Reply(texts.EXPIRED), *self.prompt()]
            return self.add_statements(chosen.label.removeprefix(PICK), role)
        if kind == "auto":
            return self.add_statements("自动", value)
        if kind == "done":
            return self.cmd_done("")
        if kind == "revise":
            return self.revise(value)
        return [Reply(texts.EXPIRED), *self.prompt()]

    def ask_theme_of(self, key: int) -> list[Reply]:
        entry = next((e for e in self.conversation.entries if e.key == key), None)
        if entry is None:
            return [Reply("这一项已经删除了。发送 /list 查看当前各项。")]
        return [self.theme_question(entry, likely=False)]

    def set_theme(self, key: int, theme: str) -> list[Reply]:
        entries = list(self.conversation.entries)
        index = next((i for i, e in enumerate(entries) if e.key == key), None)
        if index is None or theme not in self.lexicon:
            return [Reply("这一项已经删除了。发送 /list 查看当前各项。")]
        entries[index] = replace(entries[index], theme=theme, chosen=True, asked=False)
        self.change(entries=tuple(entries), drafted=False)
        replies = [self.describe(entries[index])]
        pending = next((e for e in self.conversation.entries if e.asked), None)
        if pending is not None:
            replies.append(self.theme_question(pending, likely=True))
        return replies

    # ----------------------------------------------------------- commands

    def command(self, raw: str) -> list[Reply]:
        name, _, rest = sanitize(raw).strip()[1:].partition(" ")
        name = name.split("@", 1)[0].lower()
        handler = getattr(self, f"cmd_{name}", None)
        if handler is None or name not in dict(COMMANDS):
            return [Reply(texts.UNKNOWN_COMMAND.format(command="/" + name[:20]))]
        replies: list[Reply] = handler(rest.strip())
        return replies

    def cmd_start(self, _: str) -> list[Reply]:
        if self.conversation.state is State.IDLE:
            return [Reply(texts.GREETING), *self.cmd_new("")]
        return [Reply("欢迎回来，我们接着上次的进度。"), *self.prompt()]

    def cmd_new(self, _: str) -> list[Reply]:
        self.conversation = self.fresh()
        self.go("new")
        return self.prompt()

    def cmd_cancel(self, _: str) -> list[Reply]:
        self.conversation = self.fresh()
        self.go("cancel")
        return [Reply(texts.CANCELLED)]

    def fresh(self) -> Conversation:
        """An empty conversation that can still be undone, numbering activities on from here.

        Activity keys are never reused for a writer, so a button on an old
        message can never reach a newer activity.
        """
        old = self.conversation
        return Conversation(
            user=old.user, state=old.state, next_key=old.next_key, undo=old.remembered().undo
        )

    def cmd_help(self, _: str) -> list[Reply]:
        lines = [
            texts.HELP_HEADER,
            *(f"/{name} — {what}" for name, what in COMMANDS),
            texts.HELP_FOOTER,
        ]
        return [Reply("\n".join(lines))]

    def cmd_list(self, _: str) -> list[Reply]:
        entries = self.conversation.entries
        if not entries:
            idle = self.conversation.state is State.IDLE
            return [Reply(texts.IDLE_HINT if idle else texts.NEED_ACTIVITIES)]
        lines = [
            f"{i}. 【{self.lexicon.label(e.theme)}】{e.text}" for i, e in enumerate(entries, 1)
        ]
        return [Reply("已记录的工作：\n" + "\n".join(lines))]

    def numbered(self, rest: str, example: str) -> tuple[int, str] | Reply:
        match = re.match(r"^\s*(\d{1,3})(?:\s+(.*))?$", rest, re.S)
        count = len(self.conversation.entries)
        if not match:
            return Reply(texts.BAD_NUMBER.format(example=example, count=count))
        number = int(match.group(1))
        if self.conversation.entry(number) is None:
            return Reply(texts.NO_SUCH_ITEM.format(number=number, count=count))
        return number, (match.group(2) or "").strip()

    def cmd_edit(self, rest: str) -> list[Reply]:
        parsed = self.numbered(rest, "/edit 2 组织党员观看警示教育片")
        if isinstance(parsed, Reply):
            return [parsed]
        number, text = parsed
        if not formalise(text):
            return [Reply("请在序号后写上新内容，例如 /edit 2 组织党员观看警示教育片。")]
        if len(text) > answers.MAX_TEXT:
            return [Reply(texts.TOO_LONG.format(length=len(text), limit=answers.MAX_TEXT))]
        entries = list(self.conversation.entries)
        old = entries[number - 1]
        if old.chosen:
            entries[number - 1] = replace(old, text=text, variant=0)
        else:
            result = self.composer.classify(answers.Activity(text))
            entries[number - 1] = replace(
                old,
                text=text,
                theme=result.theme,
                confidence=result.confidence,
                asked=result.low,
                variant=0,
            )
        self.change(entries=tuple(entries), drafted=False)
        replies = [self.describe(entries[number - 1])]
        if entries[number - 1].asked:
            replies.append(self.theme_question(entries[number - 1], likely=True))
        return replies

    def cmd_del(self, rest: str) -> list[Reply]:
        count = len(self.conversation.entries)
        numbers = sorted({int(n) for n in re.findall(r"\d{1,3}", rest)}, reverse=True)
        if not numbers or re.search(r"[^\d\s,，、]", rest):
            return [Reply(texts.BAD_NUMBER.format(example="/del 2（或 /del 2 5）", count=count))]
        missing = [n for n in numbers if self.conversation.entry(n) is None]
        if missing:
            return [Reply(texts.NO_SUCH_ITEM.format(number=missing[0], count=count))]
        return self.delete(*numbers)

    def delete(self, *numbers: int) -> list[Reply]:
        entries = list(self.conversation.entries)
        removed = [entries.pop(n - 1) for n in sorted(numbers, reverse=True)]
        self.change(entries=tuple(entries), drafted=False)
        lines = "\n".join(
            f"第 {n} 项：{e.text}"
            for n, e in zip(sorted(numbers, reverse=True), removed, strict=True)
        )
        return [
            Reply(f"已删除\n{lines}\n发送 /undo 可以恢复；其余各项已重新编号，发送 /list 查看。")
        ]

    def cmd_theme(self, rest: str) -> list[Reply]:
        parsed = self.numbered(rest, "/theme 2")
        if isinstance(parsed, Reply):
            return [parsed]
        entry = self.conversation.entry(parsed[0])
        assert entry is not None
        return [self.theme_question(entry, likely=False)]

    def cmd_swap(self, rest: str) -> list[Reply]:
        parsed = self.numbered(rest, "/swap 2")
        if isinstance(parsed, Reply):
            return [parsed]
        return self.swap(parsed[0])

    def swap(self, number: int) -> list[Reply]:
        entries = list(self.conversation.entries)
        entries[number - 1] = replace(entries[number - 1], variant=entries[number - 1].variant + 1)
        self.change(entries=tuple(entries), drafted=False)
        lead = self.leads().get(entries[number - 1].key)
        if lead is None:
            return [Reply(f"第 {number} 项没有更多合适的说法了，将直接使用您的原话。")]
        return [Reply(f"第 {number} 项换了一种说法，引语改为：“{lead}”。")]

    def cmd_undo(self, _: str) -> list[Reply]:
        previous = self.conversation.undone()
        if previous is None:
            return [Reply(texts.NOTHING_TO_UNDO)]
        self.conversation = previous
        return [Reply(texts.UNDONE), *self.prompt()]

    def cmd_done(self, _: str) -> list[Reply]:
        state = self.conversation.state
        if state is State.IDLE:
            return [Reply(texts.IDLE_HINT)]
        if state in (State.UNIT, State.PERIOD, State.GENRE):
            return [Reply("请先回答上面的问题。"), *self.prompt()]
        if state is State.ACTIVITIES and not self.conversation.entries:
            return [Reply(texts.NEED_ACTIVITIES)]
        self.conversation = self.conversation.remembered()
        if state is State.PROBLEMS and not (
            self.conversation.problems or self.conversation.problems_auto
        ):
            self.set(problems_auto=True)
        if state is State.PLANS and not (self.conversation.plans or self.conversation.plans_auto):
            self.set(plans_auto=True)
        if state is State.PROBLEMS and self.conversation.revising:
            self.set(revising=False)
            self.go("revised")
            return self.draft()
        self.go("done")
        if self.conversation.state is State.DONE:
            return self.draft()
        return self.prompt()

    def cmd_preview(self, _: str) -> list[Reply]:
        missing = self.missing()
        if missing:
            return [Reply(missing)]
        draft = self.engine.answers(self.conversation)
        assert draft is not None
        report = self.composer.compose(draft).report
        return [
            Reply(to_text(report)),
            Reply("以上是当前草稿。可以继续修改，发送 /done 完成当前环节。"),
        ]

    def cmd_export(self, _: str) -> list[Reply]:
        missing = self.missing()
        if missing:
            return [Reply(missing)]
        return [Reply("报告的 Word 文档：", document=True)]

    def cmd_phrases(self, rest: str) -> list[Reply]:
        query = rest.strip()
        if not query:
            return [Reply("请在命令后写上关键词，例如 /phrases 廉政。")]
        found = search(self.composer.bank, query[:50], limit=5)
        if not found:
            return [Reply(f"没有找到和“{query[:20]}”相关的表述。")]
        lines = [
            f"{i}. {p.text}" + ("（旧提法）" if p.stale else "") for i, p in enumerate(found, 1)
        ]
        return [Reply(f"与“{query[:20]}”相关的规范表述：\n" + "\n".join(lines))]

    # ------------------------------------------------------------- output

    def missing(self) -> str | None:
        conversation = self.conversation
        gaps = [
            name
            for name, value in (
                ("单位", conversation.unit),
                ("时间段", conversation.period),
                ("报告类型", conversation.genre),
            )
            if not value
        ]
        if gaps:
            return (
                texts.NEED_BASICS.format(missing="、".join(gaps))
                if conversation.state is not State.IDLE
                else texts.IDLE_HINT
            )
        if not conversation.entries:
            return texts.NEED_ACTIVITIES
        return None

    def draft(self) -> list[Reply]:
        draft = self.engine.answers(self.conversation)
        assert draft is not None
        report = self.composer.compose(draft).report
        choices = tuple(Choice(label, f"revise:{what}") for what, label in REVISABLE)
        self.set(drafted=True, revising=False)
        replies = [Reply(to_text(report)), Reply("报告的 Word 文档：", document=True)]
        todo = todo_text(report)
        ending = texts.AFTER_DRAFT
        replies.append(Reply(f"{todo}\n\n{ending}" if todo else ending, choices))
        return replies

    def prompt(self) -> list[Reply]:
        """The question the current state asks, with its choices."""
        conversation = self.conversation
        state = conversation.state
        choices: tuple[Choice, ...] = ()
        if state is State.IDLE:
            text = texts.IDLE_HINT
        elif state is State.UNIT:
            remembered = self.engine.store.profile(conversation.user).unit
            if remembered:
                text = texts.ASK_UNIT_AGAIN.format(unit=remembered)
                choices = (Choice(f"使用“{remembered}”", "unit:remembered"),)
            else:
                text = texts.ASK_UNIT
        elif state is State.PERIOD:
            text = texts.ASK_PERIOD
            choices = tuple(
                Choice(p.label, f"period:{p.label}") for p in period.recent(self.engine.today())
            )
        elif state is State.GENRE:
            text = texts.ASK_GENRE
            choices = tuple(Choice(g.label, f"genre:{g.id}") for g in genres.genres().values())
        elif state is State.ACTIVITIES:
            text = texts.ASK_ACTIVITIES.format(period=conversation.period or "本期")
        elif state in (State.PROBLEMS, State.PLANS):
            role = "problems" if state is State.PROBLEMS else "plans"
            text = texts.ASK_PROBLEMS if role == "problems" else texts.ASK_PLANS
            choices = self.suggestions(role)
        else:
            text = "报告已经生成。可以继续修改后发送 /done 重新生成，或发送 /new 写一份新报告。"
            choices = tuple(Choice(label, f"revise:{what}") for what, label in REVISABLE)
        return [Reply(text, choices)]

    def suggestions(self, role: str) -> tuple[Choice, ...]:
        draft = self.engine.answers(self.conversation)
        if draft is None or not draft.activities:
            return ()
        offered = self.composer.suggestions(draft, role)[:MAX_SUGGESTIONS]
        picks = [Choice(PICK + s, f"pick:{role}:{i}") for i, s in enumerate(offered, 1)]
        return (*picks, Choice("自动", f"auto:{role}"), Choice("完成", f"done:{role}"))
