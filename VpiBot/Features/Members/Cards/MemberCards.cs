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

/// <summary>The remove-member card's button: the member chosen (an input). Answered with a confirmation, nothing removed yet.</summary>
public sealed record RemoveMemberChoice(string VpiId, string? Member = null) : ICardData, IVpiCard
{
    public static string Verb => "vpi.member.remove";
}

/// <summary>The confirmation's button: removes the member named (their Entra object id, looked up again on the stored roster).</summary>
public sealed record RemoveMemberConfirmed(string VpiId, string Member) : ICardData, IVpiCard
{
    public static string Verb => "vpi.member.remove.confirm";
}

/// <summary>The edit-member picker's button: the member chosen (an input); answered with their edit card.</summary>
public sealed record EditMemberChoice(string VpiId, string? Member = null) : ICardData, IVpiCard
{
    public static string Verb => "vpi.member.pick";
}

/// <summary>The edit card's Save: the member it was made for (their Entra object id) and its inputs as entered.</summary>
public sealed record MemberEdit(string VpiId, string Member, string? Role = null, string? Organisation = null, string? OrganisationType = null)
    : ICardData, IVpiCard
{
    public static string Verb => "vpi.member.edit";
}

/// <summary>The inputs the add and edit cards share, each saying what to do when left empty.</summary>
internal static class MemberInputs
{
    public const int MaxOrganisationLength = 200;

    public static JsonObject Saying(JsonObject input, string errorMessage)
    {
        input["errorMessage"] = errorMessage;
        return input;
    }

    public static IEnumerable<JsonObject> RoleAndOrganisation(string? role, string? organisation, string? type, CultureInfo culture) =>
    [
        Saying(ChoiceInput("role", Text.Get("AddMember.Role", culture),
            Enum.GetValues<VpiRole>().Select(r => Choice(Labels.RoleName(r, culture), r.ToString())), role), Text.Get("AddMember.Role.Error", culture)),
        Saying(TextInput("organisation", Text.Get("AddMember.Organisation", culture), organisation, MaxOrganisationLength),
            Text.Get("AddMember.Organisation.Error", culture)),
        Saying(ChoiceInput("organisationType", Text.Get("AddMember.OrganisationType", culture),
            Enum.GetValues<OrganisationType>().Select(t => Choice(Labels.Of(t, culture), t.ToString())), type),
            Text.Get("AddMember.OrganisationType.Error", culture)),
    ];

    /// <summary>Which organisation types a role is held from, said so the person knows what to choose.</summary>
    public static string TypesAllowed(VpiRole role, CultureInfo culture) => Text.Get($"Roster.TypesAllowed.{role}", culture);

    /// <summary>"Bob Owusu (Review team, Ministry of Justice)" — a name, so shown as typed (never markdown).</summary>
    public static string Describe(Member m, CultureInfo culture) => $"{m.Name} ({Labels.RoleName(m.Role, culture)}, {m.Organisation})";

    public static IEnumerable<JsonObject> ByName(IEnumerable<Member> members, CultureInfo culture) =>
        members.OrderBy(m => m.Name, StringComparer.Create(culture, true)).Select(m => Choice(Describe(m, culture), m.AadObjectId));
}

public static class AddMemberCard
{
    public const int MaxOrganisationLength = MemberInputs.MaxOrganisationLength;

    public static JsonObject Build(Vpi vpi, IReadOnlyList<Candidate> candidates, MemberChoices choices, CultureInfo culture, string? notice = null) => Card(
        [
            Heading(Text.Get("AddMember.Title", culture)),
            notice is null ? null : Notice(notice),
            MemberInputs.Saying(ChoiceInput("person", Text.Get("AddMember.Person", culture), candidates.Select(c => Choice(c.Name, c.TeamsId)), choices.Person, filtered: true),
                Text.Get("AddMember.Person.Error", culture)),
            .. MemberInputs.RoleAndOrganisation(choices.Role, choices.Organisation, choices.OrganisationType, culture),
        ],
        [Execute(Text.Get("AddMember.Save", culture), new MemberChoices(vpi.Id))]);
}

/// <summary>A member's role, organisation and organisation type, to change (facilitators; the person stays who Teams says).</summary>
public static class EditMemberCard
{
    public static JsonObject Build(Vpi vpi, Member member, CultureInfo culture, string? notice = null, MemberEdit? entered = null) => Card(
        [
            Heading(Text.Get("EditMember.Title", culture)),
            notice is null ? null : Notice(notice),
            UserText(member.Name, title: true),
            .. MemberInputs.RoleAndOrganisation(entered?.Role ?? member.Role.ToString(), entered?.Organisation ?? member.Organisation,
                entered?.OrganisationType ?? member.OrganisationType.ToString(), culture),
        ],
        [Execute(Text.Get("EditMember.Save", culture), new MemberEdit(vpi.Id, member.AadObjectId))]);
}

/// <summary>"edit member" without a mention: which member to change.</summary>
public static class PickMemberCard
{
    public static JsonObject Build(Vpi vpi, IReadOnlyList<Member> members, CultureInfo culture, string? notice = null) => Card(
        [
            Heading(Text.Get("EditMember.PickTitle", culture)),
            notice is null ? null : Notice(notice),
            MemberInputs.Saying(ChoiceInput("member", Text.Get("EditMember.Pick", culture), MemberInputs.ByName(members, culture), null, filtered: true),
                Text.Get("EditMember.Pick.Error", culture)),
        ],
        [Execute(Text.Get("EditMember.PickButton", culture), new EditMemberChoice(vpi.Id))]);
}

/// <summary>Who can be removed: everyone but the VPI's last facilitator, who is not offered at all.</summary>
public static class RemoveMemberCard
{
    public static JsonObject Build(Vpi vpi, IReadOnlyList<Member> removable, CultureInfo culture, string? notice = null) => Card(
        [
            Heading(Text.Get("RemoveMember.Title", culture)),
            notice is null ? null : Notice(notice),
            MemberInputs.Saying(ChoiceInput("member", Text.Get("RemoveMember.Person", culture), MemberInputs.ByName(removable, culture), null, filtered: true),
                Text.Get("RemoveMember.Person.Error", culture)),
        ],
        [Execute(Text.Get("RemoveMember.Save", culture), new RemoveMemberChoice(vpi.Id), primary: false)]);
}

/// <summary>The second step of a removal: "Remove Bob Owusu (Ministry of Justice)?" with Confirm.</summary>
public static class ConfirmRemovalCard
{
    public static JsonObject Build(Vpi vpi, Member member, CultureInfo culture)
    {
        var confirm = Execute(Text.Get("RemoveMember.ConfirmButton", culture), new RemoveMemberConfirmed(vpi.Id, member.AadObjectId));
        confirm["style"] = "destructive";
        return Card(
            [
                Heading(Text.Get("RemoveMember.Title", culture)),
                UserText(Text.Get("RemoveMember.Confirm", culture, member.Name, member.Organisation), title: true),
                Paragraph(Text.Get("RemoveMember.ConfirmNote", culture)),
            ],
            [confirm]);
    }
}
