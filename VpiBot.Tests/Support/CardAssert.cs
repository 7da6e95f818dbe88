using System.Text;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace VpiBot.Tests.Support;

/// <summary>Assertions for the Adaptive Cards the bot sends to Teams.</summary>
public static class CardAssert
{
    public const string SchemaFileName = "adaptive-card-1.5.json";

    /// <summary>Teams' limit for a whole message (DESIGN.md, "Protocol facts").</summary>
    public const int MaxMessageBytes = 40 * 1024;

    /// <summary>
    /// Room left for what the connector adds around our activity (ids, from, recipient,
    /// conversation, serviceUrl...): we count the card in its message plus this much.
    /// </summary>
    public const int EnvelopeAllowanceBytes = 1024;

    /// <summary>Teams renders Adaptive Cards up to schema 1.5.</summary>
    private static readonly Version MaxVersion = new(1, 5);

    private const int MaxRefreshUserIds = 60;

    /// <summary>
    /// Fails unless <paramref name="card"/> is a top-level Adaptive Card that validates against the
    /// 1.5 schema, declares version 1.5 or lower, has at most 60 refresh.userIds, and, sent as an
    /// attachment of a message activity, stays under Teams' 40 KB message limit.
    /// </summary>
    public static void ValidAdaptiveCard(JsonNode? card)
    {
        if (card is not JsonObject cardObject)
        {
            throw new XunitException($"An Adaptive Card must be a JSON object, but was: {card?.ToJsonString() ?? "null"}");
        }

        JsonSchemaAssert.Valid(card, SchemaFileName);

        string? type = (cardObject["type"] as JsonValue)?.ToString();
        if (type != "AdaptiveCard")
        {
            throw new XunitException($"Card type must be \"AdaptiveCard\", but was {Describe(cardObject["type"])}.");
        }

        string? versionText = (cardObject["version"] as JsonValue)?.ToString();
        if (versionText is null || !Version.TryParse(versionText, out Version? version))
        {
            throw new XunitException($"A top-level card needs a version like \"1.5\", but had {Describe(cardObject["version"])}.");
        }

        if (version > MaxVersion)
        {
            throw new XunitException($"Card version {versionText} is above 1.5, the highest that Teams renders.");
        }

        if (cardObject["refresh"]?["userIds"] is JsonArray userIds && userIds.Count > MaxRefreshUserIds)
        {
            throw new XunitException($"refresh.userIds has {userIds.Count} entries; Teams allows at most {MaxRefreshUserIds}.");
        }

        int messageBytes = MessageSizeInBytes(cardObject);
        if (messageBytes + EnvelopeAllowanceBytes >= MaxMessageBytes)
        {
            var heading = CardReading.Visible(cardObject);
            throw new XunitException((cardObject["rtl"]?.GetValue<bool>() == true ? "[right to left] " : "") + $"[{heading[..Math.Min(60, heading.Length)]}…] " +
                $"The message carrying this card is {messageBytes} bytes (+{EnvelopeAllowanceBytes} allowed for the envelope); " +
                $"Teams refuses messages of {MaxMessageBytes} bytes or more.");
        }
    }

    /// <summary>UTF-8 size of a message activity carrying the card as its only attachment.</summary>
    public static int MessageSizeInBytes(JsonObject card)
    {
        var message = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["content"] = card.DeepClone(),
            }),
        };
        return Encoding.UTF8.GetByteCount(message.ToJsonString(VpiBot.Protocol.BotJson.Options)); // as the bot writes it: UTF-8, not \uXXXX
    }

    private static string Describe(JsonNode? node) => node is null ? "nothing" : node.ToJsonString();
}
