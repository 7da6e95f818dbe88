using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using VpiBot.Domain;
using VpiBot.Notifications;
using VpiBot.Protocol;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Notifications;

/// <summary>A test-only event: a note for the VPI's home conversation and/or members, or an update of tracked copies.</summary>
public sealed record NoteRequested(string VpiId, string Text, IReadOnlyList<string> Members, bool ToHome = false, string? Track = null, bool UpdateTrack = false,
    string Culture = "en") : IVpiEvent;

/// <summary>Owes one delivery per member (1:1), one to home, or one update of the tracked copies.</summary>
public sealed class NoteRequestedHandler(VpiStore vpis) : IVpiEventHandler<NoteRequested>
{
    public const string BotId = "28:outbox-test-bot";

    public async Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(NoteRequested e, CancellationToken ct)
    {
        var args = new { text = e.Text };
        if (e.UpdateTrack)
        {
            return [OutboxDelivery.UpdatePosted(e.Track!, NoteView.ViewName, args, e.Culture)];
        }
        var deliveries = new List<OutboxDelivery>();
        if (e.ToHome)
        {
            deliveries.Add(OutboxDelivery.ToHome(NoteView.ViewName, args, e.Culture, e.Track));
        }
        var vpi = (await vpis.GetAsync(e.VpiId, ct))!.Vpi;
        foreach (var aad in e.Members)
        {
            var member = (await vpis.GetMemberAsync(e.VpiId, aad, ct))!;
            deliveries.Add(OutboxDelivery.ToMember(member, BotId, vpi.Home.ServiceUrl, NoteView.ViewName, args, e.Culture, e.Track));
        }
        return deliveries;
    }
}

/// <summary>
/// Renders the note's text, followed by the VPI's test state row if there is one (what "the current state" is here);
/// the note <see cref="CultureCard"/> is a card saying the culture it was rendered in.
/// </summary>
public sealed class NoteView(ITableStore table) : IMessageView
{
    public const string ViewName = "test.note";
    public const string StateRow = "test|state";
    public const string CultureCard = "the culture it was rendered in";

    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        var text = args.GetProperty("text").GetString()!;
        if (text == "nothing")
        {
            return null;
        }
        if (text == CultureCard)
        {
            return OutboxMessage.OfCard(new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "AdaptiveCard", ["version"] = "1.5",
                ["body"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["type"] = "TextBlock", ["text"] = culture }),
            });
        }
        var state = await table.GetAsync(VpiStore.Partition(vpi.Id), StateRow, ct);
        return OutboxMessage.OfText(state is null ? text : $"{text} [{state.Data}]");
    }
}

/// <summary>
/// The outbox as one bot instance has it (its own services, dispatcher and rate limiter), over a store shared with
/// other instances, on a fake clock; Bot Connector is a <see cref="FakeConnector"/>.
/// </summary>
public sealed class OutboxInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public OutboxInstance(ITableStore table, FakeTimeProvider time, string name, Action<OutboxOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outbox:InstanceId"] = name,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(table);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBotProtocol(configuration);
        services.AddVpiOutbox(configuration);
        services.AddVpiEventHandler<NoteRequested, NoteRequestedHandler>();
        services.AddMessageView<NoteView>();
        if (configure is not null)
        {
            services.PostConfigure(configure);
        }
        _services = services.BuildServiceProvider();
    }

    public IServiceProvider Services => _services;
    public OutboxDispatcher Dispatcher => _services.GetRequiredService<OutboxDispatcher>();
    public OutboxStore Outbox => _services.GetRequiredService<OutboxStore>();

    public Task RunOnceAsync() => Dispatcher.RunOnceAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Every test gets a fresh store (file or table), a fake clock, a fake connector and one VPI with members.</summary>
public abstract class OutboxTestBase : IAsyncLifetime
{
    protected static readonly CancellationToken Ct = CancellationToken.None;
    public const string TenantId = "tenant-outbox";
    public static readonly string[] Reviewers = ["aad-ann", "aad-ben", "aad-cid"];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    protected FakeConnector Connector { get; } = new();
    protected ITableStore Table { get; private set; } = null!;
    protected string VpiId { get; } = "vpi-" + Guid.NewGuid().ToString("N")[..8];
    protected const string HomeConversation = "19:home@thread.tacv2";
    private readonly List<OutboxInstance> _instances = [];

    protected abstract ITableStore CreateStore();

    public async Task InitializeAsync()
    {
        await Connector.StartAsync();
        Table = CreateStore();
        var vpis = new VpiStore(Table);
        var vpi = new Vpi(VpiId, "GH", TenantId, Instrument.Untoc, ReviewCluster.Prevention, CollaborationLevel.Medium,
            new VpiHome(HomeConversation, Connector.BaseUrl, "team-1", HomeConversation, true),
            new Dictionary<VpiStage, DateOnly>(), [], "aad-fac", Time.GetUtcNow());
        await vpis.CreateAsync(vpi, Member("aad-fac", VpiRole.Facilitator), Ct);
        foreach (var aad in Reviewers)
        {
            await vpis.AddNewMemberAsync(VpiId, Member(aad, VpiRole.ReviewTeam), Ct);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
        await Connector.DisposeAsync();
        (Table as IDisposable)?.Dispose();
    }

    protected Member Member(string aad, VpiRole role) =>
        new(aad, "29:" + aad, "Name of " + aad, null, role, "Org", OrganisationType.Government, "aad-fac", Time.GetUtcNow());

    protected OutboxInstance Instance(string name = "instance-a", Action<OutboxOptions>? configure = null)
    {
        var instance = new OutboxInstance(Table, Time, name, configure);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>A stored 1:1 conversation for the member, as if they had talked to the bot.</summary>
    protected Task GivePersonalConversationAsync(string aad) =>
        new TableConversationReferences(Table).SaveAsync(new ConversationReference(PersonalConversation(aad), ReferenceKind.Personal,
            Connector.BaseUrl, TenantId, NoteRequestedHandler.BotId, "29:" + aad, aad, null, null, "en", Time.GetUtcNow()), Ct);

    protected static string PersonalConversation(string aad) => "a:personal-" + aad;

    protected static string ActivitiesPath(string conversationId) => $"/v3/conversations/{conversationId}/activities";

    /// <summary>Texts the connector received, by the raw path they were posted to.</summary>
    protected List<(string Path, string? Text)> Sent() =>
        Connector.Calls.Where(c => c.Method == "POST" && c.RawPath.EndsWith("/activities", StringComparison.Ordinal))
            .Select(c => (Uri.UnescapeDataString(c.RawPath), c.Text)).ToList();

    protected async Task<List<OutboxJob>> JobsAsync(OutboxStore store)
    {
        var jobs = new List<OutboxJob>();
        await foreach (var job in store.ScanAsync(VpiId, Ct))
        {
            jobs.Add(job);
        }
        return jobs;
    }

    /// <summary>Runs an instance round after round until its VPI has no jobs left (bounded).</summary>
    protected async Task RunUntilEmptyAsync(OutboxInstance instance, int rounds = 10)
    {
        for (var i = 0; i < rounds && (i == 0 || (await JobsAsync(instance.Outbox)).Count > 0); i++)
        {
            await instance.RunOnceAsync();
        }
    }
}
