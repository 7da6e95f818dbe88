using System.Globalization;
using VpiBot.Domain.Questions;

namespace VpiBot.Features.Questions;

/// <summary>A command and its arguments: how a question is answered.</summary>
public sealed record CommandCall(string Command, string Arguments = "");

/// <summary>
/// Which command answers a question, pure: every answer is a command people could type, so a question gets the same
/// card, in the same access, as the command (a question an alliance member may not have answered is refused as the
/// command would be). Null: no command answers it (not understood, or the dashboard, which is a tab).
/// </summary>
public static class QuestionCommands
{
    public static CommandCall? For(Recognised q)
    {
        var s = q.Slots;
        var n = s.Number?.ToString(CultureInfo.InvariantCulture);
        return q.Intent switch
        {
            QuestionIntent.Status => new("status"),
            QuestionIntent.WaitingForMe => new("my work"),
            QuestionIntent.Priorities => new("priorities", s.PriorityStatus?.ToString() ?? ""),
            QuestionIntent.Priority when n is not null && s.NumberKind == ItemKind.Recommendation => new("recommendation", n),
            QuestionIntent.Priority when n is not null => new("priority", n),
            QuestionIntent.Priority => new("priorities"),
            QuestionIntent.OpenVotes => new("votes"),
            QuestionIntent.VoteResult when n is not null => new("recommendation", n),
            QuestionIntent.VoteResult => new("votes"),
            QuestionIntent.NotVoted => new("who hasn't voted", n is null ? "" : s.NumberKind == ItemKind.Recommendation ? "R" + n : n),
            QuestionIntent.Roadmap => new("roadmap"),
            QuestionIntent.MyTasks => new("my tasks"),
            QuestionIntent.Overdue => new("overdue"),
            QuestionIntent.DueSoon => new("due", (s.Period ?? Period.ThisWeek).ToString()),
            QuestionIntent.NextMeeting or QuestionIntent.MeetingAttendees when n is not null && s.NumberKind == ItemKind.Meeting => new("meeting", n),
            QuestionIntent.NextMeeting or QuestionIntent.MeetingAttendees => new("next meeting", s.MeetingKind?.ToString() ?? ""),
            QuestionIntent.Members => new("members"),
            QuestionIntent.Organisation when s.Text is { Length: > 0 } organisation => new("who represents", organisation),
            QuestionIntent.Organisation => new("members"),
            QuestionIntent.Menu => new("menu"),
            QuestionIntent.Tools => s.Feature switch
            {
                BotTool.WhatsOn => new("whatson export"),
                BotTool.Consultations => new("consultations"),
                BotTool.Dashboard => null, // a tab: the handler says where it is
                _ => new("report"),
            },
            _ => null,
        };
    }
}
