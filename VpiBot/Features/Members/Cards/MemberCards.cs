using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Members.Cards;

/// <summary>A person the facilitator can pick: someone in the team or chat who is not on the roster yet.</summary>
public sealed record Candidate(string TeamsId, string Name);

/// <summary>The add-member card's Save: its inputs as entered (kept when the card comes back with an error).</summary>
public sealed record MemberChoices(string VpiId, string? Person = null, string? Role = null, string? Organisation = null, string? OrganisationType = null)
    : ICardData, IVpiCard
{
    public static string Verb => "vpi.member.add";
}

/// <summary>The remove-member card's button: the member chosen (an input).</summary>
public sealed record RemoveMemberChoice(string VpiId, string? Member = null) : ICardData, IVpiCard
{
    public static string Verb => "vpi.member.remove";
}

public static class AddMemberCard
{
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
        [Execute(Text.Get("AddMember.Save", culture), new MemberChoices(vpi.Id))]);
}

public static class RemoveMemberCard
{
    public static JsonObject Build(Vpi vpi, IReadOnlyList<Member> members, CultureInfo culture, string? notice = null) => Card(
        [
            Heading(Text.Get("RemoveMember.Title", culture)),
            notice is null ? null : Notice(notice),
            ChoiceInput("member", Text.Get("RemoveMember.Person", culture),
                members.OrderBy(m => m.Name, StringComparer.Create(culture, true))
                    .Select(m => Choice($"{m.Name} ({Labels.RoleName(m.Role, culture)}, {m.Organisation})", m.AadObjectId)), null, filtered: true),
        ],
        [Execute(Text.Get("RemoveMember.Save", culture), new RemoveMemberChoice(vpi.Id), primary: false)]);
}
