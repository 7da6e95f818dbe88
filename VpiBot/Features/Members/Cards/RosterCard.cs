using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Members.Cards;

/// <summary>
/// The roster, grouped by role, then by organisation: each organisation is written once (with its type), followed by
/// its people. Names and organisations are shown as typed, never as markdown.
/// </summary>
public static class RosterCard
{
    public static JsonObject Build(Vpi vpi, IReadOnlyList<Member> members, CultureInfo culture, string? notice = null)
    {
        var byName = StringComparer.Create(culture, true);
        var body = new List<JsonNode?>
        {
            notice is null ? null : Notice(notice),
            Heading(Text.Get("Roster.Title", culture, Countries.Name(vpi.Country, culture))),
            Paragraph(Text.Plural("Roster.Count", culture, members.Count)),
        };
        foreach (var role in Enum.GetValues<VpiRole>())
        {
            body.Add(Subheading(Labels.RoleGroup(role, culture)));
            var inRole = members.Where(m => m.Role == role).ToList();
            if (inRole.Count == 0)
            {
                body.Add(Paragraph(Text.Get("Roster.Empty", culture)));
            }
            // "UNODC" and "unodc " typed for two people are one organisation
            foreach (var organisation in inRole.GroupBy(m => (Name: m.Organisation.Trim().ToUpperInvariant(), Type: m.OrganisationType))
                         .OrderBy(g => g.Key.Type).ThenBy(g => g.First().Organisation.Trim(), byName))
            {
                body.Add(OrganisationLine(organisation.First().Organisation.Trim(), Labels.Of(organisation.Key.Type, culture)));
                body.Add(UserText(string.Join(", ", organisation.Select(m => m.Name).Order(byName))));
            }
        }
        return Card(body);
    }

    /// <summary>"Ministry of Justice · Government": the organisation as typed, then its type, subtle — unless the type
    /// says nothing more ("UNODC · UNODC" under "Facilitators (UNODC)" read as a stutter).</summary>
    private static JsonObject OrganisationLine(string organisation, string type)
    {
        var inlines = new JsonArray(new JsonObject { ["type"] = "TextRun", ["text"] = organisation, ["weight"] = "Bolder" });
        if (!string.Equals(organisation.Trim(), type, StringComparison.OrdinalIgnoreCase))
        {
            inlines.Add(new JsonObject { ["type"] = "TextRun", ["text"] = " · " + type, ["isSubtle"] = true });
        }
        return new JsonObject { ["type"] = "RichTextBlock", ["spacing"] = "Small", ["inlines"] = inlines };
    }
}
