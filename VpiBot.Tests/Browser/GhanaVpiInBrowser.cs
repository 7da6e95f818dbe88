using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>
/// Ghana's VPI for a browser test: the real app, the fake Bot Connector holding the team, Alice (a configured
/// facilitator) having set it up and added <see cref="Roster"/>; cards are rendered by the test's <see cref="TeamsCardHost"/>.
/// </summary>
public abstract class GhanaVpiInBrowser : IAsyncLifetime
{
    public static readonly User Femi = new("29:1femi-teams-id", "a1b2c3d4-0000-4000-8000-000000000006", "Femi Adeyemi");

    protected FakeConnector Connector { get; } = new();
    protected VpiChannel Channel { get; private set; } = null!;
    protected TeamsChat Chat { get; private set; } = null!;
    protected string VpiId { get; private set; } = "";

    protected static string ChannelPath => "/v3/conversations/" + Uri.EscapeDataString(ChannelConversationId) + "/activities";

    /// <summary>Who Alice adds: role, organisation and its type, as the add-member card takes them.</summary>
    protected virtual IReadOnlyList<(User Who, string Role, string Organisation, string Type)> Roster =>
    [
        (Bob, "ReviewTeam", "Ministry of Justice", "Government"),
        (Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo"),
        (Femi, "Alliance", "University of Ghana", "Academia"),
    ];

    /// <summary>More settings of the app (beyond Alice as a configured facilitator).</summary>
    protected virtual Dictionary<string, string?> Settings => [];

    /// <summary>Services the test puts in the app (a fake clock, a credential).</summary>
    protected virtual void Services(IServiceCollection services)
    {
    }

    /// <summary>Started before the app (a fake Graph it is pointed at).</summary>
    protected virtual Task StartAsync() => Task.CompletedTask;

    protected virtual Task StopAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await StartAsync();
        await Connector.StartAsync();
        Connector.Roster.AddRange([Alice, .. Roster.Select(r => r.Who)]);
        var app = new BotApp(new Dictionary<string, string?>(Settings) { ["Vpi:Facilitators:0"] = Alice.AadObjectId }, services: Services);
        var teams = new TeamsActivities(Connector.BaseUrl);
        Channel = new VpiChannel(app, Connector, teams);
        Chat = new TeamsChat(app, teams, Connector);
        VpiId = await Channel.SetUpVpi();
        foreach (var (who, role, organisation, type) in Roster)
        {
            await Channel.AddMember(VpiId, who, role, organisation, type);
        }
    }

    public async Task DisposeAsync()
    {
        await Channel.App.DisposeAsync();
        await Connector.DisposeAsync();
        await StopAsync();
    }
}
