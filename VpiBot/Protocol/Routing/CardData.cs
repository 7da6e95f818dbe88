using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VpiBot.Protocol.Routing;

/// <summary>
/// The data of one card verb: a record shared by the card that writes it (<see cref="CardData.Of{T}"/>) and the handler
/// that reads it. Inputs of the card are properties too (Teams merges input values into the data), so a record lists
/// everything the card sends back. https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
/// </summary>
public interface ICardData
{
    /// <summary>The verb of the card's <c>Action.Execute</c> (or <c>verb</c> of an <c>Action.Submit</c>'s data).</summary>
    static abstract string Verb { get; }
}

/// <summary>Writing and reading card data, strictly: a property missing, unknown, null where not allowed, or of the wrong type is refused.</summary>
public static class CardData
{
    /// <summary>The key an <c>Action.Submit</c>'s data carries its verb under (an <c>Action.Execute</c> has it beside the data).</summary>
    public const string SubmitVerbKey = "verb";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The JSON a card carries for this data (its inputs' values left out when null).</summary>
    public static JsonObject Of<T>(T data) where T : ICardData =>
        JsonSerializer.SerializeToNode(data, Options)!.AsObject();

    /// <summary>Reads data a card sent back; null when it is not exactly a <paramref name="type"/>.</summary>
    public static object? Read(Type type, JsonObject data)
    {
        try
        {
            return data.Deserialize(type, Options);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null; // e.g. an unpaired surrogate in a string
        }
    }
}
