using VpiBot.Domain.Alliance;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Alliance;

/// <summary>
/// The organisation form's button, with its inputs as typed: new (no number) or an edit of the revision shown. The
/// themes are a multi-select (names joined by commas); the contact is a member's Entra object id (the facilitators'
/// form only); the consent is the toggle's "true"/"false" (the contact's own registration only).
/// </summary>
public sealed record SaveOrganisation(
    string VpiId, int? Number = null, int? Revision = null,
    string? Name = null, string? Type = null, string? Country = null, string? City = null, string? Website = null, string? Themes = null,
    string? Contact = null, string? Consent = null) : ICardData, IVpiCard
{
    public static string Verb => "alliance.save";
}

/// <summary>An organisation's Edit button: the form, filled in, for its contact or a facilitator.</summary>
public sealed record EditOrganisation(string VpiId, int Number) : ICardData, IVpiCard
{
    public static string Verb => "alliance.edit";
}

/// <summary>An organisation's card as the viewer sees it (opened from the list, or its contact's "Open" on the consent card).</summary>
public sealed record ViewOrganisation(string VpiId, int Number) : ICardData, IVpiCard
{
    public static string Verb => "alliance.view";
}

/// <summary>The contact's answer about WhatsOn: list the organisation, or not (a refusal, or a withdrawal once consent was given).</summary>
public enum ConsentAnswer { Agree, Decline }

/// <summary>The contact's answer about WhatsOn, on the revision they saw.</summary>
public sealed record AnswerConsent(string VpiId, int Number, int Revision, ConsentAnswer Answer) : ICardData, IVpiCard
{
    public static string Verb => "alliance.consent";
}

/// <summary>A page of "alliance", with the theme it is filtered by.</summary>
public sealed record AlliancePage(string VpiId, int Page, UntocTheme? Theme = null) : ICardData, IVpiCard
{
    public static string Verb => "alliance.list";
}
