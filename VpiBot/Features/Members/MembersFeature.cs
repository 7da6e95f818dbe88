using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Members.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol;
using VpiBot.Protocol.Connector;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Members;

public static class MembersRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Command<MembersHandlers>("members", CommandGroup.People, Access.Viewer, (h, t, _, ct) => h.RosterAsync(t, ct), CommandMenu.Conversations)
        .Command<MembersHandlers>("who represents", CommandGroup.People, Access.Viewer, (h, t, args, ct) => h.RepresentsAsync(t, args, ct))
        .Command<MembersHandlers>("add member", CommandGroup.People, Access.Facilitator, (h, t, _, ct) => h.AddFormAsync(t, ct))
        .Card<MembersHandlers, MemberChoices>(Access.Facilitator, (h, t, choices, ct) => h.AddAsync(t, choices, ct))
        .Command<MembersHandlers>("edit member", CommandGroup.People, Access.Facilitator, (h, t, _, ct) => h.EditFormAsync(t, ct))
        .Card<MembersHandlers, EditMemberChoice>(Access.Facilitator, (h, t, choice, ct) => h.PickAsync(t, choice, ct))
        .Card<MembersHandlers, MemberEdit>(Access.Facilitator, (h, t, edit, ct) => h.EditAsync(t, edit, ct))
        .Command<MembersHandlers>("remove member", CommandGroup.People, Access.Facilitator, (h, t, _, ct) => h.RemoveFormAsync(t, ct))
        .Card<MembersHandlers, RemoveMemberChoice>(Access.Facilitator, (h, t, choice, ct) => h.RemoveAsync(t, choice, ct))
        .Card<MembersHandlers, RemoveMemberConfirmed>(Access.Facilitator, (h, t, confirmed, ct) => h.ConfirmRemovalAsync(t, confirmed, ct));
}

/// <summary>The people of the team (or group chat) a VPI lives in, read from Teams through the Connector's paged members.</summary>
public sealed class TeamRoster(ConnectorClient connector)
{
    private const int PageSize = 500;
    private const int MaxPages = 20;

    public async Task<IReadOnlyList<TeamsMember>> ReadAsync(Place place, CancellationToken ct)
    {
        // A team's roster is read with the team id; a group chat's with its conversation id.
        // https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#fetch-the-roster-or-user-profile
        var conversation = place.TeamId ?? place.ConversationId.Split(';')[0];
        var people = new List<TeamsMember>();
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await connector.GetPagedMembersAsync(place.ServiceUrl, conversation, PageSize, token, ct);
            people.AddRange(result.Members.Where(m => !string.IsNullOrEmpty(m.AadObjectId) && !string.IsNullOrEmpty(m.Id)));
            token = result.ContinuationToken;
            if (string.IsNullOrEmpty(token))
            {
                break;
            }
        }
        return people;
    }
}

/// <summary>
/// "members" shows the roster; facilitators add people picked from the team's roster (Teams decides who they are:
/// the card only names them, and they are looked up again), change a member's role or organisation, and remove members
/// after confirming. Roles and organisation types must agree (<see cref="Roster.Fits"/>) and the VPI keeps a facilitator.
/// </summary>
public sealed class MembersHandlers(VpiStore store, TeamRoster roster, TimeProvider time)
{
    public async Task<Answer> RosterAsync(VpiTurn t, CancellationToken ct) =>
        Answer.Card(RosterCard.Build(t.Vpi, await store.GetMembersAsync(t.Vpi.Id, ct), t.Culture));

    /// <summary>
    /// "who represents [organisation]": the members of the organisations whose name matches what was typed (accents,
    /// case and a typo aside); none, the organisations there are.
    /// </summary>
    public async Task<Answer> RepresentsAsync(VpiTurn t, string arguments, CancellationToken ct)
    {
        var roster = await store.GetMembersAsync(t.Vpi.Id, ct);
        var organisations = roster.GroupBy(m => m.Organisation, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Create(t.Culture, true)).ToList();
        var matching = organisations.Where(g => Organisations.Matches(g.Key, arguments)).ToList();
        if (arguments.Trim().Length == 0 || matching.Count == 0)
        {
            return Answer.Text(t.Say(arguments.Trim().Length == 0 ? "Represents.Which" : "Represents.None", arguments.Trim(),
                string.Join(", ", organisations.Select(g => g.Key))));
        }
        return Answer.Text(string.Join("\n\n", matching.Select(g => t.Say("Represents.Line", g.Key,
            string.Join(", ", g.OrderBy(m => m.Name, StringComparer.Create(t.Culture, true)).Select(m => t.Say("Represents.Person", m.Name, Labels.RoleName(m.Role, t.Culture))))))));
    }

    /// <summary>
    /// "add member [@someone]": the card, with the person mentioned already chosen; someone mentioned who is a member
    /// already gets their edit card, saying so.
    /// </summary>
    public async Task<Answer> AddFormAsync(VpiTurn t, CancellationToken ct)
    {
        var members = await store.GetMembersAsync(t.Vpi.Id, ct);
        var people = await roster.ReadAsync(t.Turn.Place, ct);
        if (MentionedMembers(t, members, people).FirstOrDefault() is { } already)
        {
            return Answer.Card(EditMemberCard.Build(t.Vpi, already, t.Culture, AlreadyAMember(already, t.Culture)));
        }
        var candidates = Candidates(members, people, t.Culture);
        if (candidates.Count == 0)
        {
            return Answer.Text(t.Say("AddMember.NoCandidates"));
        }
        var mentioned = MessageText.MentionedPeople(t.Turn.Activity).FirstOrDefault(id => candidates.Any(c => c.TeamsId == id));
        return Answer.Card(AddMemberCard.Build(t.Vpi, candidates, new MemberChoices(t.Vpi.Id, mentioned), t.Culture));
    }

    public async Task<Answer> AddAsync(VpiTurn t, MemberChoices choices, CancellationToken ct)
    {
        choices = choices with { Organisation = choices.Organisation?.Trim() };
        var role = Labels.Parse<VpiRole>(choices.Role);
        var type = Labels.Parse<OrganisationType>(choices.OrganisationType);
        var members = await store.GetMembersAsync(t.Vpi.Id, ct);
        var people = await roster.ReadAsync(t.Turn.Place, ct);
        var candidates = Candidates(members, people, t.Culture);
        if (role is null || type is null || string.IsNullOrWhiteSpace(choices.Organisation) || choices.Organisation.Length > AddMemberCard.MaxOrganisationLength)
        {
            return Answer.Card(AddMemberCard.Build(t.Vpi, candidates, Shorten(choices), t.Culture, t.Say("AddMember.Invalid")));
        }
        var person = people.FirstOrDefault(p => p.Id == choices.Person);
        if (person is null)
        {
            return Answer.Card(AddMemberCard.Build(t.Vpi, candidates, choices with { Person = null }, t.Culture, t.Say("AddMember.NotInConversation")));
        }
        if (!Roster.Fits(role.Value, type.Value))
        {
            return Answer.Card(AddMemberCard.Build(t.Vpi, candidates, choices, t.Culture, MemberInputs.TypesAllowed(role.Value, t.Culture)));
        }
        var member = new Member(person.AadObjectId!, person.Id!, person.Name ?? person.Email ?? person.Id!, person.Email, role.Value,
            choices.Organisation, type.Value, t.Turn.From.AadObjectId!, time.GetUtcNow());
        // An add card saved for someone who is on the roster by now (added meanwhile, or a card made before) saves the
        // role and organisation chosen, as an edit would: same rules, and who added them and when is kept.
        if (await ChangeRosterAsync(t, now => (Roster.Find(now, member.AadObjectId) is { } already
                ? member with { AddedBy = already.AddedBy, AddedAt = already.AddedAt }
                : member, null), ct) is { } cannot)
        {
            return t.Refuse(cannot);
        }
        return Answer.Card(RosterCard.Build(t.Vpi, await store.GetMembersAsync(t.Vpi.Id, ct), t.Culture, t.Say("AddMember.Added", member.Name)));
    }

    /// <summary>"edit member [@someone]": the member's edit card, or a card to choose whom to edit.</summary>
    public async Task<Answer> EditFormAsync(VpiTurn t, CancellationToken ct)
    {
        var members = await store.GetMembersAsync(t.Vpi.Id, ct);
        var people = MessageText.MentionedPeople(t.Turn.Activity).Any() ? await roster.ReadAsync(t.Turn.Place, ct) : [];
        if (MentionedMembers(t, members, people).FirstOrDefault() is { } mentioned)
        {
            return Answer.Card(EditMemberCard.Build(t.Vpi, mentioned, t.Culture));
        }
        return Answer.Card(PickMemberCard.Build(t.Vpi, members, t.Culture));
    }

    public async Task<Answer> PickAsync(VpiTurn t, EditMemberChoice choice, CancellationToken ct)
    {
        var members = await store.GetMembersAsync(t.Vpi.Id, ct);
        return Roster.Find(members, choice.Member) is { } member
            ? Answer.Card(EditMemberCard.Build(t.Vpi, member, t.Culture))
            : Answer.Card(PickMemberCard.Build(t.Vpi, members, t.Culture, t.Say("RemoveMember.Unknown")));
    }

    public async Task<Answer> EditAsync(VpiTurn t, MemberEdit edit, CancellationToken ct)
    {
        edit = edit with { Organisation = edit.Organisation?.Trim() };
        var members = await store.GetMembersAsync(t.Vpi.Id, ct);
        if (Roster.Find(members, edit.Member) is not { } target)
        {
            return Answer.Card(PickMemberCard.Build(t.Vpi, members, t.Culture, t.Say("RemoveMember.Unknown")));
        }
        var role = Labels.Parse<VpiRole>(edit.Role);
        var type = Labels.Parse<OrganisationType>(edit.OrganisationType);
        if (role is null || type is null || string.IsNullOrWhiteSpace(edit.Organisation) || edit.Organisation.Length > MemberInputs.MaxOrganisationLength)
        {
            var shown = edit.Organisation is { Length: > MemberInputs.MaxOrganisationLength } org ? edit with { Organisation = org[..MemberInputs.MaxOrganisationLength] } : edit;
            return Answer.Card(EditMemberCard.Build(t.Vpi, target, t.Culture, t.Say("AddMember.Invalid"), shown));
        }
        if (!Roster.Fits(role.Value, type.Value))
        {
            return Answer.Card(EditMemberCard.Build(t.Vpi, target, t.Culture, MemberInputs.TypesAllowed(role.Value, t.Culture), edit));
        }
        // applied to the member as stored at the moment of the write: an edit never brings back someone removed meanwhile
        if (await ChangeRosterAsync(t, now => Roster.Find(now, target.AadObjectId) is { } current
                ? (current with { Role = role.Value, Organisation = edit.Organisation, OrganisationType = type.Value }, null)
                : null, ct) is { } cannot)
        {
            return t.Refuse(cannot);
        }
        return Answer.Card(RosterCard.Build(t.Vpi, await store.GetMembersAsync(t.Vpi.Id, ct), t.Culture, t.Say("EditMember.Saved", target.Name)));
    }

    /// <summary>"remove member": everyone who may be removed (never the VPI's last facilitator).</summary>
    public async Task<Answer> RemoveFormAsync(VpiTurn t, CancellationToken ct)
    {
        var removable = Roster.Removable(await store.GetMembersAsync(t.Vpi.Id, ct));
        return removable.Count == 0
            ? Answer.Text(t.Say("RemoveMember.Nobody"))
            : Answer.Card(RemoveMemberCard.Build(t.Vpi, removable, t.Culture));
    }

    /// <summary>The member chosen: asks to confirm; nothing is removed yet.</summary>
    public async Task<Answer> RemoveAsync(VpiTurn t, RemoveMemberChoice choice, CancellationToken ct)
    {
        var members = await store.GetMembersAsync(t.Vpi.Id, ct);
        if (Roster.Find(members, choice.Member) is not { } target)
        {
            return Answer.Card(RemoveMemberCard.Build(t.Vpi, Roster.Removable(members), t.Culture, t.Say("RemoveMember.Unknown")));
        }
        if (VpiRules.KeepsAFacilitator(members, null, target.AadObjectId) is { } refusal)
        {
            return t.Refuse(refusal);
        }
        return Answer.Card(ConfirmRemovalCard.Build(t.Vpi, target, t.Culture));
    }

    public async Task<Answer> ConfirmRemovalAsync(VpiTurn t, RemoveMemberConfirmed confirmed, CancellationToken ct)
    {
        var members = await store.GetMembersAsync(t.Vpi.Id, ct);
        if (Roster.Find(members, confirmed.Member) is not { } target)
        {
            return Answer.Card(RosterCard.Build(t.Vpi, members, t.Culture, t.Say("RemoveMember.Unknown")));
        }
        if (await ChangeRosterAsync(t, now => Roster.Find(now, target.AadObjectId) is null ? null : (null, target.AadObjectId), ct) is { } cannot)
        {
            return t.Refuse(cannot);
        }
        return Answer.Card(RosterCard.Build(t.Vpi, await store.GetMembersAsync(t.Vpi.Id, ct), t.Culture, t.Say("RemoveMember.Removed", target.Name)));
    }

    /// <summary>
    /// Saves or removes a member if the VPI keeps a facilitator, checked against the roster as stored at the moment of
    /// the write (the store refuses a write made on a roster that changed meanwhile; then it is checked again).
    /// <paramref name="change"/> says what to write given that roster, or null when the card no longer applies to it.
    /// </summary>
    private async Task<Refusal?> ChangeRosterAsync(VpiTurn t, Func<IReadOnlyList<Member>, (Member? Save, string? Remove)?> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.GetAsync(t.Vpi.Id, ct) ?? t.Current;
            var members = await store.GetMembersAsync(t.Vpi.Id, ct);
            if (change(members) is not { } planned)
            {
                return Refusal.StaleCard;
            }
            var (save, remove) = planned;
            if (VpiRules.KeepsAFacilitator(members, save, remove) is { } refusal)
            {
                return refusal;
            }
            try
            {
                await store.ChangeRosterAsync(current, save, remove, ct);
                return null;
            }
            catch (ConcurrencyConflictException)
            {
                if (attempt >= 8)
                {
                    return Refusal.StaleCard;
                }
                await Task.Delay(ConcurrencyConflictException.Backoff(attempt), ct);
            }
        }
    }

    private static string AlreadyAMember(Member m, CultureInfo culture) =>
        Text.Get("AddMember.AlreadyMember", culture, m.Name, Labels.RoleName(m.Role, culture), m.Organisation);

    /// <summary>
    /// Members the message @mentions: by the Teams id stored with them, or (given the team's roster) by the Entra
    /// object id Teams gives the person mentioned.
    /// </summary>
    private static IEnumerable<Member> MentionedMembers(VpiTurn t, IReadOnlyList<Member> members, IReadOnlyList<TeamsMember> people) =>
        MessageText.MentionedPeople(t.Turn.Activity)
            .Select(id => members.FirstOrDefault(m => m.TeamsId == id)
                ?? Roster.Find(members, people.FirstOrDefault(p => p.Id == id)?.AadObjectId))
            .OfType<Member>();

    /// <summary>People of the team or chat who are not on the roster yet, by name.</summary>
    private static List<Candidate> Candidates(IReadOnlyList<Member> members, IReadOnlyList<TeamsMember> people, CultureInfo culture)
    {
        var onRoster = members.Select(m => m.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return people
            .Where(p => !onRoster.Contains(p.AadObjectId!))
            .Select(p => new Candidate(p.Id!, p.Name ?? p.Email ?? p.Id!))
            .OrderBy(c => c.Name, StringComparer.Create(culture, true))
            .ToList();
    }

    /// <summary>An over-long organisation is shown back cut to the limit, so the card stays small; nothing is saved.</summary>
    private static MemberChoices Shorten(MemberChoices c) =>
        c.Organisation is { Length: > AddMemberCard.MaxOrganisationLength } org ? c with { Organisation = org[..AddMemberCard.MaxOrganisationLength] } : c;
}
