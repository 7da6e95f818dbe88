using System.Text.Json.Serialization;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Consultations;

/// <summary>
/// The "open consultation" form's button, with its inputs as typed: the title, the questions typed (one a line), the
/// cluster's articles chosen (a multi-select: article numbers joined by commas), the deadline's date (yyyy-MM-dd) and
/// time (HH:mm) in the VPI's time zone, and the members consulted (a multi-select of Entra object ids; none: the alliance).
/// </summary>
public sealed record OpenConsultation(
    string VpiId,
    string? Title = null, string? Questions = null, string? Articles = null, string? DeadlineDate = null, string? DeadlineTime = null,
    string? Consulted = null) : ICardData, IVpiCard
{
    public static string Verb => "consultation.open";
}

/// <summary>
/// A consultation opened from its card, the list or a reminder: the caller's own answers (<see cref="Own"/>, or when
/// they are consulted and may not see others'), or every input grouped by question (the review team and facilitators);
/// <see cref="Page"/> (1-based) of either.
/// </summary>
public sealed record ViewConsultation(string VpiId, int Number, int Page = 1, bool Own = false) : ICardData, IVpiCard
{
    public static string Verb => "consultation.view";
}

/// <summary>
/// A page of a consulted person's answers saved: questions <see cref="From"/>… (0-based, <see cref="Count"/> of them)
/// typed in inputs <c>a1</c>…<c>a5</c>; then the same page (<see cref="Go"/> 0), the next (1) or the previous (−1).
/// <see cref="Revision"/> is the saved answers' revision the card showed (to say when another device saved meanwhile).
/// </summary>
public sealed record SaveConsultationAnswers(
    string VpiId, int Number, int From, int Count, int Go, int Revision,
    string? A1 = null, string? A2 = null, string? A3 = null, string? A4 = null, string? A5 = null) : ICardData, IVpiCard
{
    public static string Verb => "consultation.save";

    /// <summary>The inputs, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string?> Typed => [A1, A2, A3, A4, A5];

    public static string InputId(int position) => "a" + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>"Close it now" on the confirmation of "close consultation N".</summary>
public sealed record CloseConsultation(string VpiId, int Number) : ICardData, IVpiCard
{
    public static string Verb => "consultation.close";
}

/// <summary>A page of "consultations".</summary>
public sealed record ConsultationsPage(string VpiId, int Page) : ICardData, IVpiCard
{
    public static string Verb => "consultation.list";
}
