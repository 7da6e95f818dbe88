using System.Text;
using System.Text.Json.Nodes;

namespace VpiBot.Bench;

/// <summary>Someone in a VPI's team, as Teams identifies them (TeamsChannelAccount).</summary>
public sealed record Person(string TeamsId, string AadObjectId, string Name);

/// <summary>
/// One VPI's home for the review scenario: its own tenant, team and channel, with a facilitator, one alliance member
/// and <c>reviewers</c> government reviewers, all on the team's roster. Ids are deterministic per VPI index.
/// Activities are shaped as in VpiBot.Tests/Support/TeamsActivities.cs (channel message with the bot @mentioned,
/// Action.Execute invoke in the channel).
/// </summary>
public sealed class BenchTeam
{
    public const string BotId = "28:00000000-0000-0000-0000-000000000011";

    private int _activities;

    public BenchTeam(int index, int reviewers)
    {
        Index = index;
        TenantId = $"00000000-0000-4000-a000-{index:D12}";
        TeamId = $"19:team-bench-{index}@thread.tacv2";
        ChannelId = $"19:channel-bench-{index}@thread.tacv2";
        Facilitator = PersonAt(index, 0, $"Facilitator {index}");
        Alliance = PersonAt(index, 1, $"Alliance Member {index}");
        Reviewers = Enumerable.Range(0, reviewers).Select(r => PersonAt(index, 2 + r, $"Reviewer {index}-{r}")).ToArray();
        RosterJson = new JsonObject
        {
            ["members"] = new JsonArray([.. new[] { Facilitator, Alliance }.Concat(Reviewers).Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.TeamsId, ["name"] = p.Name, ["aadObjectId"] = p.AadObjectId,
                ["email"] = Upn(p), ["userPrincipalName"] = Upn(p), ["tenantId"] = TenantId, ["userRole"] = "user",
            })]),
        }.ToJsonString();
    }

    public int Index { get; }
    public string TenantId { get; }
    public string TeamId { get; }
    public string ChannelId { get; }
    public Person Facilitator { get; }
    public Person Alliance { get; }
    public Person[] Reviewers { get; }
    /// <summary>The pagedmembers answer for <see cref="TeamId"/>.</summary>
    public string RosterJson { get; }

    /// <summary>A new id for a set-up activity of this team, one whose reply the connector keeps.</summary>
    public string NextActivityId() => $"{FakeConnector.KeptPrefix}{Index}-{Interlocked.Increment(ref _activities)}";

    private static Person PersonAt(int team, int n, string name) =>
        new($"29:1bench-{team}-{n}", $"b0000000-0000-4000-8000-{team:D4}{n:D8}", name);

    private string Upn(Person p) => $"{p.TeamsId[3..]}@tenant{Index}.example.org";

    /// <summary>A message typed in the channel, with the bot @mentioned (the sender's Teams locale, en-US unless told).</summary>
    public byte[] ChannelMessage(string serviceUrl, string id, Person from, string text, string locale = "en-US")
    {
        var activity = Base("message", serviceUrl, id, from);
        activity["locale"] = locale;
        activity["text"] = "<at>VpiBot</at> " + text;
        activity["textFormat"] = "plain";
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>VpiBot</at>", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "VpiBot" },
        });
        return Encoding.UTF8.GetBytes(activity.ToJsonString());
    }

    /// <summary>An Action.Execute click on a card in the channel: invoke <c>adaptiveCard/action</c>.</summary>
    public byte[] CardExecute(string serviceUrl, string id, Person from, string verb, JsonObject data)
    {
        var activity = Base("invoke", serviceUrl, id, from);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "1759881511856";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return Encoding.UTF8.GetBytes(activity.ToJsonString());
    }

    private JsonObject Base(string type, string serviceUrl, string id, Person from) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["timestamp"] = "2026-11-28T10:42:51.455Z",
        ["locale"] = "en-US",
        ["from"] = new JsonObject { ["id"] = from.TeamsId, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "VpiBot" },
        // a reply thread in the channel, as Teams names it (channel id plus ;messageid=)
        ["conversation"] = new JsonObject
        {
            ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = TenantId, ["id"] = ChannelId + ";messageid=1759881511856",
        },
        ["channelData"] = new JsonObject
        {
            ["teamsChannelId"] = ChannelId,
            ["teamsTeamId"] = TeamId,
            ["channel"] = new JsonObject { ["id"] = ChannelId },
            ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = $"VPI bench {Index}" },
            ["tenant"] = new JsonObject { ["id"] = TenantId },
        },
    };
}
