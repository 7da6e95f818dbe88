namespace VpiBot.Tests.Support;

/// <summary>
/// The setup conversation tests share: the real app (<see cref="BotApp"/>), a fake Bot Connector holding the team's
/// roster, Teams-shaped activities pointed at it, and the VPI's channel as its people use it. Fresh for each test.
/// </summary>
public abstract class BotTest : IAsyncLifetime
{
    protected FakeConnector Connector { get; } = new();
    protected BotApp App { get; set; } = null!;
    protected TeamsActivities Teams { get; private set; } = null!;

    /// <summary>The VPI's team channel, through which people type and click.</summary>
    protected VpiChannel Channel => new(App, Connector, Teams);

    /// <summary>Who is in the team (Teams' roster, which members are picked from).</summary>
    protected virtual IEnumerable<TeamsActivities.User> TeamMembers => [];

    /// <summary>The app under test; by default Development settings with a fresh SQLite file.</summary>
    protected virtual BotApp CreateApp() => new();

    public virtual async Task InitializeAsync()
    {
        await Connector.StartAsync();
        Connector.Roster.AddRange(TeamMembers);
        App = CreateApp();
        Teams = new TeamsActivities(Connector.BaseUrl);
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
