using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Alliance.Cards;

/// <summary>
/// How one person sees an organisation: whether they may edit it (its contact, a facilitator), answer for WhatsOn (its
/// contact alone), and see whether it consented (its contact and the facilitators: nobody else, for privacy).
/// </summary>
public sealed record OrganisationViewer(bool CanEdit, bool IsContact, bool SeesConsent)
{
    public static OrganisationViewer Of(AllianceOrganisation o, Member? viewer) => new(
        AllianceRules.CanEdit(o, viewer) is null, o.IsContact(viewer?.AadObjectId), viewer?.Role == VpiRole.Facilitator || o.IsContact(viewer?.AadObjectId));
}

/// <summary>The labels of an organisation's parts, as cards and exports show them.</summary>
public static class OrganisationParts
{
    public static string Label(int number, CultureInfo culture) => Text.Get("Organisation.Label", culture, number);

    public static string Themes(IEnumerable<UntocTheme> themes, CultureInfo culture) => string.Join(", ", themes.Select(x => Labels.Of(x, culture)));

    public static string Consent(WhatsOnConsent c, CultureInfo culture) => c.At is { } at
        ? Text.Get("Organisation.ConsentLine", culture, Labels.Of(c.State, culture), c.ByName ?? "", Labels.Date(DateOnly.FromDateTime(at.UtcDateTime), culture))
        : Labels.Of(c.State, culture);
}

/// <summary>One organisation of the alliance: what it is, where, what it works on, who its contact is; the buttons the viewer may use.</summary>
public static class OrganisationCard
{
    public static JsonObject Build(Vpi vpi, AllianceOrganisation o, string contactName, OrganisationViewer viewer, CultureInfo culture,
        string? notice = null)
    {
        var d = o.Details;
        var body = new List<JsonNode?>
        {
            notice is null ? null : Notice(notice),
            UserText(Text.Get("Organisation.Heading", culture, OrganisationParts.Label(o.Number, culture), d.Name), title: true),
            UserText(Text.Get("Organisation.TypeAndPlace", culture, Labels.Of(d.Type, culture), d.City, Countries.Name(d.Country, culture))),
            UserText(Text.Get("Organisation.Themes", culture, OrganisationParts.Themes(d.Themes, culture))),
            d.Website is null ? null : UserText(Text.Get("Organisation.Website", culture, d.Website)),
            UserText(Text.Get("Organisation.Contact", culture, contactName)),
            viewer.SeesConsent ? UserText(Text.Get("Organisation.WhatsOn", culture, OrganisationParts.Consent(o.Consent, culture)), subtle: true) : null,
            viewer.IsContact ? Paragraph(Text.Get("Organisation.WhatsOnExplained", culture)) : null,
        };
        var actions = new List<JsonNode>();
        if (viewer.IsContact && !o.ConsentsToWhatsOn)
        {
            actions.Add(Execute(Text.Get("Organisation.GiveConsent", culture), new AnswerConsent(vpi.Id, o.Number, o.Revision, ConsentAnswer.Agree)));
        }
        if (viewer.IsContact && o.Consent.State is ConsentState.Given or ConsentState.Asked)
        {
            actions.Add(Execute(Text.Get(o.ConsentsToWhatsOn ? "Organisation.WithdrawConsent" : "Organisation.RefuseConsent", culture),
                new AnswerConsent(vpi.Id, o.Number, o.Revision, ConsentAnswer.Decline), primary: false));
        }
        if (viewer.CanEdit)
        {
            actions.Add(Execute(Text.Get("Organisation.Edit", culture), new EditOrganisation(vpi.Id, o.Number), primary: false));
        }
        return Card(body, actions);
    }
}

/// <summary>
/// The form to register an organisation, or edit one. A facilitator picks its contact from the roster (who is then asked
/// about WhatsOn on a card of their own); a member registering their own organisation answers about WhatsOn here.
/// </summary>
public static class OrganisationFormCard
{
    /// <summary>Members offered as contact at most (the one chosen first), so the form stays within 40 KB.</summary>
    public const int MaxContactChoices = 80;
    public const int MaxChoiceName = 40;

    public static JsonObject Build(Vpi vpi, IReadOnlyList<Member> roster, SaveOrganisation typed, bool pickContact, bool askConsent, CultureInfo culture,
        IReadOnlyList<string>? errors = null)
    {
        var themes = ChoiceInput("themes", Text.Get("AllianceForm.Themes", culture),
            Enum.GetValues<UntocTheme>().Select(x => Choice(Labels.Of(x, culture), x.ToString())), typed.Themes, expanded: true,
            errorMessage: Text.Get("AllianceForm.ChooseThemes", culture));
        themes["isMultiSelect"] = true;
        var people = roster.OrderByDescending(m => string.Equals(m.AadObjectId, typed.Contact, StringComparison.OrdinalIgnoreCase))
            .ThenBy(m => m.Name, StringComparer.Create(culture, true)).Take(MaxContactChoices).OrderBy(m => m.Name, StringComparer.Create(culture, true)).ToList();
        var save = typed.Number is null
            ? new SaveOrganisation(vpi.Id)
            : new SaveOrganisation(vpi.Id, typed.Number, typed.Revision);
        return Card(
            [
                Heading(Text.Get(typed.Number is null ? "AllianceForm.Title" : "AllianceForm.EditTitle", culture, typed.Number ?? 0)),
                Paragraph(Text.Get(pickContact ? "AllianceForm.IntroFacilitator" : "AllianceForm.Intro", culture)),
                errors is { Count: > 0 } ? Problems(errors) : null,
                TextInput("name", Text.Get("AllianceForm.Name", culture, OrganisationDetails.MaxName), typed.Name, OrganisationDetails.MaxName),
                ChoiceInput("type", Text.Get("AllianceForm.Type", culture),
                    OrganisationDetails.Types.Select(x => Choice(Labels.Of(x, culture), x.ToString())), typed.Type, expanded: true),
                ChoiceInput("country", Text.Get("AllianceForm.Country", culture), CountryChoices(culture), typed.Country ?? vpi.Country, filtered: true),
                TextInput("city", Text.Get("AllianceForm.City", culture, OrganisationDetails.MaxCity), typed.City, OrganisationDetails.MaxCity),
                Optional(TextInput("website", Text.Get("AllianceForm.Website", culture), typed.Website, OrganisationDetails.MaxWebsite)),
                themes,
                pickContact
                    ? ChoiceInput("contact", Text.Get("AllianceForm.Contact", culture),
                        people.Select(m => Choice(Shorten(m.Name, MaxChoiceName), m.AadObjectId)), typed.Contact, filtered: true,
                        errorMessage: Text.Get("AllianceForm.ChooseContact", culture))
                    : null,
                askConsent
                    ? Toggle("consent", Text.Get("AllianceForm.Consent.Label", culture), Text.Get("AllianceForm.Consent", culture), typed.Consent ?? "false")
                    : null,
            ],
            [Execute(Text.Get(typed.Number is null ? "AllianceForm.Register" : "AllianceForm.Save", culture), save)]);
    }
}
