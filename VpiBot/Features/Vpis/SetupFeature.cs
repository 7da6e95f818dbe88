using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Features.Vpis.Cards;
using VpiBot.Protocol;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Vpis;

/// <summary>"setup": in a channel or group chat, a facilitator creates the VPI that lives there.</summary>
public sealed class SetupCommand(VpiAccess access, VpiStore store) : ITextCommand
{
    public string Name => "setup";
    public string DescriptionKey => "Help.Command.Setup";

    public async Task RunAsync(Turn turn, string arguments, CancellationToken ct)
    {
        var (scope, refusal) = await access.FindAsync(turn, ct);
        if (scope is not null)
        {
            await turn.SendCardAsync(await ExistingVpiCardAsync(store, scope.Vpi, turn, ct), ct);
            return;
        }
        if (refusal is not Refusal.NotInVpiConversation)
        {
            await turn.SendTextAsync(VpiAccess.Explain(refusal!.Value, turn), ct);
            return;
        }
        if (VpiRules.CanCreate(turn.Place.Kind, await access.IsConfiguredFacilitatorAsync(turn, ct)) is { } cannot)
        {
            await turn.SendTextAsync(VpiAccess.Explain(cannot, turn), ct);
            return;
        }
        await turn.SendCardAsync(SetupCard.Build(new SetupChoices(null, null, null, null), turn.Culture), ct);
    }

    /// <summary>Where a VPI already exists, setup shows it instead (with its real member count).</summary>
    internal static async Task<System.Text.Json.Nodes.JsonObject> ExistingVpiCardAsync(VpiStore store, Vpi vpi, Turn turn, CancellationToken ct) =>
        VpiSummaryCard.Build(vpi, (await store.GetMembersAsync(vpi.Id, ct)).Count, turn.Culture, Text.Get("Setup.AlreadyExists", turn.Culture));
}

/// <summary>The setup card's button: validates, creates the VPI with the caller as its first facilitator, shows its summary.</summary>
public sealed class SetupSaveAction(VpiAccess access, VpiStore store, TimeProvider time) : ICardAction
{
    public string Verb => SetupCard.Verb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (existing, refusal) = await access.FindAsync(turn, ct);
        if (existing is not null)
        {
            return InvokeResponse.CardAction.Card(await SetupCommand.ExistingVpiCardAsync(store, existing.Vpi, turn, ct));
        }
        if (refusal is not Refusal.NotInVpiConversation)
        {
            return VpiAccess.Refuse(refusal!.Value, turn);
        }
        if (VpiRules.CanCreate(turn.Place.Kind, await access.IsConfiguredFacilitatorAsync(turn, ct)) is { } cannot)
        {
            return VpiAccess.Refuse(cannot, turn);
        }
        if (turn.From.AadObjectId is null || turn.From.TenantId is null)
        {
            return VpiAccess.Refuse(Refusal.NotAllowedToCreate, turn);
        }

        var choices = new SetupChoices(BotJson.StringAt(data, "country"), BotJson.StringAt(data, "instrument"),
            BotJson.StringAt(data, "cluster"), BotJson.StringAt(data, "level"), BotJson.StringAt(data, "policy"));
        var instrument = Labels.Parse<Instrument>(choices.Instrument);
        var cluster = Labels.Parse<ReviewCluster>(choices.Cluster);
        var level = Labels.Parse<CollaborationLevel>(choices.Level);
        var policy = choices.Policy is null ? ApprovalPolicy.AnyReviewer : Labels.Parse<ApprovalPolicy>(choices.Policy);
        if (!Countries.IsKnown(choices.Country) || instrument is null || cluster is null || level is null || policy is null)
        {
            return InvokeResponse.CardAction.Card(SetupCard.Build(choices, turn.Culture, Text.Get("Setup.Invalid", turn.Culture)));
        }

        var now = time.GetUtcNow();
        var place = turn.Place;
        var vpi = new Vpi(Guid.NewGuid().ToString("N"), choices.Country!, turn.From.TenantId, instrument.Value, cluster.Value, level.Value,
            new VpiHome(VpiAccess.ConversationKey(place), place.ServiceUrl, place.TeamId, place.ChannelId, place.Kind == ConversationKind.Channel),
            new Dictionary<VpiStage, DateOnly>(), new HashSet<string>(), turn.From.AadObjectId, now, policy.Value);
        var facilitator = new Member(turn.From.AadObjectId, turn.From.TeamsId, turn.From.Name ?? "", null, VpiRole.Facilitator,
            "UNODC", OrganisationType.Unodc, turn.From.AadObjectId, now);
        if (!await store.CreateAsync(vpi, facilitator, ct))
        {
            var winner = (await access.FindAsync(turn, ct)).Scope;
            return winner is null
                ? VpiAccess.Refuse(Refusal.StaleCard, turn)
                : InvokeResponse.CardAction.Card(await SetupCommand.ExistingVpiCardAsync(store, winner.Vpi, turn, ct));
        }
        return InvokeResponse.CardAction.Card(VpiSummaryCard.Build(vpi, 1, turn.Culture, Text.Get("Setup.Created", turn.Culture)));
    }
}
