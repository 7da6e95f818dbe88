using System.Net;
using System.Text.Json.Nodes;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Support;

/// <summary>
/// A VPI's team channel as its people use it: they type in it and click card buttons, and see what the bot posts.
/// Wraps the real app (<see cref="BotApp"/>), the fake Bot Connector and Teams-shaped activities; every card the
/// bot shows is checked against the Adaptive Card 1.5 schema and the 40 KB limit.
/// </summary>
public sealed class VpiChannel(BotApp app, FakeConnector connector, TeamsActivities teams)
{
    public BotApp App { get; set; } = app;
    public FakeConnector Connector => connector;
    public TeamsActivities Teams => teams;

    public static JsonObject Valid(JsonObject card)
    {
        CardAssert.ValidAdaptiveCard(card);
        return card;
    }

    /// <summary>Posts an activity; returns the messages the bot posted (not roster reads) and the HTTP answer body.</summary>
    public async Task<(ConnectorCall[] Sent, JsonNode? Answer)> Send(JsonObject activity)
    {
        var before = connector.Calls.Count;
        var response = await App.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var posted = connector.Calls.Skip(before).Where(c => c.Method == "POST" && c.RawPath.Contains("/activities", StringComparison.Ordinal)).ToArray();
        return (posted, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    /// <summary>
    /// Waits (bounded) until the bot's outbox has delivered everything it owes (no VPI is marked as having work), and
    /// returns every call the connector has seen. Proactive messages leave after the turn that caused them.
    /// </summary>
    public async Task<ConnectorCall[]> Delivered(int timeoutMs = 10_000)
    {
        var outbox = App.Services.GetRequiredService<VpiBot.Storage.OutboxStore>();
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            var pending = false;
            await foreach (var _ in outbox.ListDirtyAsync(CancellationToken.None))
            {
                pending = true;
                break;
            }
            if (!pending)
            {
                return connector.Calls.ToArray();
            }
            await Task.Delay(10);
        }
        throw new Xunit.Sdk.XunitException("The outbox still had work after " + timeoutMs + " ms.");
    }

    /// <summary>Types in the channel (with the bot @mentioned); returns the one card or text the bot answered with.</summary>
    public async Task<JsonObject> Say(string text, User? from = null)
    {
        var message = teams.ChannelMessage(text, from);
        var (sent, _) = await Send(message);
        // the bot's answer is a reply to the message; background notifications may land meanwhile and are not it
        var call = Assert.Single(sent, c => c.RawPath.EndsWith("/activities/" + message["id"]!.GetValue<string>(), StringComparison.Ordinal));
        return call.Card is { } card ? Valid(card) : new JsonObject { ["text"] = call.Text };
    }

    /// <summary>Clicks an Action.Execute (in the channel, or in the clicker's 1:1 chat); returns the card Teams shows next, or the message text.</summary>
    public async Task<(JsonObject? Card, string? Message)> Click(string verb, JsonObject data, User? from = null, string tenantId = TenantId, bool personal = false)
    {
        var (_, answer) = await Send(teams.CardExecute(verb, data, "card-1", from, inChannel: !personal, tenantId: tenantId));
        Assert.NotNull(answer);
        Assert.Equal(200, answer["statusCode"]!.GetValue<int>());
        return answer["type"]!.GetValue<string>() switch
        {
            "application/vnd.microsoft.card.adaptive" => (Valid(answer["value"]!.AsObject()), null),
            "application/vnd.microsoft.activity.message" => (null, answer["value"]!.GetValue<string>()),
            var other => throw new Xunit.Sdk.XunitException("unexpected answer type " + other),
        };
    }

    public static JsonObject SetupInputs(string country, string instrument, string cluster, string level, string? policy = null, string language = "en")
    {
        var inputs = new JsonObject { ["country"] = country, ["instrument"] = instrument, ["cluster"] = cluster, ["level"] = level, ["language"] = language };
        if (policy is not null)
        {
            inputs["policy"] = policy;
        }
        return inputs;
    }

    /// <summary>Alice (a configured facilitator) sets up Ghana's VPI here; returns its id.</summary>
    public async Task<string> SetUpVpi(string policy = "AnyReviewer")
    {
        var form = await Say("setup");
        Assert.Contains("\"id\":\"country\"", form.ToJsonString());
        var (summary, _) = await Click("vpi.setup", SetupInputs("GH", "TraffickingInPersons", "Prevention", "Medium", policy));
        Assert.Contains("Ghana", summary!.ToJsonString());
        var card = await Say("add member");
        return card["actions"]![0]!["data"]!["vpiId"]!.GetValue<string>();
    }

    /// <summary>Alice adds someone from the team's roster.</summary>
    public async Task AddMember(string vpiId, User who, string role, string organisation, string organisationType)
    {
        var (roster, message) = await Click("vpi.member.add", new JsonObject
        {
            ["vpiId"] = vpiId, ["person"] = who.Id, ["role"] = role, ["organisation"] = organisation, ["organisationType"] = organisationType,
        });
        Assert.True(roster is not null, message);
        Assert.Contains("was added", roster.ToJsonString());
    }
}
