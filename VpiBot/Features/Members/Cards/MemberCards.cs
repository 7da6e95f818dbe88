using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Members.Cards;

/// <summary>A person the facilitator can pick: someone in the team or chat who is not on the roster yet.</summary>
public sealed record Candidate(string TeamsId, string Name);

/// <summary>What the facilitator entered on the add-member card (kept when the card comes back with an error).</summary>
public sealed record MemberChoices(string? Person, string? Role, string? Organisation, string? OrganisationType);

public static class AddMemberCard
{
    public const string Verb = "vpi.member.add";
    public const int MaxOrganisationLength = 200;

    public static JsonObject Build(Vpi vpi, IReadOnlyList<Candidate> candidates, MemberChoices choices, CultureInfo culture, string? notice = null) => Card(
        [
            Heading(Text.Get("AddMember.Title", culture)),
            notice is null ? null : Notice(notice),
            ChoiceInput("person", Text.Get("AddMember.Person", culture), candidates.Select(c => Choice(c.Name, c.TeamsId)), choices.Person, filtered: true),
            ChoiceInput("role", Text.Get("AddMember.Role", culture),
                Enum.GetValues<VpiRole>().Select(r => Choice(Labels.RoleName(r, culture), r.ToString())), choices.Role),
            TextInput("organisation", Text.Get("AddMember.Organisation", culture), choices.Organisation, MaxOrganisationLength),
            ChoiceInput("organisationType", Text.Get("AddMember.OrganisationType", culture),
                Enum.GetValues<OrganisationType>().Select(t => Choice(Labels.Of(t, culture), t.ToString())), choices.OrganisationType),
        ],
        [Execute(Text.Get("AddMember.Save", culture), Verb, new JsonObject { ["vpiId"] = vpi.Id })]);
}

public static class RemoveMemberCard
{
    public const string Verb = "vpi.member.remove";

    public static JsonObject Build(Vpi vpi, IReadOnlyList<Member> members, CultureInfo culture, string? notice = null) => Card(
        [
            Heading(Text.Get("RemoveMember.Title", culture)),
            notice is null ? null : Notice(notice),
            ChoiceInput("member", Text.Get("RemoveMember.Person", culture),
                members.OrderBy(m => m.Name, StringComparer.Create(culture, true))
                    .Select(m => Choice($"{m.Name} ({Labels.RoleName(m.Role, culture)}, {m.Organisation})", m.AadObjectId)), null, filtered: true),
        ],
        [Execute(Text.Get("RemoveMember.Save", culture), Verb, new JsonObject { ["vpiId"] = vpi.Id }, primary: false)]);
}
