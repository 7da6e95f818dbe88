using VpiBot.Domain.Meetings;

namespace VpiBot.Domain.Questions;

/// <summary>What a plain-language question asks for. Each has an answer function (Features/Questions).</summary>
public enum QuestionIntent
{
    /// <summary>Not understood.</summary>
    Unknown,
    /// <summary>"where are we?", "what stage is the VPI at?"</summary>
    Status,
    /// <summary>"what is waiting for me?", "what do I need to do?" (my reviews, my votes, my tasks).</summary>
    WaitingForMe,
    /// <summary>"which priorities are approved?", "what is still to be approved?" (optionally a <see cref="QuestionSlots.PriorityStatus"/>).</summary>
    Priorities,
    /// <summary>"what happened to priority 4?", "status of P4" (<see cref="QuestionSlots.Number"/>).</summary>
    Priority,
    /// <summary>"which votes are open?"</summary>
    OpenVotes,
    /// <summary>"what was the result of the vote on R3?" (<see cref="QuestionSlots.Number"/>, a recommendation).</summary>
    VoteResult,
    /// <summary>"who hasn't voted on R3?" (facilitators; <see cref="QuestionSlots.Number"/> optional).</summary>
    NotVoted,
    /// <summary>"how is the roadmap going?"</summary>
    Roadmap,
    /// <summary>"what are my tasks?"</summary>
    MyTasks,
    /// <summary>"what is overdue?"</summary>
    Overdue,
    /// <summary>"what is due this week?" (<see cref="QuestionSlots.Period"/>, default this week).</summary>
    DueSoon,
    /// <summary>"when is the next meeting?", "when is the launch?" (<see cref="QuestionSlots.MeetingKind"/> optional).</summary>
    NextMeeting,
    /// <summary>"who is coming to the launch?" (<see cref="QuestionSlots.MeetingKind"/> or <see cref="QuestionSlots.Number"/> optional).</summary>
    MeetingAttendees,
    /// <summary>"who is in the VPI?", "who is on the review team?" (<see cref="QuestionSlots.Role"/> optional).</summary>
    Members,
    /// <summary>"who represents the University of Ghana?" (<see cref="QuestionSlots.Text"/>: the organisation as typed).</summary>
    Organisation,
    /// <summary>"what does the medium level include?", "what is done from the menu?" (<see cref="QuestionSlots.Level"/> optional).</summary>
    Menu,
    /// <summary>"can I get the outcome report?", "export to WhatsOn": about one of the bot's tools (<see cref="QuestionSlots.Feature"/>).</summary>
    Tools,
}

/// <summary>What kind of numbered item a number names, when the question says ("R3", "priority 4", "task 2", "meeting 1").</summary>
public enum ItemKind { Priority, Recommendation, Task, Meeting }

/// <summary>A period a question names. Resolved to days in the VPI's time zone by the answer, not here.</summary>
public enum Period { Today, ThisWeek, NextWeek, ThisMonth, NextMonth }

/// <summary>The bot's tools a question may name: the outcome report, the WhatsOn export, the dashboard tab, the consultations.</summary>
public enum BotTool { Report, WhatsOn, Dashboard, Consultations }

/// <summary>The slots of a question; each null when the question does not give it.</summary>
public sealed record QuestionSlots(
    int? Number = null,
    ItemKind? NumberKind = null,
    MeetingKind? MeetingKind = null,
    Period? Period = null,
    PriorityStatus? PriorityStatus = null,
    VpiRole? Role = null,
    CollaborationLevel? Level = null,
    BotTool? Feature = null,
    string? Text = null);

/// <summary>A question as understood: its intent and slots, how sure the recogniser is (0–1), and the language it read it as ("en", "fr", "es").</summary>
public sealed record Recognised(QuestionIntent Intent, QuestionSlots Slots, double Confidence, string Language)
{
    public bool Understood => Intent != QuestionIntent.Unknown;
}
