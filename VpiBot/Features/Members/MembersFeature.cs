using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Members.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol;
using VpiBot.Protocol.Connector;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Members;

/// <summary>"members": the VPI's roster card.</summary>
public sealed class MembersCommand(VpiAccess access, VpiStore store) : ITextCommand
{
    public string Name => "members";
    public string DescriptionKey => "Help.Command.Members";

    public async Task RunAsync(Turn turn, string arguments, CancellationToken ct)
    {
        if (await access.FindOrExplainAsync(turn, toManage: false, ct) is not { } scope)
        {
            return;
        }
        await turn.SendCardAsync(RosterCard.Build(scope.Vpi, await store.GetMembersAsync(scope.Vpi.Id, ct), turn.Culture), ct);
    }
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

/// <summary>"add member [@someone]": facilitators pick people from the team's roster.</summary>
public sealed class AddMemberCommand(VpiAccess access, VpiStore store, TeamRoster roster) : ITextCommand
{
    public string Name => "add member";
    public string DescriptionKey => "Help.Command.AddMember";

    public async Task RunAsync(Turn turn, string arguments, CancellationToken ct)
    {
        if (await access.FindOrExplainAsync(turn, toManage: true, ct) is not { } scope)
        {
            return;
        }
        var candidates = await CandidatesAsync(scope.Vpi, turn, store, roster, ct);
        if (candidates.Count == 0)
        {
            await turn.SendTextAsync(Text.Get("AddMember.NoCandidates", turn.Culture), ct);
            return;
        }
        // "add member @Bob": Bob is chosen already.
        var mentioned = MentionedPeople(turn.Activity).FirstOrDefault(id => candidates.Any(c => c.TeamsId == id));
        await turn.SendCardAsync(AddMemberCard.Build(scope.Vpi, candidates, new MemberChoices(mentioned, null, null, null), turn.Culture), ct);
    }

    internal static async Task<IReadOnlyList<Candidate>> CandidatesAsync(Vpi vpi, Turn turn, VpiStore store, TeamRoster roster, CancellationToken ct)
    {
        var onRoster = (await store.GetMembersAsync(vpi.Id, ct)).Select(m => m.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (await roster.ReadAsync(turn.Place, ct))
            .Where(p => !onRoster.Contains(p.AadObjectId!))
            .Select(p => new Candidate(p.Id!, p.Name ?? p.Email ?? p.Id!))
            .OrderBy(c => c.Name, StringComparer.Create(turn.Culture, true))
            .ToList();
    }

    private static IEnumerable<string> MentionedPeople(Activity activity) =>
        (activity.Entities ?? [])
            .Where(e => BotJson.StringAt(e, "type") == "mention")
            .Select(e => BotJson.StringAt(e, "mentioned", "id"))
            .OfType<string>()
            .Where(id => id != activity.Recipient?.Id);
}

/// <summary>The add-member card's button. The person is looked up again in Teams' roster: card data only names them.</summary>
public sealed class AddMemberAction(VpiAccess access, VpiStore store, TeamRoster roster, TimeProvider time) : ICardAction
{
    public string Verb => AddMemberCard.Verb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, refusal) = await access.FindToManageAsync(turn, data, ct);
        if (scope is null)
        {
            return VpiAccess.Refuse(refusal!.Value, turn);
        }
        var choices = new MemberChoices(BotJson.StringAt(data, "person"), BotJson.StringAt(data, "role"),
            BotJson.StringAt(data, "organisation")?.Trim(), BotJson.StringAt(data, "organisationType"));
        var role = Labels.Parse<VpiRole>(choices.Role);
        var type = Labels.Parse<OrganisationType>(choices.OrganisationType);
        var candidates = await AddMemberCommand.CandidatesAsync(scope.Vpi, turn, store, roster, ct);
        if (role is null || type is null || string.IsNullOrWhiteSpace(choices.Organisation) || choices.Organisation.Length > AddMemberCard.MaxOrganisationLength)
        {
            return InvokeResponse.CardAction.Card(AddMemberCard.Build(scope.Vpi, candidates, Shorten(choices), turn.Culture, Text.Get("AddMember.Invalid", turn.Culture)));
        }
        var person = (await roster.ReadAsync(turn.Place, ct)).FirstOrDefault(p => p.Id == choices.Person);
        if (person is null)
        {
            return InvokeResponse.CardAction.Card(AddMemberCard.Build(scope.Vpi, candidates, choices with { Person = null }, turn.Culture, Text.Get("AddMember.NotInConversation", turn.Culture)));
        }
        var member = new Member(person.AadObjectId!, person.Id!, person.Name ?? person.Email ?? person.Id!, person.Email, role.Value,
            choices.Organisation, type.Value, turn.From.AadObjectId!, time.GetUtcNow());
        await store.SaveMemberAsync(scope.Vpi.Id, member, ct);
        return InvokeResponse.CardAction.Card(RosterCard.Build(scope.Vpi, await store.GetMembersAsync(scope.Vpi.Id, ct), turn.Culture,
            Text.Get("AddMember.Added", turn.Culture, member.Name)));
    }

    /// <summary>An over-long organisation is shown back cut to the limit, so the card stays small; nothing is saved.</summary>
    private static MemberChoices Shorten(MemberChoices c) =>
        c.Organisation is { Length: > AddMemberCard.MaxOrganisationLength } org ? c with { Organisation = org[..AddMemberCard.MaxOrganisationLength] } : c;
}

/// <summary>"remove member": facilitators take someone off the roster.</summary>
public sealed class RemoveMemberCommand(VpiAccess access, VpiStore store) : ITextCommand
{
    public string Name => "remove member";
    public string DescriptionKey => "Help.Command.RemoveMember";

    public async Task RunAsync(Turn turn, string arguments, CancellationToken ct)
    {
        if (await access.FindOrExplainAsync(turn, toManage: true, ct) is not { } scope)
        {
            return;
        }
        await turn.SendCardAsync(RemoveMemberCard.Build(scope.Vpi, await store.GetMembersAsync(scope.Vpi.Id, ct), turn.Culture), ct);
    }
}

public sealed class RemoveMemberAction(VpiAccess access, VpiStore store) : ICardAction
{
    public string Verb => RemoveMemberCard.Verb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, refusal) = await access.FindToManageAsync(turn, data, ct);
        if (scope is null)
        {
            return VpiAccess.Refuse(refusal!.Value, turn);
        }
        var members = await store.GetMembersAsync(scope.Vpi.Id, ct);
        var target = members.FirstOrDefault(m => string.Equals(m.AadObjectId, BotJson.StringAt(data, "member"), StringComparison.OrdinalIgnoreCase));
        if (target is null)
        {
            return InvokeResponse.CardAction.Card(RemoveMemberCard.Build(scope.Vpi, members, turn.Culture, Text.Get("RemoveMember.Unknown", turn.Culture)));
        }
        if (VpiRules.CanRemove(target, members) is { } cannot)
        {
            return VpiAccess.Refuse(cannot, turn);
        }
        await store.RemoveMemberAsync(scope.Vpi.Id, target.AadObjectId, ct);
        return InvokeResponse.CardAction.Card(RosterCard.Build(scope.Vpi, await store.GetMembersAsync(scope.Vpi.Id, ct), turn.Culture,
            Text.Get("RemoveMember.Removed", turn.Culture, target.Name)));
    }
}
