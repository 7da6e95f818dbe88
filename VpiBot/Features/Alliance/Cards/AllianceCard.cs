using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Features.Shared;
using VpiBot.Features.Shared.Cards;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Alliance.Cards;

/// <summary>
/// "alliance": the organisations grouped by type, with their themes, city and contact, a page at a time, and how many
/// of each type. Whether each consented to WhatsOn is shown to facilitators only.
/// </summary>
public static class AllianceCard
{
    /// <summary>Organisations per page: each at most ~1.3 KB (name 200, city 100, twelve themes, a contact), so a page stays far within 40 KB.</summary>
    public const int PageSize = 15;

    /// <param name="all">The organisations to list (already filtered by theme).</param>
    /// <param name="names">The roster's names by Entra object id (a contact no longer on it is said so).</param>
    public static JsonObject Build(Vpi vpi, IReadOnlyList<AllianceOrganisation> all, IReadOnlyDictionary<string, string> names, UntocTheme? theme, int page,
        bool showConsent, CultureInfo culture)
    {
        var ordered = all.OrderBy(o => TypeOrder(o.Details.Type)).ThenBy(o => o.Details.Name, StringComparer.Create(culture, true)).ToList();
        var paging = Paging.Of(ordered.Count, page, PageSize);
        var counts = AllianceRules.CountByType(ordered);
        var body = new List<JsonNode?>
        {
            Heading(theme is null ? Text.Get("Alliance.Title", culture) : Text.Get("Alliance.TitleTheme", culture, Labels.Of(theme.Value, culture))),
            ordered.Count == 0 ? null : Paragraph(Text.Get("Alliance.Counts", culture, ordered.Count,
                string.Join(" · ", counts.Select(c => $"{Labels.Of(c.Type, culture)} {c.Count}")))),
            paging.Summary(Text.Get(theme is null ? "Alliance.Empty" : "Alliance.EmptyTheme", culture), culture),
        };
        OrganisationType? group = null;
        foreach (var o in paging.Items(ordered))
        {
            if (o.Details.Type != group)
            {
                group = o.Details.Type;
                body.Add(Subheading(Text.Get("Alliance.Group", culture, Labels.Of(o.Details.Type, culture), counts.Single(c => c.Type == o.Details.Type).Count)));
            }
            body.Add(UserText(Text.Get("Organisation.Heading", culture, OrganisationParts.Label(o.Number, culture), o.Details.Name)));
            var contact = names.TryGetValue(o.ContactAadObjectId, out var name) ? name : Text.Get("Alliance.ContactGone", culture);
            var line = Text.Get("Alliance.Line", culture, OrganisationParts.Themes(o.Details.Themes, culture), o.Details.City, contact);
            body.Add(UserText(showConsent ? Text.Get("Alliance.LineWithConsent", culture, line, Labels.Of(o.Consent.State, culture)) : line, subtle: true));
        }
        body.Add(Paragraph(Text.Get("Alliance.Hint", culture)));
        return Card(body, paging.Buttons(p => new AlliancePage(vpi.Id, p, theme), culture));
    }

    private static int TypeOrder(OrganisationType type) => OrganisationDetails.Types.ToList().IndexOf(type) is var i and >= 0 ? i : int.MaxValue;
}
