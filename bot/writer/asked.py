"""What a cause or a plan may say beside its problem and the writer's facts.

A cause or plan speaks of a matter (年龄结构, 兼职, 三个规定) only when its problem does;
it does not offer more of what the problem finds wanting (定期组织观看警示教育片 for
警示教育形式单一); and a cause the writer's own facts deny (研讨式学习开展得还不多 beside
专题研讨4次) is not given. Used by problems.py (causes) and plans.py (plans, which the
facts may contradict too).
"""

from __future__ import annotations

import re

# What a plan or a cause may speak of (a pattern of its words) only when its problem
# does (a pattern of the problem's): 改善党员年龄结构 answers 党员老化, not 培养考察不
# 系统; 信息化应用培训 answers 不会用电脑; 党员少的支部 answers 只有3个党员, not 年轻
# 党员少; a cause about 整改 answers an unfinished 整改.
MATTERS = {
    r"年龄结构": r"年龄|老化|老龄|年轻党员少|岁",
    r"信息化": r"电脑|信息化|网络|智能|数字|手机",
    r"人数少|党员少": r"(?<!年轻)党员少|人数少|只有|人数不足",
    r"集体经济": r"集体经济|增收(?!节支)",
    # Buying goods is one risk among many: a fund centre's loans, a 人社局's 冒领 are none
    # of it (round DA: the measure stood in three plans side by side).
    r"物资采购": r"采购|物资|耗材|招标",
    r"基层妇联|执委|妇女之家": r"基层妇联|执委|妇女之家",
    r"合规教育": r"合规|操作风险|违规操作",
    r"整改的长效机制": r"整改|反馈|巡察|巡视|审计",
    r"读文件、开会为主": r"组织生活|主题党日|活动形式|形式单一|吸引力|读文件",
    r"主题党日的策划": r"主题党日|党日",
    r"倒班|轮岗|分散": (
        r"倒班|轮班|值班|三班|执勤|分散|站点|难以集中|集中难|难集中|集中学习难|一线|时间|到不齐"
    ),
    # A brigade's 人员流动大 is its staff turning over, not 流动党员 (round BJ); a blood
    # station's 流动采血 is its mobile collection (round DA).
    # Staff away on a survey are no 流动党员 (round DG: a 文管所's 骨干外出普查).
    r"流动党员|离退休党员": (
        r"(?<!人员)流动(?!采|献|服务|车)|离退休|退休|外出(?:务工|经商|打工|党员)|务工"
    ),
    r"青年理论学习小组|青年讲坛": r"青年|年轻",
    r"政治引领|靠拢": r"积极性|意愿|不愿|主动|靠拢",
    r"师德": r"师德|教师|老师|教职工",
    r"调查研究": r"调研|调查研究|深入基层|下基层|下去",
    r"逐条建立整改台账|对账销号": r"尚有|尚未|正在|未整改|未完成|其余|剩|没整改",
    # 党务工作力量 answers a problem of the party workers, not of 辅警 or 基金监管 staff,
    # nor of 兼职 staff at 服务站点 (round AB).
    r"党务工作力量|党务工作者": r"党务|支部书记|兼职(?:党务|支部)|专职(?:党务|副书记)|党建力量",
    # 主动 alone does not tie 发展党员的渠道 to 学习不够主动 (round PP).
    r"发展党员的渠道": r"发展党员|入党|积极分子|年龄|老化|老龄|青年|年轻",
    # 执法权力 answers a problem of 执法, not of 登记、审批 posts (round XX).
    r"执法权力": r"执法",
    r"法制审核|自由裁量|办案监督管理": r"执法|裁量|处罚|办案",
    # A 兼职 secretary is the writer's to say (round AM: a cause presumed one).
    r"兼职": r"兼职|兼任|身兼|兼着",
    # 三个规定 is the writer's to name (round AT: a 检察院's 记录报告 顾虑).
    r"三个规定": r"三个规定|记录报告|填报",
    # 低保 and 民生资金 are the writer's to name (round AU: a 民政局's 低保 problem).
    # Round DH: a 救助站's 救助业务 is not 临时救助 vetted.
    r"低保|民生资金": r"低保|临时救助|救助(?:资金|审核|对象)|民生资金|惠民",
    # Round DH: a village's 换届 and its 带头人 answer a problem of its leaders, not of a
    # 兽医站's ageing village 防疫员.
    r"换届|带头人": r"换届|带头人|两委|书记队伍|(?:支部|党组织)书记",
    # 预备党员 are the writer's to name (round DG: a 环卫所's ageing members had none).
    r"预备党员": r"预备|转正",
    # 基层站所 are the writer's to name (round AV: a 司法局's 司法所).
    r"基层站所": r"基层|司法所|站所|所里|下属|二级单位",
    # A project's 临时党支部 is the writer's to name (round AZ: a 城投's).
    r"临时党支部": r"临时党支部|项目党支部|项目一线",
    # Spreading what works is for a problem of a few 示范岗 not spread (round BA).
    r"总结推广": r"示范岗|先锋岗|铺开|推开|覆盖面",
    # A risk's own place is the writer's to name: 物资采购 for a problem of 执法 or of
    # 工程 answers neither (rounds BB and BC).
    r"物资采购、资金使用": r"采购|资金|财务|报销|经费|物资",
    r"行政检查、行政处罚": r"执法|处罚|行政检查|检验|检测|(?<!资金)(?<!基金)监管",
    # A fund's 数据比对 and 动态管理 answer a problem of its oversight (round BJ: 优抚资金).
    r"数据比对和动态管理|数据共享机制": r"资金监管|基金监管|数据比对|动态管理|停发|数据共享|冒领",
    # A bookstore's 教材采购招标 is no 工程 (round CE).
    r"招投标、工程变更": r"工程|项目建设|在建|施工|基建",
    # 协管员 and other 编外 staff are the writer's to name (round BB: a 城管局's).
    r"协管员|编外": r"协管员|编外|辅警|临聘|聘用人员",
    # 身心健康 and 体检 answer a problem of health, not of a 妇联's 执委 (round BQ).
    r"身心健康|专项体检": r"健康|体检|身心|疾病|压力|心理",
    # 服务态度、办事效率 answer a problem of service, not a kindergarten's 师德 (round BQ).
    r"服务态度|办事效率": r"服务态度|效率|投诉|门难进|脸难看|事难办|推诿|满意",
    # 考勤 answers a problem of discipline at work, not of 医德医风 (round BP).
    r"考勤|请销假": r"考勤|请假|迟到|早退|纪律|散漫|效能|作风",
    # 违章 and 安全规程 answer a problem of safety (round BN: a 供电所's 习惯性违章).
    r"违章|安全规程|安全生产": r"违章|安全|事故|隐患",
    # 在职党员报到 is the writer's to name: a 村's, a 殡仪馆's members were never asked
    # to report to a community (rounds BW, BZ, CA).
    r"在职党员报到": r"报到|双报到|在职党员",
    # A 非公企业's branches are the writer's to name (round CD: a 开发区's).
    # Not a 先锋岗 that is only a sign on the wall (round CJ: a 仲裁院's 停在挂牌).
    r"非公企业": r"非公|两新|企业党组织|企业党建|挂牌子|只挂牌(?![^，。；]{0,4}(?:先锋|示范))",
    r"勤务繁重": r"勤务|执勤|值班|倒班|轮班|三班",
    # 便民服务 is a service window's: a 科技局 or a 人大's facts and problems name none
    # (rounds CD, CE).
    r"便民服务|满意度回访": r"便民|窗口|办事|大厅|群众满意|满意度|上门|代办|一次办",
    # 行动不便 people and funds paid out are the writer's to name: a 工商联's enterprises
    # and a 不动产登记中心's registrations are neither (round CF).
    r"行动不便|特殊困难": r"老人|老年|残疾|行动不便|特殊群体|独居|困难群众",
    r"资金监管机制|资金发放": r"资金|补贴|补助|发放|经费|基金|救助",
    # A 政务服务中心's data sharing names no fund (round CJ).
    r"资金监管的技术手段": r"资金|基金|补贴|补助|冒领|救助",
}


# Talks held many (谈心谈话多，批评少), not mostly of one kind (谈心谈话多限于工作层面).
_TALKS_MANY = r"谈(?:心谈)?话(?:较)?多(?=[，、；。]|$)"
# A plan or cause that offers more of what its problem finds wanting: 定期组织观看警示
# 教育片 for 警示教育形式单一, 集中学习、专题辅导 for 学习形式单一 (rounds AV–AX).
_SINGLE = r"(?:形式|方式)(?:比较|较为|还比较|过于)?单一|以读文件为主|读文件|读报纸"
SAME_AGAIN = {
    # Also for a problem of 多为观看通用警示片 (round CB: an 档案馆's).
    r"定期组织观看警示教育片|参观廉政教育基地": _SINGLE
    + r"|通用警示片|多为观看|观看[^，。；]{0,4}警示片为主",
    r"采取集中学习、专题辅导等方式": _SINGLE,
    # More 学习强国 for a problem of chasing its points (round BK: 突击刷分).
    r"学习强国": r"刷分|突击|积分|应付",
    # More 台账 checks for a problem of too many 台账 (round BU: a 社区's 减负).
    r"台账|资料检查": r"台账[^，。；]{0,6}(?:多|繁)|减负|材料多|报表多|留痕",
    # More 谈心谈话 for a problem of talks many and criticism few (round CH: a 城管局's).
    r"经常性谈心谈话|谈心谈话全覆盖": _TALKS_MANY,
}


# A cause the writer's own facts contradict (研讨式学习开展得还不多 beside 专题研讨4次):
# its words, and the facts' words that deny it (rounds II and KK).
CONTRADICTED = {
    r"研讨式学习|领读原文|满足于读文件|习惯于读文件": r"研讨|交流发言|重点发言",
    r"读文件、开会为主": r"义诊|志愿|参观|重温|走访|实践|研学|祭扫|竞赛|比武",
    r"亮身份、作表率缺少具体要求": r"先锋岗|示范岗|责任区|亮身份",
    r"建章立制还不够": r"建章立制|建立制度|修订制度|制定制度",
    # 发展党员的渠道还不够宽 beside 发展党员15名 (round SS).
    r"发展党员的渠道": r"发展(?:新)?党员(?:[1-9]\d|[5-9])名",
    # 选取案例时结合本单位岗位风险分析不够 beside a case of the unit's own (round BD).
    r"选取案例时结合本单位岗位风险分析不够": r"本公司|本单位|本局|本院|身边|我们公司|本系统",
    # 满足于…记录齐全 beside a problem of records not in order (round BQ).
    r"记录齐全": r"记录不规范|记录不全|记录不完整|台账不全|台账不规范|补记录|事后补",
    # 家庭助廉 held (廉洁税务·家庭助廉, round CJ).
    r"对家庭助廉的作用重视还不够": r"家庭助廉|廉洁家书|家属",
    # 谈心谈话的自觉性还不够 beside a problem of talks many, criticism few (round CH).
    r"谈心谈话的自觉性|谈话当作安排工作": _TALKS_MANY,
    # 整改进度偏慢, or 需长期推进的整改事项, beside 已全部整改销号 (round BB).
    r"整改进度偏慢|需(?:要)?长期推进|未整改到位的挂牌督办": (
        r"全部整改|已全部|全部销号|均已整改|整改完成(?!\d)"
    ),
}


def contradicted(cause: str, facts: str) -> bool:
    """Whether the writer's `facts` say the opposite of `cause`."""
    return any(
        re.search(words, cause) and re.search(denied, facts)
        for words, denied in CONTRADICTED.items()
    )


def asked_for(text: str, problem: str) -> bool:
    """Whether `text` speaks of a matter (MATTERS) that `problem` names: the plan for a
    临时党支部 or a 兼职 secretary answers that problem before any general one does."""
    return any(
        re.search(matter, text) and re.search(words, problem) for matter, words in MATTERS.items()
    )


def unasked(text: str, problem: str) -> bool:
    """Whether `text` speaks of a matter (MATTERS) that `problem` does not, or offers more
    of what `problem` finds wanting (SAME_AGAIN)."""
    return any(
        re.search(matter, text) and not re.search(words, problem)
        for matter, words in MATTERS.items()
    ) or any(
        re.search(offered, text) and re.search(wanting, problem)
        for offered, wanting in SAME_AGAIN.items()
    )
