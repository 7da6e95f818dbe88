using System.Text.Json.Nodes;

namespace VpiBot.Tests.Support;

/// <summary>
/// Activities shaped as Teams sends them (field names and nesting from the captured samples in
/// shared/samples/teams-activities and Microsoft's docs), pointed at the fake connector.
/// </summary>
/// <param name="channelId">The team channel the channel activities come from (another one plays a second VPI's home).</param>
public sealed class TeamsActivities(string serviceUrl, string channelId = TeamsActivities.ChannelConversationId)
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string BotId = "28:" + BotApp.AppId;
    public const string TeamId = "19:team-vpi-ghana@thread.tacv2";
    public const string ChannelConversationId = "19:general-vpi-ghana@thread.tacv2";

    public string ServiceUrl { get; } = serviceUrl;
    private int _ids;

    public static readonly User Alice = new("29:1alice-teams-id", "a1b2c3d4-0000-4000-8000-000000000001", "Alice Mensah");
    public static readonly User Bob = new("29:1bob-teams-id", "a1b2c3d4-0000-4000-8000-000000000002", "Bob Owusu");
    public static readonly User Dave = new("29:1dave-teams-id", "a1b2c3d4-0000-4000-8000-000000000004", "Dave Asante");
    public static readonly User Chioma = new("29:1chioma-teams-id", "a1b2c3d4-0000-4000-8000-000000000003", "Chioma [Link](https://evil.example.com) *Eze*");

    public sealed record User(string Id, string AadObjectId, string Name);

    /// <summary>The Teams client's language, sent as every activity's <c>locale</c>.</summary>
    public string Locale { get; set; } = "en-US";

    public JsonObject PersonalMessage(string text, User? from = null) => Message(text, Personal(from ?? Alice), from ?? Alice);

    public JsonObject GroupChatMessage(string text, User? from = null) => Message(text, new JsonObject
    {
        ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = TenantId, ["id"] = "19:groupchat-vpi@thread.v2",
    }, from ?? Alice);

    /// <summary>A channel message that @mentions the bot, as in channel-message-mention-bot-sdkfixture.json.</summary>
    public JsonObject ChannelMessage(string text, User? from = null, string tenantId = TenantId, params User[] mentions)
    {
        var activity = Message($"<at>VpiBot</at> {text}" + string.Concat(mentions.Select(m => $" <at>{m.Name}</at>")), Channel(tenantId), from ?? Alice);
        activity["entities"] = new JsonArray(new[] { (Id: BotId, Name: "VpiBot") }.Concat(mentions.Select(m => (m.Id, m.Name)))
            .Select(m => (JsonNode)new JsonObject
            {
                ["type"] = "mention", ["text"] = $"<at>{m.Name}</at>",
                ["mentioned"] = new JsonObject { ["id"] = m.Id, ["name"] = m.Name },
            }).ToArray());
        activity["channelData"] = TeamChannelData(tenantId);
        return activity;
    }

    /// <summary>An Action.Submit click: a message with no text and the card's data (plus inputs) in <c>value</c>.</summary>
    public JsonObject CardSubmit(JsonObject value, string replyToId, User? from = null)
    {
        var activity = Message(null, Personal(from ?? Alice), from ?? Alice);
        activity["value"] = value;
        activity["replyToId"] = replyToId;
        return activity;
    }

    /// <summary>An Action.Execute click: invoke <c>adaptiveCard/action</c> with <c>value.action</c>, as real Teams sends it (with trigger).</summary>
    public JsonObject CardExecute(string verb, JsonObject data, string replyToId, User? from = null, bool inChannel = false, string tenantId = TenantId)
    {
        var user = from ?? Alice;
        var activity = Base("invoke", inChannel ? Channel(tenantId) : Personal(user), user);
        if (inChannel)
        {
            activity["channelData"] = TeamChannelData(tenantId);
        }
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        };
        return activity;
    }

    public JsonObject Invoke(string name, JsonNode? value = null)
    {
        var activity = Base("invoke", Personal(Alice), Alice);
        activity["name"] = name;
        if (value is not null)
        {
            activity["value"] = value;
        }
        return activity;
    }

    /// <summary>The bot installed in a team (installationUpdate add, channel scope), as in team-installationupdate-add.json.</summary>
    public JsonObject InstalledInTeam()
    {
        var activity = Base("installationUpdate", new JsonObject
        {
            ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = TenantId, ["id"] = channelId,
        }, Alice);
        activity["action"] = "add";
        activity["channelData"] = TeamChannelData();
        return activity;
    }

    public JsonObject InstalledPersonally(User? user = null)
    {
        var activity = Base("installationUpdate", Personal(user ?? Alice), user ?? Alice);
        activity["action"] = "add";
        return activity;
    }

    /// <summary>conversationUpdate with the bot (and the user) in membersAdded.</summary>
    public JsonObject BotAddedPersonally(User? user = null)
    {
        var u = user ?? Alice;
        var activity = Base("conversationUpdate", Personal(u), u);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = u.Id }, new JsonObject { ["id"] = BotId });
        return activity;
    }

    /// <summary>A sample file from shared/samples/teams-activities with its serviceUrl pointed at the fake connector.</summary>
    public JsonObject Sample(string fileName)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFolder.Path, "samples", "teams-activities", fileName)))!.AsObject();
        activity["serviceUrl"] = ServiceUrl;
        return activity;
    }

    private JsonObject Message(string? text, JsonObject conversation, User from)
    {
        var activity = Base("message", conversation, from);
        if (text is not null)
        {
            activity["text"] = text;
            activity["textFormat"] = "plain";
        }
        return activity;
    }

    private JsonObject Base(string type, JsonObject conversation, User from) => new()
    {
        ["type"] = type,
        ["id"] = "activity-" + Interlocked.Increment(ref _ids),
        ["channelId"] = "msteams",
        ["serviceUrl"] = ServiceUrl,
        ["timestamp"] = "2026-11-28T10:42:51.455Z",
        ["locale"] = Locale,
        ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "VpiBot" },
        ["conversation"] = conversation,
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };

    private static JsonObject Personal(User user) => new()
    {
        ["conversationType"] = "personal", ["tenantId"] = TenantId, ["id"] = "a:1personal-" + user.AadObjectId,
    };

    /// <summary>A reply thread in the VPI's channel, as Teams names it (channel id plus <c>;messageid=</c>).</summary>
    private JsonObject Channel(string tenantId) => new()
    {
        ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = tenantId,
        ["id"] = channelId + ";messageid=1759881511856",
    };

    private JsonObject TeamChannelData(string tenantId = TenantId) => new()
    {
        ["teamsChannelId"] = channelId,
        ["teamsTeamId"] = TeamId,
        ["channel"] = new JsonObject { ["id"] = channelId },
        ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "VPI Ghana" },
        ["tenant"] = new JsonObject { ["id"] = tenantId },
    };
}

/// <summary>
/// The shared/ folder beside the repository (X/main and X/shared, locally and in CI); a clone standing alone uses the
/// copy in VpiBot.Tests/SharedCopy (kept equal to shared/ by SharedCopyTests).
/// </summary>
public static class SharedFolder
{
    public static string? Original { get; } =
        new[] { System.IO.Path.Combine(RepoRoot.Path, "..", "shared"), System.IO.Path.Combine(RepoRoot.Path, "shared") }
            .Select(System.IO.Path.GetFullPath)
            .FirstOrDefault(candidate => Directory.Exists(System.IO.Path.Combine(candidate, "schemas")));

    public static string Copy { get; } = System.IO.Path.Combine(RepoRoot.Path, "VpiBot.Tests", "SharedCopy");

    public static string Path { get; } = Original ?? Copy;
}
