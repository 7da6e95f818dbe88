using System.Text.Json;
using System.Text.Json.Nodes;
using VpiBot.Protocol;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Protocol;

/// <summary>The activity model reads every real Teams payload and loses nothing it does not model.</summary>
public sealed class ActivityModelTests
{
    private static readonly TeamsActivities Teams = new("http://127.0.0.1:1/");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(SharedFolder.Path, "samples", "teams-activities"), "*.json").Order())
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_parses_and_survives_a_round_trip_unchanged(string file)
    {
        var original = Teams.Sample(file);
        var activity = MessagesEndpoint.Parse(JsonSerializer.SerializeToUtf8Bytes(original));
        Assert.NotNull(activity);
        var written = JsonSerializer.SerializeToNode(activity, BotJson.Options)!;
        Assert.True(JsonNode.DeepEquals(Normalise(original), Normalise(written)), $"{file} changed in a round trip:\n{written}");
    }

    [Fact]
    public void Unknown_properties_survive_a_read_modify_write()
    {
        var json = Teams.PersonalMessage("hi");
        json["futureField"] = new JsonObject { ["nested"] = new JsonArray(1, "two") };
        json["from"]!["futureUserField"] = "kept";
        var activity = JsonSerializer.Deserialize<Activity>(json.ToJsonString(), BotJson.Options)!;
        activity.Text = "changed";
        var written = JsonSerializer.SerializeToNode(activity, BotJson.Options)!;
        Assert.Equal("changed", written["text"]!.GetValue<string>());
        Assert.Equal("two", written["futureField"]!["nested"]![1]!.GetValue<string>());
        Assert.Equal("kept", written["from"]!["futureUserField"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("personal-message.json", "00000000-0000-0000-0000-0000000000001")] // Playground: tenant in conversation, not a GUID
    [InlineData("channel-message-messageback-value.json", "bec8e231-67ad-484e-87f4-3e5438390a77")] // docs: conversation has only an id
    [InlineData("team-installationupdate-add.json", "b28fdbfd-2b78-4f93-b0f8-8881793f0f8f")]
    public void Tenant_comes_from_the_conversation_or_channel_data(string file, string tenant)
    {
        var activity = JsonSerializer.Deserialize<Activity>(Teams.Sample(file).ToJsonString(), BotJson.Options)!;
        Assert.Equal(tenant, activity.TenantId);
    }

    [Fact]
    public void The_bots_mention_is_removed_from_a_channel_message()
    {
        var activity = JsonSerializer.Deserialize<Activity>(Teams.Sample("channel-message-mention-bot-sdkfixture.json").ToJsonString(), BotJson.Options)!;
        Assert.Equal("reply to thread", MessageText.WithoutBotMention(activity));
    }

    [Fact]
    public void A_mention_of_someone_else_is_kept_as_text()
    {
        var activity = JsonSerializer.Deserialize<Activity>(Teams.Sample("channel-message-mention-docs.json").ToJsonString(), BotJson.Options)!;
        // the docs sample mentions a user, not the bot: only markup is gone, the name stays readable
        Assert.Contains("Pranav Smith", MessageText.WithoutBotMention(activity));
    }

    [Theory]
    [InlineData("  HELP  ", "HELP")]
    [InlineData("help&nbsp;me", "help me")]
    [InlineData("add\n\tmember", "add member")]
    public void Whitespace_and_entities_are_normalised(string typed, string expected)
    {
        var activity = new Activity { Text = typed };
        Assert.Equal(expected, MessageText.WithoutBotMention(activity));
    }

    [Fact]
    public void Ids_are_opaque_strings_even_when_they_are_not_guids()
    {
        var activity = JsonSerializer.Deserialize<Activity>(Teams.Sample("personal-message.json").ToJsonString(), BotJson.Options)!;
        var turn = new Turn(activity, null!);
        Assert.Equal("user-id-0", turn.From.TeamsId);
        Assert.Equal("00000000-0000-0000-0000-0000000000020", turn.From.AadObjectId);
        Assert.Equal(ConversationKind.Personal, turn.Place.Kind);
    }

    [Fact]
    public void A_channel_turn_knows_its_team_and_channel()
    {
        var activity = JsonSerializer.Deserialize<Activity>(Teams.ChannelMessage("status").ToJsonString(), BotJson.Options)!;
        var turn = new Turn(activity, null!);
        Assert.Equal(ConversationKind.Channel, turn.Place.Kind);
        Assert.Equal(TeamsActivities.TeamId, turn.Place.TeamId);
        Assert.Equal(TeamsActivities.ChannelConversationId, turn.Place.ChannelId);
        Assert.Equal("status", turn.CommandText);
        Assert.Equal(TeamsActivities.TenantId, turn.From.TenantId);
    }

    /// <summary>Timestamps are re-written in .NET's round-trip format; compare instants, not spellings.</summary>
    private static JsonNode Normalise(JsonNode node)
    {
        var copy = node.DeepClone();
        if (copy is JsonObject obj && obj["timestamp"] is JsonValue ts && ts.TryGetValue<string>(out var text))
        {
            obj["timestamp"] = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime().ToString("O");
        }
        return copy;
    }
}
