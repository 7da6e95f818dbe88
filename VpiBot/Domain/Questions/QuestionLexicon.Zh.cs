using VpiBot.Domain.Meetings;
using static VpiBot.Domain.Questions.QuestionIntent;

namespace VpiBot.Domain.Questions;

public sealed partial record QuestionLexicon
{
    /// <summary>
    /// Chinese (Simplified; Traditional characters are folded to Simplified, full-width forms to ASCII). Written without
    /// spaces: every phrase is a substring, exact, so common near-homophone typos are listed as phrases of their own
    /// ("建意", "会义", "路限图"). Numbers come in every form: "R3", "建议3", "第3条建议", "3号建议", "建议三", "第三项"; "3条建议" (no 第) counts recommendations and names none.
    /// </summary>
    public static readonly QuestionLexicon Zh = new(
        Language: "zh",
        Locales: ["zh"],
        MatchSubstrings: true,
        Intents:
        [
            .. Say(Status, 3, "进展到哪", "进行到哪", "到哪一步", "哪个阶段", "什么阶段", "哪一阶段", "哪一步", "整体进展", "总体进展", "最新进展", "整体情况", "总体情况", "概况", "总结", "现在什么情况", "目前的状况", "到哪了", "现状", "进度怎么样", "进展如何", "进展怎么样", "vpi + 状态", "倡议 + 状态", "vpi + 情况", "vpi + 进展", "倡议 + 进展", "试点 + 进展", "vpi + 阶段", "倡议 + 阶段", "什么程度", "推进到", "整体状况", "总体状况", "概括", "vpi + 状况", "vpi + 进度", "倡议 + 进度", "试点 + 进度", "哪个环节", "什么环节", "走到哪"),
            .. Say(Status, 2, "阶段", "状况", "进展", "进度", "概览"),
            .. Say(Status, 1.5, "状态", "情况"),
            .. Say(WaitingForMe, 3, "需要我", "等我", "等着我", "我需要", "我要做", "我应该", "我该做", "我还没", "待办事项", "轮到我", "我这边", "我批准", "我审批", "我审核", "我审阅", "我有什么", "我还有", "我这里", "我有哪些事", "我的投票", "我的审批", "要我", "让我", "我得"),
            .. Say(WaitingForMe, 2, "待处理", "我还没投", "关注", "跟进"),
            .. Say(WaitingForMe, 1, "待办", "处理"),
            .. Say(Priorities, 2.5, "优先事项", "优先项", "有先事项", "国家优先"),
            .. Say(Priorities, 1, "哪些优先", "所有优先", "优先事项清单", "列出"),
            .. Say(QuestionIntent.Priority, 1.5, "怎么样了", "后来", "介绍一下", "关于"),
            .. Say(OpenVotes, 3, "投票正在进行", "正在投票", "开放的投票", "开放投票", "可以投票", "能投票", "可以对", "进行中的投", "正在进行的投票", "正在进行的表决", "正在表决", "投票中", "还没截止", "投票开始", "当前开放", "有什么投票", "有哪些投票", "可以投", "正在进行", "可以表决", "能表决"),
            .. Say(OpenVotes, 1.5, "投票", "表决", "投漂"),
            .. Say(VoteResult, 3, "结果", "通过了", "获得通过", "采纳", "否决", "得票", "票数"),
            .. Say(VoteResult, 2, "通过"),
            .. Say(NotVoted, 4, "没投", "没有投票", "未投票", "没表决", "未表决", "没有表决", "缺谁", "还差谁", "都投了", "都投票了", "谁还需要", "谁没有投", "还没 + 投票", "谁还没", "尚未 + 投票"),
            .. Say(NotVoted, 2, "还没投", "尚未投票", "谁没", "还有谁没"),
            .. Say(Roadmap, 3.5, "路线图", "路限图", "实施情况", "落实情况", "执行情况", "按计划", "按时吗", "执行得"),
            .. Say(Roadmap, 1, "任务", "完成"),
            .. Say(MyTasks, 5, "我的任务", "分配给我", "我负责", "交给我", "我名下", "我手上", "我手头", "我的认务", "我的工作", "待办任务", "我该负责", "我有 + 任务", "派给我", "指派给我", "我被分配", "给我分配", "我被指派"),
            .. Say(Overdue, 5, "逾期", "延误", "超过截止", "错过截止", "落后", "过期", "拖延", "没按时", "未按时", "本该", "超期", "迟了", "晚了", "延迟", "滞后", "过了截止", "拖后", "落下"),
            .. Say(Overdue, 2, "超过", "错过"),
            .. Say(DueSoon, 3, "到期", "截止", "要交", "交付", "要完成", "需要完成", "之前完成", "要提交"),
            .. Say(NextMeeting, 3, "下次会议", "下一次会议", "下次会义", "下一次", "开会", "会议安排", "召开", "有会", "有什么会议"),
            .. Say(NextMeeting, 2, "会议", "什么时候", "何时", "哪天", "哪一天", "几时", "日期", "几号", "时间", "安排"),
            .. Say(MeetingAttendees, 5.5, "参加", "出席", "与会", "参会", "邀请", "谁会来", "多少人来", "谁接受", "谁拒绝", "谁确认", "回复了", "报名", "有谁来"),
            .. Say(MeetingAttendees, 2, "有多少人"),
            .. Say(Members, 3, "成员", "组成", "哪些人", "都有谁", "有谁", "参与", "名单", "学术机构", "民间社会组织"),
            .. Say(Members, 1.5, "谁在", "人员", "团队", "机构", "是谁"),
            .. Say(Organisation, 4, "联系人", "联络人", "联络点", "对口"),
            .. Say(Organisation, 2.5, "代表", "来自"),
            .. Say(Menu, 3.5, "菜单", "级别", "层级", "水平", "方案", "情景", "选项"),
            .. Say(Menu, 2, "包括", "包含", "涉及", "合作", "内容"),
            .. Say(Tools, 2, "生成", "下载", "导出", "添加到", "打开", "机器人"),
        ],
        ItemKinds:
        [
            .. Name(ItemKind.Priority, "优先事项", "优先项", "有先事项", "优先", "p", "号优先事项", "号优先"),
            .. Name(ItemKind.Recommendation, "建议", "建意", "r", "号建议"),
            .. Name(ItemKind.Task, "任务", "认务", "t", "号任务"),
            .. Name(ItemKind.Meeting, "会议", "会义", "m", "号会议"),
        ],
        NumberMarkers: ["第", "条", "项", "个", "次", "编号", "no"],
        MeetingKinds:
        [
            .. Name(MeetingKind.GovernmentScoping, "范围界定 + 政府", "范围界定 + 部委", "范围界定 + 审议小组", "范围界定 + 审查组", "界定范围 + 政府"),
            .. Name(MeetingKind.StakeholderScoping, "范围界定 + 民间社会", "范围界定 + 非政府组织", "范围界定 + 利益攸关方", "范围界定 + ngo", "界定范围 + 民间社会", "界定范围 + 非政府组织"),
            .. Name(MeetingKind.VpiLaunch, "启动会", "启动仪式", "启动", "launch"),
            .. Name(MeetingKind.TaskForce, "工作组", "专案组", "特别工作组", "task force"),
            .. Name(MeetingKind.Consultation, "磋商", "协商"),
            .. Name(MeetingKind.Briefing, "简报会", "简报", "情况介绍会", "吹风会"),
            .. Name(MeetingKind.AdvisoryBoard, "咨询委员会", "顾问委员会", "咨询委"),
        ],
        Periods:
        [
            .. Name(Period.Today, "今天", "今日", "今早", "今晚", "今天下午"),
            .. Name(Period.NextWeek, "下周", "下星期", "下个星期", "下礼拜", "下一周", "下周末"),
            .. Name(Period.ThisWeek, "本周", "这周", "这星期", "本星期", "这个星期", "这一周", "周末"),
            .. Name(Period.NextMonth, "下个月", "下月", "下一个月"),
            .. Name(Period.ThisMonth, "本月", "这个月", "这月", "月底"),
        ],
        Statuses:
        [
            .. Name(PriorityStatus.Approved, "批准", "获批", "通过", "核准", "采纳", "同意", "认可", "绿灯"),
            .. Name(PriorityStatus.Rejected, "拒绝", "驳回", "否决", "被拒", "拒了", "不通过", "未通过", "没通过", "没有通过"),
            .. Name(PriorityStatus.UnderReview, "审核中", "审议中", "审查中", "待批准", "待批", "待审", "审批中", "在审核", "在审议", "在审查", "在审批", "尚未批准", "还没批准", "未批准", "正在审", "等待批准"),
            .. Name(PriorityStatus.Draft, "草稿", "起草中"),
            .. Name(PriorityStatus.Submitted, "已提交", "提交了", "提交"),
            .. Name(PriorityStatus.ChangesRequested, "要求修改", "退回修改", "需要修改", "修改", "退回", "修订"),
            .. Name(PriorityStatus.Withdrawn, "撤回", "撤销", "撤了"),
        ],
        Roles:
        [
            .. Name(VpiRole.ReviewTeam, "审议小组", "审查组", "审查小组", "审议组", "审义小组", "政府小组", "政府团队", "政府审查", "审核小组"),
            .. Name(VpiRole.Facilitator, "协调人", "协调员", "主持人", "促进者"),
            .. Name(VpiRole.Alliance, "联盟"),
        ],
        Levels:
        [
            .. Name(CollaborationLevel.Minimum, "最低", "基本", "最小", "低级别", "初级", "低水平"),
            .. Name(CollaborationLevel.Medium, "中等", "中级", "中间", "中度"),
            .. Name(CollaborationLevel.High, "高级别", "高影响", "最高", "高级", "高水平", "高层级", "高度"),
        ],
        Features:
        [
            .. Name(BotTool.Report, "报告", "成果报告"),
            .. Name(BotTool.WhatsOn, "whatson", "whats on"),
            .. Name(BotTool.Dashboard, "仪表板", "仪表盘", "仪表版", "dashboard", "看板", "控制面板"),
            .. Name(BotTool.Consultations, "专题磋商", "组织磋商", "专题协商", "组织 + 磋商"),
        ],
        OrganisationCues: ["…的代表", "…的联系人", "…的联络人", "…的联络点", "…的对口联系人", "…由谁代表", "…派谁", "代表", "来自", "就职于", "任职于", "供职于"],
        Articles: [],
        StopWords:
        [
            "请问", "请", "能否", "可以", "麻烦", "谢谢", "你好", "您好", "我们在", "我们", "咱们", "谁是", "哪位是", "哪些人是", "谁", "哪位", "哪些", "是谁", "的是谁",
            "是", "的", "了", "吗", "呢", "吧", "啊", "一下", "什么", "哪", "有", "人", "目前", "现在",
        ],
        NumberWords: ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"],
        FirstPerson:
        [
            "我的", "我需", "我要", "我应", "我该", "我还", "我有", "我这", "我今", "我得", "我负", "我名", "我手", "我批", "我审", "我做", "我能", "我可",
            "我必", "我投", "我没", "我处", "需要我", "等我", "轮到我", "由我", "要我", "让我",
        ]);
}
