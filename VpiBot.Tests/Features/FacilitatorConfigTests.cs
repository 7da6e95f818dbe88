using System.Text.Json.Nodes;
using VpiBot.Tests.Protocol;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features;

/// <summary>Who may set up a VPI in production: only the configured facilitators, by object id or by UPN (checked against Teams).</summary>
public sealed class NoFacilitatorsConfiguredTests : AuthenticatedBot
{
    [Fact]
    public async Task Outside_Development_an_empty_list_lets_nobody_set_up_a_VPI()
    {
        _connector.Roster.AddRange([Alice, Bob]);
        var message = _teams.ChannelMessage("setup", Alice);
        var response = await _app.PostAsync(message, _issuer.Token(BotApp.AppId, _connector.BaseUrl));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_connector.Calls, c => c.Method == "POST").Text;
        Assert.Contains("facilitator", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_connector.Calls, c => c.Card is not null); // no setup card
    }
}

public sealed class FacilitatorByUpnTests : AuthenticatedBot
{
    protected override Dictionary<string, string?> Settings => new() { ["Vpi:Facilitators:0"] = FakeConnector.Upn(Bob) };

    private Task<HttpResponseMessage> Say(JsonObject message) => _app.PostAsync(message, _issuer.Token(BotApp.AppId, _connector.BaseUrl));

    [Fact]
    public async Task A_UPN_counts_only_for_the_person_Teams_says_has_it()
    {
        _connector.Roster.AddRange([Alice, Bob]);
        // Bob, configured by UPN: Teams' roster gives his UPN for his Teams id, with his object id
        await Say(_teams.ChannelMessage("setup", Bob));
        Assert.Contains(_connector.Calls, c => c.Card?.ToJsonString().Contains("\"id\":\"country\"", StringComparison.Ordinal) == true);

        // someone else speaking with Bob's Teams id but another object id: the UPN is Bob's, not theirs
        var before = _connector.Calls.Count;
        await Say(_teams.ChannelMessage("setup", Bob with { AadObjectId = Dave.AadObjectId }));
        var answer = _connector.Calls.Skip(before).Single(c => c.Method == "POST");
        Assert.Null(answer.Card);
        Assert.Contains("facilitator", answer.Text, StringComparison.OrdinalIgnoreCase);
    }
}
