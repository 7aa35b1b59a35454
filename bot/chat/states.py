"""The conversation's states, the transitions between them, the commands, and the events.

Declared here once; the dialogue engine moves only along these edges, and the
Telegram and console adapters both read the command list from here.

States and transitions (the commands of COMMANDS work in every state)::

    IDLE ──/new,/start──▶ UNIT ──unit──▶ PERIOD ──period──▶ GENRE ──genre──▶ ACTIVITIES
    ACTIVITIES ──/done──▶ PROBLEMS ──/done──▶ PLANS ──/done──▶ DONE (the draft)
    DONE ──text (one more activity)──▶ DONE ──/done──▶ DONE (drafted again)
    DONE ──改单位/改时间段/改报告类型/改问题/改打算──▶ UNIT/PERIOD/GENRE/PROBLEMS/PLANS
        ──answer (or /done)──▶ DONE (drafted again; nothing else re-entered)
    any ──/cancel──▶ IDLE        any ──/new──▶ UNIT
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    IDLE = "idle"
    UNIT = "unit"
    PERIOD = "period"
    GENRE = "genre"
    ACTIVITIES = "activities"
    PROBLEMS = "problems"
    PLANS = "plans"
    DONE = "done"


# The declared transitions: (state, what happened) → next state. The step
# functions move only along these edges (see Steps.go), and a meta-test
# checks every state is reachable from IDLE.
TRANSITIONS: dict[tuple[State, str], State] = {
    (State.IDLE, "new"): State.UNIT,
    (State.UNIT, "unit"): State.PERIOD,
    (State.PERIOD, "period"): State.GENRE,
    (State.GENRE, "genre"): State.ACTIVITIES,
    (State.ACTIVITIES, "done"): State.PROBLEMS,
    (State.PROBLEMS, "done"): State.PLANS,
    (State.PLANS, "done"): State.DONE,
    (State.DONE, "done"): State.DONE,
    # Revising one answer after the draft, then straight back to it.
    (State.DONE, "revise_unit"): State.UNIT,
    (State.DONE, "revise_period"): State.PERIOD,
    (State.DONE, "revise_genre"): State.GENRE,
    (State.DONE, "revise_problems"): State.PROBLEMS,
    (State.DONE, "revise_plans"): State.PLANS,
    (State.UNIT, "revised"): State.DONE,
    (State.PERIOD, "revised"): State.DONE,
    (State.GENRE, "revised"): State.DONE,
    (State.PROBLEMS, "revised"): State.DONE,
}
REVISABLE = (
    ("unit", "改单位"),
    ("period", "改时间段"),
    ("genre", "改报告类型"),
    ("problems", "改问题"),
    ("plans", "改打算"),
)
for _state in State:
    TRANSITIONS[(_state, "new")] = State.UNIT
    TRANSITIONS[(_state, "cancel")] = State.IDLE

COMMANDS = (
    ("start", "开始或继续"),
    ("new", "写一份新报告"),
    ("help", "查看全部命令"),
    ("list", "列出已记录的工作"),
    ("edit", "修改第 N 项：/edit N 新内容"),
    ("del", "删除第 N 项：/del N"),
    ("theme", "更改第 N 项的主题：/theme N"),
    ("swap", "第 N 项换一种说法：/swap N"),
    ("undo", "撤销上一步"),
    ("preview", "预览当前草稿"),
    ("done", "完成当前环节"),
    ("export", "重新导出 Word 文档"),
    ("phrases", "查找规范表述：/phrases 关键词"),
    ("cancel", "放弃当前报告"),
)


@dataclass(frozen=True)
class Event:
    """What the writer did: sent text or a command, pressed a button, or sent something else."""

    kind: str  # "text" | "command" | "press" | "other"
    text: str = ""
    update_id: int | None = None

    @classmethod
    def from_text(cls, text: str, update_id: int | None = None) -> Event:
        stripped = text.strip()
        kind = "command" if stripped.startswith("/") and len(stripped) > 1 else "text"
        return cls(kind, text, update_id)
