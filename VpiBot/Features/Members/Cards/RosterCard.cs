using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Members.Cards;

/// <summary>The roster, grouped by role, then by organisation type. Names and organisations are shown as typed, never as markdown.</summary>
public static class RosterCard
{
    public static JsonObject Build(Vpi vpi, IReadOnlyList<Member> members, CultureInfo culture, string? notice = null)
    {
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
            foreach (var group in inRole.GroupBy(m => m.OrganisationType).OrderBy(g => g.Key))
            {
                body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Labels.Of(group.Key, culture), ["isSubtle"] = true, ["wrap"] = true });
                body.AddRange(group.OrderBy(m => m.Name, StringComparer.Create(culture, true)).Select(m => UserText($"{m.Name} · {m.Organisation}")));
            }
        }
        return Card(body);
    }
}
