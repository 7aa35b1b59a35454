"""What the bot says: every Chinese sentence of the conversation in one place."""

from __future__ import annotations

GREETING = (
    "您好！我是总结助手。告诉我本单位这段时间做了哪些工作，我帮您写成规范的党建工作报告"
    "（党建工作总结、主体责任情况报告或书记述职报告），并生成 Word 文档。"
)
ASK_UNIT = "请告诉我单位全称，例如：国家税务总局某某县税务局、某某市交通运输局、某某街道党工委。"
ASK_UNIT_AGAIN = "上次您用的单位是“{unit}”。这次还是它吗？也可以直接输入新的单位全称。"
ASK_PERIOD = "报告的时间段是？请选择，或直接输入，例如 2026年第三季度、2026年上半年、2026年。"
ASK_GENRE = "要写哪一种报告？"
ASK_ACTIVITIES = (
    "请逐条告诉我{period}做了哪些工作，一条一项；也可以一次粘贴多项（用 1. 2. 或分号分开）。"
    "数字、日期、名称会原样写进报告。全部说完后发送 /done。"
)
ASK_PROBLEMS = (
    "请写出存在的问题，每行一条；也可以从下面的建议中选用，或者发送“自动”由我挑选。写完发送 /done。"
)
ASK_PLANS = (
    "请写出下一步打算，每行一条；也可以从下面的建议中选用，或者发送“自动”由我来写。写完发送 /done。"
)
PROBLEMS_AUTO = "好的，存在问题由我根据您的工作挑选 2～4 条。发送 /done 继续。"
PLANS_AUTO = "好的，下一步打算由我针对问题和各项工作来写。发送 /done 生成报告。"
SOMETHING_WRONG = (
    "抱歉，处理这条消息时出了点问题。您之前的内容都已保存，请再试一次；"
    "如果还不行，发送 /preview 查看当前草稿。"
)
ONLY_TEXT = "我只能处理文字消息（图片、贴纸、语音等暂时看不懂）。"
NO_TEXT = "没有识别到文字内容，请用文字描述。"
IDLE_HINT = "发送 /new 开始写一份新报告，发送 /help 查看全部命令。"
UNKNOWN_COMMAND = "不认识命令“{command}”。发送 /help 查看可用命令。"
CANCELLED = "已放弃本次报告。发送 /new 可以重新开始。"
NOTHING_TO_UNDO = "没有可以撤销的操作了。"
UNDONE = "已撤销上一步。"
NEED_ACTIVITIES = "还没有记录任何工作。请先告诉我本期做了哪些工作。"
NEED_BASICS = "还缺少{missing}，请先按提示回答。"
TOO_LONG = "这条消息太长了（{length} 字）。请分成几条发送，每条不超过 {limit} 字。"
TOO_MANY = (
    "这次有 {added} 项，加上已记录的 {have} 项，超过了 {limit} 项的上限，所以都没有记录。"
    "请删减后再发送，或用 /del N 删去几项。"
)
ALREADY_RECORDED = "这项工作已经记录过了，没有重复添加。发送 /list 查看已记录的各项。"
SKIPPED_REPEATS = "其中 {count} 项与已记录的重复，没有再添加。"
ONLY_NUMBER = (
    "只发了一个数字，没法写进报告。请用一句话描述这项工作，"
    "例如：组织全体党员观看警示教育片，32人参加。"
)
EXPIRED = "这个按钮已经过期了。"
BAD_NUMBER = "请在命令后写上序号，例如 {example}。当前共有 {count} 项，发送 /list 查看。"
NO_SUCH_ITEM = "没有第 {number} 项。当前共有 {count} 项，发送 /list 查看。"
NO_SUCH_OPTION = "没有第 {number} 个选项，请按列出的序号选择。"

HELP_HEADER = "可用命令："
HELP_FOOTER = (
    "写报告的顺序：单位 → 时间段 → 报告类型 → 逐条说工作 → 问题 → 打算 → 生成报告。"
    "任何时候都可以用上面的命令修改。"
)
AFTER_DRAFT = (
    "可以继续修改：/list 查看各项，/edit N、/del N、/theme N、/swap N，"
    "或直接补充新的工作，然后发送 /done 重新生成；"
    "单位、时间段、报告类型、问题和打算也可以用下面的按钮单独修改。"
)


def recorded(number: int, text: str, theme_label: str, sure: bool, lead: str | None) -> str:
    lines = [
        f"已记录第 {number} 项：{text}",
        f"主题：{theme_label}" + ("" if sure else "（不太确定）"),
    ]
    if lead:
        lines.append(f"引语：“{lead}”")
    return "\n".join(lines)


def ask_theme(number: int) -> str:
    return f"第 {number} 项我拿不准该归入哪个主题，请选一下（不选就按第一个）："
