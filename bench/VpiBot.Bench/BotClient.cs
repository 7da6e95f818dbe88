using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace VpiBot.Bench;

/// <summary>
/// Set-up steps sent to a bot's <c>/api/messages</c> as people would in Teams (channel messages and card clicks, see
/// <see cref="BenchTeam"/>), each answer checked: any unexpected one throws <see cref="InvalidOperationException"/>.
/// Shared by the review, ballot and task scenarios; never measured.
/// </summary>
public sealed class BotClient(HttpClient http, string url, FakeConnector connector)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public HttpClient Http => http;
    public string Url => url;
    public FakeConnector Connector => connector;

    /// <summary>An HTTP client for a bot on 127.0.0.1 (no proxy, <paramref name="connections"/> kept open).</summary>
    public static HttpClient NewHttp(int connections, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = timeout,
    };

    /// <summary>The facilitator sets up the team's VPI (Ghana, trafficking in persons) with a review policy; returns its id.</summary>
    public async Task<string> SetUpVpiAsync(BenchTeam team, string policy, CancellationToken ct)
    {
        var setupCard = await SayAsync(team, team.Facilitator, "setup", ct);
        Expect(setupCard.Contains("\"country\"", StringComparison.Ordinal), "setup card", setupCard);
        var summary = await ClickAsync(team, team.Facilitator, "vpi.setup", new JsonObject
        {
            ["country"] = "GH", ["instrument"] = "TraffickingInPersons", ["cluster"] = "Prevention", ["level"] = "Medium", ["policy"] = policy,
        }, ct);
        Expect(summary.ToJsonString().Contains("Ghana", StringComparison.Ordinal), "VPI summary", summary.ToJsonString());

        var addCard = JsonNode.Parse(await SayAsync(team, team.Facilitator, "add member", ct))!;
        var vpiId = addCard["attachments"]?[0]?["content"]?["actions"]?[0]?["data"]?["vpiId"]?.GetValue<string>();
        Expect(vpiId is not null, "vpiId on the add-member card", addCard.ToJsonString());
        return vpiId!;
    }

    /// <summary>The facilitator adds someone from the team's roster: review team (Government) or alliance (NGO).</summary>
    public async Task AddMemberAsync(BenchTeam team, string vpiId, Person person, bool reviewer, CancellationToken ct)
    {
        var (role, organisation, type) = reviewer
            ? ("ReviewTeam", "Ministry of Justice", "Government")
            : ("Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
        var roster = await ClickAsync(team, team.Facilitator, "vpi.member.add", new JsonObject
        {
            ["vpiId"] = vpiId, ["person"] = person.TeamsId, ["role"] = role, ["organisation"] = organisation, ["organisationType"] = type,
        }, ct);
        Expect(roster.ToJsonString().Contains("was added", StringComparison.Ordinal), "member added", roster.ToJsonString());
    }

    /// <summary>The alliance member submits priority <paramref name="p"/>.</summary>
    public async Task SubmitPriorityAsync(BenchTeam team, string vpiId, int p, CancellationToken ct)
    {
        var detail = await ClickAsync(team, team.Alliance, "priority.save", new JsonObject
        {
            ["vpiId"] = vpiId, ["mode"] = "submit", ["title"] = $"Bench priority {team.Index}-{p}",
            ["description"] = "Shelters and legal aid for victims of trafficking, in every region.",
            ["instrument"] = "TraffickingInPersons", ["cluster"] = "Prevention",
            ["rationale"] = "Identified at the stakeholder scoping meeting.", ["organisation"] = "Ghana Anti-Trafficking Coalition",
        }, ct);
        Expect(detail.ToJsonString().Contains("Submitted", StringComparison.Ordinal), "priority submitted", detail.ToJsonString());
    }

    /// <summary>
    /// The facilitator adds a task from the "add task" form (no recommendation, joint lead; days yyyy-MM-dd in the VPI's
    /// time zone; owners: Entra object ids, as the form's multi-select sends them, joined by commas).
    /// </summary>
    public async Task AddTaskAsync(BenchTeam team, string vpiId, string title, IEnumerable<Person> owners, DateOnly start, DateOnly due, CancellationToken ct)
    {
        var card = (await ClickAsync(team, team.Facilitator, "task.add", new JsonObject
        {
            ["vpiId"] = vpiId, ["title"] = title, ["description"] = "Agree minimum standards with the ministry.", ["recommendation"] = "0",
            ["owners"] = string.Join(',', owners.Select(o => o.AadObjectId)), ["lead"] = "Joint",
            ["start"] = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["due"] = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, ct)).ToJsonString();
        Expect(card.Contains("is added to the roadmap", StringComparison.Ordinal), "task added", card);
    }

    /// <summary>Sends a channel message (Teams locale en-US unless told); returns the bot's reply to it (as posted to the connector).</summary>
    public async Task<string> SayAsync(BenchTeam team, Person from, string text, CancellationToken ct, string locale = "en-US")
    {
        var id = team.NextActivityId();
        await PostAsync(team.ChannelMessage(connector.ServiceUrl, id, from, text, locale), ct);
        // the bot sends its reply before it answers the turn
        return connector.TakeReply(id) ?? throw new InvalidOperationException($"set-up: no reply to {id}");
    }

    /// <summary>Sends a card click; returns the card the bot answered with.</summary>
    public async Task<JsonObject> ClickAsync(BenchTeam team, Person from, string verb, JsonObject data, CancellationToken ct)
    {
        var text = await InvokeAsync(team, from, verb, data, ct);
        var answer = JsonNode.Parse(text);
        Expect(answer?["statusCode"]?.GetValue<int>() == 200 && answer["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive",
            "an Adaptive Card answer", text);
        return answer!["value"]!.AsObject();
    }

    /// <summary>Sends a card click; returns the invoke's answer as it came (a card or a message).</summary>
    public Task<string> InvokeAsync(BenchTeam team, Person from, string verb, JsonObject data, CancellationToken ct) =>
        PostAsync(team.CardExecute(connector.ServiceUrl, team.NextActivityId(), from, verb, data), ct);

    public async Task<string> PostAsync(byte[] activity, CancellationToken ct)
    {
        using var content = new ByteArrayContent(activity);
        content.Headers.ContentType = Json;
        using var response = await http.PostAsync(url, content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Expect(response.StatusCode == HttpStatusCode.OK, "HTTP 200", $"HTTP {(int)response.StatusCode}: {text}");
        return text;
    }

    public static void Expect(bool condition, string what, string got)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"set-up: expected {what}, got: {(got.Length > 1500 ? got[..1500] + "…" : got)}");
        }
    }
}
