"""What the bot says: every Chinese sentence of the conversation in one place.

Constants are whole sentences or labels; the functions below fill in numbers
and the writer's words. A meta-test checks every constant here is used.
"""

from __future__ import annotations

import errno

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
UNDO_ADDED = "刚才记录的{items}"
UNDO_REMOVED = "刚才的删除，{items}已恢复"
UNDO_EDITED = "对第 {number} 项的修改，恢复为“{text}”"
UNDO_THEME = "第 {number} 项的主题修改"
UNDO_WORDING = "第 {number} 项的换说法"
UNDO_ANSWER = "{what}“{value}”"
UNDO_STATEMENTS = "对问题或打算的修改"
UNDO_STEP = "上一步"
AND_MORE = "等 {count} 项"
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
ANSWER_FIRST = "请先回答上面的问题。"
WELCOME_BACK = "欢迎回来，我们接着上次的进度。"
ENTRY_GONE = "这一项已经删除了。发送 /list 查看当前各项。"
ADDED_AFTER_DRAFT = "已加入。发送 /done 重新生成报告。"
DRAFT_READY = "报告已经生成。可以继续修改后发送 /done 重新生成，或发送 /new 写一份新报告。"
DOCUMENT = "报告的 Word 文档："
PREVIEW_FOOTER = "以上是当前草稿。可以继续修改，发送 /done 完成当前环节。"
LISTED = "已记录的工作："
SUMMARY_FOOTER = "要改哪一项，用 /theme N、/edit N、/del N、/swap N。"
EDIT_EXAMPLE = "/edit 2 组织党员观看警示教育片"
DEL_EXAMPLE = "/del 2（或 /del 2 5）"
EDIT_NEEDS_TEXT = "请在序号后写上新内容，例如 /edit 2 组织党员观看警示教育片。"
PHRASES_NEED_QUERY = "请在命令后写上关键词，例如 /phrases 廉政。"
NOT_COMPLETE = "草稿还不完整，暂时不能导出。"
DOCUMENT_NAME = "报告"
UNIT = "单位"
PERIOD = "时间段"
GENRE = "报告类型"
LIST_SEPARATOR = "、"
THIS_PERIOD = "本期"
STALE = "（旧提法）"
UNSURE = "（不太确定）"
# Button labels.
CHANGE_THEME = "改主题"
SWAP = "换说法"
DELETE = "删除"
OTHER_THEME = "其他主题…"
AUTO = "自动"
FINISH = "完成"
PICK = "选用："
REVISE = {
    "unit": "改单位",
    "period": "改时间段",
    "genre": "改报告类型",
    "problems": "改问题",
    "plans": "改打算",
}

# What the writer may send to leave problems or plans to the composer.
AUTO_WORDS = ("自动", "auto", "自动生成", "你来写", "你来选")
# What each command is for: /help and Telegram's command menu.
HELP_START = "开始或继续"
HELP_NEW = "写一份新报告"
HELP_HELP = "查看全部命令"
HELP_LIST = "列出已记录的工作"
HELP_EDIT = "修改第 N 项：/edit N 新内容"
HELP_DEL = "删除第 N 项：/del N"
HELP_THEME = "更改第 N 项的主题：/theme N"
HELP_SWAP = "第 N 项换一种说法：/swap N"
HELP_UNDO = "撤销上一步"
HELP_PREVIEW = "预览当前草稿"
HELP_DONE = "完成当前环节"
HELP_EXPORT = "重新导出 Word 文档"
HELP_PHRASES = "查找规范表述：/phrases 关键词"
HELP_CANCEL = "放弃当前报告"
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


def undone(what: str) -> str:
    return f"已撤销：{what}。"


def recorded(number: int, text: str, theme_label: str, sure: bool, lead: str | None) -> str:
    lines = [
        f"已记录第 {number} 项：{text}",
        f"主题：{theme_label}" + ("" if sure else UNSURE),
    ]
    if lead:
        lines.append(f"引语：“{lead}”")
    return "\n".join(lines)


def ask_theme(number: int) -> str:
    return f"第 {number} 项我拿不准该归入哪个主题，请选一下（不选就按第一个）："


def use_remembered(unit: str) -> str:
    return f"使用“{unit}”"


def summary_header(first: int, last: int) -> str:
    return f"已记录第 {first}～{last} 项："


HELP_KIND = "查看或更改单位类型（决定报告怎么称呼本单位）：/kind 或 /kind hospital"
KIND_NEEDS_UNIT = "请先告诉我单位全称，再设置单位类型。"
KIND_UNKNOWN = "不认识单位类型“{kind}”。发送 /kind 从列出的类型中选择。"


def kind_now(label: str, short_org: str, scope: str) -> str:
    return (
        f"我按单位名称把本单位看作“{label}”：正文称“{short_org}”“{scope}”。"
        "不对的话，请从下面选择单位类型："
    )


def kind_set(label: str, short_org: str) -> str:
    return f"好的，单位类型改为“{label}”，正文称“{short_org}”。发送 /preview 查看草稿。"


HELP_NAME = "述职报告的述职人姓名，写在落款：/name 张某某"
NAME_NOW = "述职人：{name}。要更改，发送 /name 和姓名，例如 /name 张某某。"
NAME_NONE = "还没有填写述职人姓名，落款暂留“XXX”。发送 /name 和姓名，例如 /name 张某某。"
NAME_BAD = "姓名应为 2～{most} 个汉字（可含“·”），例如 /name 张某某。"
NAME_SET = "好的，落款写“述职人：{name}”。发送 /preview 查看草稿。"
NAME_NOT_DUTY = "只有书记述职报告的落款写述职人姓名，这份报告落款写党组织名称，不用填写。"
NOT_YET_MENTIONED = "提醒：本期还没有提到{themes}方面的工作。"
FEW_ACTIVITIES = (
    "提醒：本期写了{count}项工作，{span}的报告一般写{typical}项左右；"
    "报告的篇幅来自您写的工作，每项写清做法、范围和数字，报告就更充实。"
)
TERSE_ACTIVITIES = (
    "提醒：有{count}项（第{numbers}项）写得比较简略，可点该项下的“补充”按钮，"
    "或发送“/edit 项号 补充后的全文”修改。"
)
ADD_DETAILS = "补充"
ASK_DETAILS = "请发送第 {number} 项要补充的内容（{details}），会接在原文后面：{text}"
ADDED_TOO_LONG = "补充后这一项共 {length} 字，超过 {limit} 字的上限。请精简后再发送要补充的内容。"
NO_RECTIFIED = "提醒：{label}一般单列上年度问题的整改情况。如有，可补充一条，例如：{example}"
UNDO_TO_ADD = "如需补充，发送 /undo 回去补充；没有就请继续。"
SPAN_NAMES = {"quarter": "一个季度", "half": "半年", "year": "全年"}


def concern(number: int, what: str) -> str:
    """What to check about an activity just recorded (the same words as 待补充)."""
    return f"提醒：第 {number} 项{what}。"


def summary_line(number: int, theme_label: str, sure: bool, text: str, lead: str | None) -> str:
    mark = "" if sure else UNSURE
    shown = f"，引语“{lead}”" if lead else ""
    return f"{number}. 【{theme_label}{mark}】{text}{shown}"


def listed_line(number: int, theme_label: str, text: str) -> str:
    return f"{number}. 【{theme_label}】{text}"


def ask_new_theme(number: int) -> str:
    return f"第 {number} 项改为哪个主题？"


def statement_repeated(role: str) -> str:
    return f"这条{_ROLE_NAMES[role]}已经记录过了。"


def statements_recorded(role: str, count: int) -> str:
    return f"已记录{_ROLE_NAMES[role]}（共 {count} 条）。还有就继续写，写完发送 /done。"


_ROLE_NAMES = {"problems": "问题", "plans": "打算"}


def deleted(lines: list[tuple[int, str]]) -> str:
    shown = "\n".join(f"第 {number} 项：{text}" for number, text in lines)
    return f"已删除\n{shown}\n发送 /undo 可以恢复；其余各项已重新编号，发送 /list 查看。"


def swapped(number: int, lead: str | None) -> str:
    if lead is None:
        return f"第 {number} 项没有更多合适的说法了，将直接使用您的原话。"
    return f"第 {number} 项换了一种说法，引语改为：“{lead}”。"


def phrases_found(query: str, lines: list[str]) -> str:
    return f"与“{query}”相关的规范表述：\n" + "\n".join(lines)


def phrases_none(query: str) -> str:
    return f"没有找到和“{query}”相关的表述。"


def store_unreadable(path: object, reason: str) -> str:
    return f"对话数据文件 {path} {reason}"


def record_damaged(path: object, user: str, problem: object) -> str:
    return (
        f"对话记录 {path}（用户 {user}）已损坏：{problem}。程序没有改动它；"
        "请从备份恢复，或把它移走后重新开始"
    )


def record_unreadable(path: object, reason: str) -> str:
    return f"无法读取对话记录 {path}（{reason}）"


def record_read_only(path: object) -> str:
    return f"对话记录 {path} 是只读的，程序没有改动它；如需继续这段对话，请先恢复它的写权限"


def store_unwritable(path: object, reason: str) -> str:
    return (
        f"无法在 {path} 保存对话（{reason}）；刚才的输入没有记录。"
        "请检查权限，或用环境变量 ZONGJIE_DATA_DIR 指定另一个数据目录"
    )


def unknown_value(value: object) -> str:
    return f"无法识别的取值“{value}”"


def missing_field(name: str) -> str:
    return f"缺少字段 {name}"


def os_reason(number: int | None, fallback: str) -> str:
    """An operating-system error, said in Chinese where it is a common one."""
    return _OS_REASONS.get(number or 0, fallback)


_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许修改，文件或目录可能被设为只读或不可更改",
    errno.EROFS: "只读文件系统",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENOENT: "不存在",
    errno.EISDIR: "是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EDQUOT: "超出磁盘配额",
}

NOT_JSON = "不是有效的 JSON"
WRONG_USER = "记录里的用户与文件名不符"
BAD_FIELDS = "字段缺失或格式不对"
MEMORY = "（内存）"


# What the adapters say on their own, outside any conversation step.
REFUSAL = "抱歉，这个机器人仅供本单位授权人员使用。如需开通，请联系管理员。"
PRIVATE_ONLY = "为保护报告内容，请在与我的私聊中使用。"
EDITED = (
    "修改已发出的消息不会改动记录。要修改某一项，请发送 /edit 序号 新内容（发送 /list 查看序号）。"
)
FAILED = (
    "抱歉，刚才出了点问题。您之前的内容都已保存，请再发一次；也可以发送 /preview 查看当前草稿。"
)
GOODBYE = "再见！您的内容已保存，下次运行 zongjie chat 可以接着写。"
PIPED_START_WITH_NEW = (
    "管道输入的对话要以 /new 开头（例如 printf '/new\\n单位\\n…' | zongjie chat），"
    "或先在终端里运行 zongjie chat 开始一份报告；这次没有记录任何内容。"
)

# The console shows numbered options where Telegram shows buttons.
CONSOLE_WORDING = (
    ("用下面的按钮", "回复下面列出的序号"),
    ("这个按钮已经过期了", "这个选项已经过期了"),
)


def on_console(text: str) -> str:
    for telegram, console in CONSOLE_WORDING:
        text = text.replace(telegram, console)
    return text


def saved_to(caption: str, path: object) -> str:
    return f"{caption}已保存到 {path}"


# ------------------------------------------------------------ own reports

HELP_IMPORT = (
    "导入本单位以前的报告，学习其中的提法：终端里 /import 文件路径；Telegram 中直接发送文件"
)
HELP_FORGET = "删除本单位导入的全部报告和由它们学到的提法"
IMPORT_HOW = (
    "请直接把本单位以前的报告作为文件发给我（.docx、.txt、.md 或带文字的 PDF，可一次发几份）。"
)
IMPORT_WHICH = "请在 /import 后写上文件路径，例如 /import ~/文档/2025年党建工作总结.docx"
IMPORT_NOTHING = "没有导入任何报告。"
IMPORT_LEARNED = "已导入 {documents}，学到 {phrases} 条本单位的提法（{kinds}）。"
IMPORT_THEMES = "主要涉及：{themes}。"
IMPORT_SKIPPED = "未导入 {name}：{reason}"
IMPORT_PRIVATE = "这些内容只用于本单位的报告，不会发送到任何地方。"
IMPORT_FAILED = "保存导入的报告时出错，短语库没有改动，请稍后再试。"
BRANDS_ASK = "报告中有这些带引号的名称：{brands}。这些是本单位的品牌/提法吗？"
BRANDS_YES = "是本单位的"
BRANDS_NO = "不是"
BRANDS_OWN = "好的，这些品牌和提法今后可以写进本单位的报告。"
BRANDS_NOT = "好的，这些名称不会写进报告。"
FORGET_ASK = "确定要删除本单位导入的全部报告和由它们学到的提法吗？删除后无法恢复。"
FORGET_YES = "确认删除"
FORGET_NO = "保留"
FORGOTTEN = "已删除本单位导入的全部报告和学到的提法。"
FORGET_KEPT = "好的，什么都没有删除。"
BRANDS_CLI = (
    "{question}\n是的话请运行 zongjie import --org {org} --brands yes，不是则 --brands no。"
)
BRANDS_NONE = "没有待确认的品牌/提法。"


def brands_on_command_line(question: str, org: str) -> str:
    return BRANDS_CLI.format(question=question, org=org)


def brands_decided(brands: tuple[str, ...], own: bool) -> str:
    if not brands:
        return BRANDS_NONE
    return BRANDS_OWN if own else BRANDS_NOT


# ------------------------------------------------------------ last period's plans

CHECKLIST_INTRO = "本单位上期报告《{title}》提出了 {count} 条下一步打算。我们逐条看看落实得怎么样。"
CHECKLIST_OTHERS = "要核对的是另一份报告的打算？请在下面选择。"
USE_EARLIER = "改用《{title}》"
CHECKLIST_PLAN = "第 {number}/{count} 条：“{plan}”。落实了吗？"
CHECK_DONE = "已落实"
CHECK_NOT = "未开展"
CHECK_SKIP = "跳过"
CHECKLIST_FACTS = "请写下“{plan}”落实的情况：做了什么，有哪些数字、日期。可以一次写几项。"
CHECKLIST_REASON = "“{plan}”为什么没有开展？请简要说明原因，我会把它写进存在问题。"
CHECKLIST_PRESS = "请先点选这一条的落实情况：已落实、未开展或跳过；发送 /done 跳过余下各条。"
CHECKLIST_OVER = "上期打算已逐条过完。"
CHECKLIST_SKIPPED = "余下 {count} 条上期打算已跳过。"
UNMET_PLAN = "上期提出的“{plan}”尚未落实，主要原因是{reason}"


def unmet_plan(plan: str, reason: str) -> str:
    return UNMET_PLAN.format(plan=plan, reason=reason)


def use_earlier(title: str) -> str:
    return USE_EARLIER.format(title=title)
