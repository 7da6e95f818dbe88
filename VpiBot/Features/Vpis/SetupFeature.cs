using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Features.Vpis.Cards;
using VpiBot.Protocol;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Vpis;

public static class SetupRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .OpenCommand<SetupHandlers>("setup", CommandGroup.GettingStarted, (h, turn, _, ct) => h.FormAsync(turn, ct), CommandMenu.Conversations)
        .OpenCard<SetupHandlers, SetupChoices>((h, turn, choices, ct) => h.SaveAsync(turn, choices, ct));
}

/// <summary>
/// "setup": in a channel or group chat, a configured facilitator creates the VPI that lives there, with themself as its
/// first facilitator and its country's capital's time zone (which the summary offers to change). Where a VPI exists
/// already, anyone asking is shown it instead.
/// </summary>
public sealed class SetupHandlers(VpiAccess access, VpiStore store, TimeProvider time)
{
    public async Task<Answer> FormAsync(Turn turn, CancellationToken ct)
    {
        if (await ExistingAsync(turn, ct) is { } existing)
        {
            return existing;
        }
        if (await CannotCreateAsync(turn, ct) is { } cannot)
        {
            return Answer.Text(VpiAccess.Explain(cannot, turn.Culture));
        }
        return Answer.Card(SetupCard.Build(new SetupChoices(), turn.Culture));
    }

    public async Task<Answer> SaveAsync(Turn turn, SetupChoices choices, CancellationToken ct)
    {
        if (await ExistingAsync(turn, ct) is { } existing)
        {
            return existing;
        }
        if (await CannotCreateAsync(turn, ct) is { } cannot)
        {
            return Answer.Text(VpiAccess.Explain(cannot, turn.Culture));
        }
        var instrument = Labels.Parse<Instrument>(choices.Instrument);
        var cluster = Labels.Parse<ReviewCluster>(choices.Cluster);
        var level = Labels.Parse<CollaborationLevel>(choices.Level);
        var policy = choices.Policy is null ? ApprovalPolicy.AnyReviewer : Labels.Parse<ApprovalPolicy>(choices.Policy);
        if (!Countries.IsKnown(choices.Country) || instrument is null || cluster is null || level is null || policy is null)
        {
            return Answer.Card(SetupCard.Build(choices, turn.Culture, Text.Get("Setup.Invalid", turn.Culture)));
        }
        if (!Languages.IsSupported(choices.Language))
        {
            return Answer.Card(SetupCard.Build(choices, turn.Culture, Text.Get("Setup.Error.Language", turn.Culture)));
        }

        var now = time.GetUtcNow();
        var place = turn.Place;
        var vpi = new Vpi(Guid.NewGuid().ToString("N"), choices.Country!, turn.From.TenantId!, instrument.Value, cluster.Value, level.Value,
            new VpiHome(VpiAccess.ConversationKey(place), place.ServiceUrl, place.TeamId, place.ChannelId, place.Kind == ConversationKind.Channel),
            new Dictionary<VpiStage, DateOnly>(), new HashSet<string>(), turn.From.AadObjectId!, now, policy.Value,
            TimeZone: TimeZones.Default(choices.Country!), Language: choices.Language);
        var facilitator = new Member(turn.From.AadObjectId!, turn.From.TeamsId, turn.From.Name ?? "", null, VpiRole.Facilitator,
            "UNODC", OrganisationType.Unodc, turn.From.AadObjectId!, now);
        if (!await store.CreateAsync(vpi, facilitator, ct))
        {
            // another facilitator saved at the same moment and won: show theirs
            // the winner's VPI may be a moment from being written: look a few times before saying the card is out of date
            for (var look = 0; look < 20; look++)
            {
                if (await ExistingAsync(turn, ct) is { } winner)
                {
                    return winner;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
            }
            return Answer.Text(VpiAccess.Explain(Refusal.StaleCard, turn.Culture));
        }
        return Answer.Card(VpiSummaryCard.Build(vpi, 1, true, now, turn.Culture,
            Text.Get("Setup.Created", turn.Culture) + " " + Text.Get("Setup.TimeZoneFromCountry", turn.Culture, vpi.TimeZone!)));
    }

    /// <summary>Where a VPI already exists, setup shows it instead (with its real member count) — or why it cannot be seen.</summary>
    private async Task<Answer?> ExistingAsync(Turn turn, CancellationToken ct)
    {
        if (await access.OfConversationAsync(turn, ct) is not { } current)
        {
            return null;
        }
        if (VpiRules.CanView(current.Vpi, VpiAccess.IdentityOf(turn)) is { } refusal)
        {
            return Answer.Text(VpiAccess.Explain(refusal, turn.Culture));
        }
        var caller = await store.GetMemberAsync(current.Vpi.Id, turn.From.AadObjectId, ct);
        return Answer.Card(VpiSummaryCard.Build(current.Vpi, (await store.GetMembersAsync(current.Vpi.Id, ct)).Count,
            Access.Facilitator.Check(caller) is null, time.GetUtcNow(), turn.Culture, Text.Get("Setup.AlreadyExists", turn.Culture)));
    }

    private async Task<Refusal?> CannotCreateAsync(Turn turn, CancellationToken ct) =>
        VpiRules.CanCreate(turn.Place.Kind == ConversationKind.Personal, await access.IsConfiguredFacilitatorAsync(turn, ct))
        ?? (turn.From.AadObjectId is null || turn.From.TenantId is null ? Refusal.NotAllowedToCreate : null);
}
