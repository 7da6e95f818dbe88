using VpiBot.Domain.Meetings;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Meetings;

/// <summary>A kind chosen on the "schedule meeting" card: the form, prefilled for it.</summary>
public sealed record ChooseMeetingKind(string VpiId, MeetingKind Kind) : ICardData, IVpiCard
{
    public static string Verb => "meeting.kind";
}

/// <summary>
/// The form's "Find times", with its inputs as typed: required and optional members (multi-selects: Entra object ids
/// joined by commas), external addresses (separated by commas, semicolons or spaces), the duration in minutes, the
/// earliest and latest days (yyyy-MM-dd, in the VPI's time zone) and, for the advisory board, how many meetings.
/// </summary>
public sealed record FindMeetingTimes(
    string VpiId, MeetingKind Kind,
    string? Title = null, string? Agenda = null, string? Required = null, string? Optional = null, string? Externals = null,
    string? Duration = null, string? From = null, string? To = null, string? Occurrences = null) : ICardData, IVpiCard
{
    public static string Verb => "meeting.find";
}

/// <summary>
/// "Look further" on a proposal (the window two weeks longer) and "Find another time" on a booked meeting (the next
/// two weeks), on the revision the card showed.
/// </summary>
public sealed record FindOtherTimes(string VpiId, int Number, int Revision) : ICardData, IVpiCard
{
    public static string Verb => "meeting.more";
}

/// <summary>"Book this time" (or "Move to this time") on one of the slots a card of <see cref="Revision"/> proposed.</summary>
public sealed record BookMeetingSlot(string VpiId, int Number, int Revision, int Slot) : ICardData, IVpiCard
{
    public static string Verb => "meeting.book";
}

/// <summary>"Cancel the meeting", with the message to attendees (an input).</summary>
public sealed record CancelMeeting(string VpiId, int Number, int Revision, string? Comment = null) : ICardData, IVpiCard
{
    public static string Verb => "meeting.cancel";
}

/// <summary>The meeting card's refresh, "Show replies", and a meeting opened from the list: the viewer's own view, replies read from Graph.</summary>
public sealed record ViewMeeting(string VpiId, int Number) : ICardData, IVpiCard
{
    public static string Verb => "meeting.view";
}

/// <summary>A page of "meetings".</summary>
public sealed record MeetingsPage(string VpiId, int Page) : ICardData, IVpiCard
{
    public static string Verb => "meeting.list";
}
