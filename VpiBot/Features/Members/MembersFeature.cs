using VpiBot.Domain;
using VpiBot.Features.Members.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol;
using VpiBot.Protocol.Connector;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Members;

public static class MembersRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Command<MembersHandlers>("members", CommandGroup.People, Access.Viewer, (h, t, _, ct) => h.RosterAsync(t, ct), CommandMenu.Conversations)
        .Command<MembersHandlers>("add member", CommandGroup.People, Access.Facilitator, (h, t, _, ct) => h.AddFormAsync(t, ct), CommandMenu.Conversations)
        .Card<MembersHandlers, MemberChoices>(Access.Facilitator, (h, t, choices, ct) => h.AddAsync(t, choices, ct))
        .Command<MembersHandlers>("remove member", CommandGroup.People, Access.Facilitator, (h, t, _, ct) => h.RemoveFormAsync(t, ct))
        .Card<MembersHandlers, RemoveMemberChoice>(Access.Facilitator, (h, t, choice, ct) => h.RemoveAsync(t, choice, ct));
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
/// the card only names them, and they are looked up again) and remove them.
/// </summary>
public sealed class MembersHandlers(VpiStore store, TeamRoster roster, TimeProvider time)
{
    public async Task<Answer> RosterAsync(VpiTurn t, CancellationToken ct) =>
        Answer.Card(RosterCard.Build(t.Vpi, await store.GetMembersAsync(t.Vpi.Id, ct), t.Culture));

    /// <summary>"add member [@someone]": the card, with the person mentioned already chosen.</summary>
    public async Task<Answer> AddFormAsync(VpiTurn t, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(t, ct);
        if (candidates.Count == 0)
        {
            return Answer.Text(t.Say("AddMember.NoCandidates"));
        }
        var mentioned = MentionedPeople(t.Turn.Activity).FirstOrDefault(id => candidates.Any(c => c.TeamsId == id));
        return Answer.Card(AddMemberCard.Build(t.Vpi, candidates, new MemberChoices(t.Vpi.Id, mentioned), t.Culture));
    }

    public async Task<Answer> AddAsync(VpiTurn t, MemberChoices choices, CancellationToken ct)
    {
        choices = choices with { Organisation = choices.Organisation?.Trim() };
        var role = Labels.Parse<VpiRole>(choices.Role);
        var type = Labels.Parse<OrganisationType>(choices.OrganisationType);
        var candidates = await CandidatesAsync(t, ct);
        if (role is null || type is null || string.IsNullOrWhiteSpace(choices.Organisation) || choices.Organisation.Length > AddMemberCard.MaxOrganisationLength)
        {
            return Answer.Card(AddMemberCard.Build(t.Vpi, candidates, Shorten(choices), t.Culture, t.Say("AddMember.Invalid")));
        }
        var person = (await roster.ReadAsync(t.Turn.Place, ct)).FirstOrDefault(p => p.Id == choices.Person);
        if (person is null)
        {
            return Answer.Card(AddMemberCard.Build(t.Vpi, candidates, choices with { Person = null }, t.Culture, t.Say("AddMember.NotInConversation")));
        }
        var member = new Member(person.AadObjectId!, person.Id!, person.Name ?? person.Email ?? person.Id!, person.Email, role.Value,
            choices.Organisation, type.Value, t.Turn.From.AadObjectId!, time.GetUtcNow());
        if (await ChangeRosterAsync(t, member, null, ct) is { } cannot)
        {
            return t.Refuse(cannot);
        }
        return Answer.Card(RosterCard.Build(t.Vpi, await store.GetMembersAsync(t.Vpi.Id, ct), t.Culture, t.Say("AddMember.Added", member.Name)));
    }

    public async Task<Answer> RemoveFormAsync(VpiTurn t, CancellationToken ct) =>
        Answer.Card(RemoveMemberCard.Build(t.Vpi, await store.GetMembersAsync(t.Vpi.Id, ct), t.Culture));

    public async Task<Answer> RemoveAsync(VpiTurn t, RemoveMemberChoice choice, CancellationToken ct)
    {
        var members = await store.GetMembersAsync(t.Vpi.Id, ct);
        var target = members.FirstOrDefault(m => string.Equals(m.AadObjectId, choice.Member, StringComparison.OrdinalIgnoreCase));
        if (target is null)
        {
            return Answer.Card(RemoveMemberCard.Build(t.Vpi, members, t.Culture, t.Say("RemoveMember.Unknown")));
        }
        if (await ChangeRosterAsync(t, null, target.AadObjectId, ct) is { } cannot)
        {
            return t.Refuse(cannot);
        }
        return Answer.Card(RosterCard.Build(t.Vpi, await store.GetMembersAsync(t.Vpi.Id, ct), t.Culture, t.Say("RemoveMember.Removed", target.Name)));
    }

    /// <summary>
    /// Saves or removes a member if the VPI keeps a facilitator, checked against the roster as stored at the moment of
    /// the write (the store refuses a write made on a roster that changed meanwhile; then it is checked again).
    /// </summary>
    private async Task<Refusal?> ChangeRosterAsync(VpiTurn t, Member? save, string? remove, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.GetAsync(t.Vpi.Id, ct) ?? t.Current;
            if (VpiRules.KeepsAFacilitator(await store.GetMembersAsync(t.Vpi.Id, ct), save, remove) is { } refusal)
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
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 << Math.Min(attempt, 4))), ct); // backoff with jitter
            }
        }
    }

    /// <summary>People of the team or chat who are not on the roster yet, by name.</summary>
    private async Task<IReadOnlyList<Candidate>> CandidatesAsync(VpiTurn t, CancellationToken ct)
    {
        var onRoster = (await store.GetMembersAsync(t.Vpi.Id, ct)).Select(m => m.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (await roster.ReadAsync(t.Turn.Place, ct))
            .Where(p => !onRoster.Contains(p.AadObjectId!))
            .Select(p => new Candidate(p.Id!, p.Name ?? p.Email ?? p.Id!))
            .OrderBy(c => c.Name, StringComparer.Create(t.Culture, true))
            .ToList();
    }

    /// <summary>An over-long organisation is shown back cut to the limit, so the card stays small; nothing is saved.</summary>
    private static MemberChoices Shorten(MemberChoices c) =>
        c.Organisation is { Length: > AddMemberCard.MaxOrganisationLength } org ? c with { Organisation = org[..AddMemberCard.MaxOrganisationLength] } : c;

    private static IEnumerable<string> MentionedPeople(Activity activity) =>
        (activity.Entities ?? [])
            .Where(e => BotJson.StringAt(e, "type") == "mention")
            .Select(e => BotJson.StringAt(e, "mentioned", "id"))
            .OfType<string>()
            .Where(id => id != activity.Recipient?.Id);
}
