using System.Text.Json;
using VpiBot.Storage.Tables;

namespace VpiBot.Storage;

/// <summary>
/// What Teams last told the bot about a person: their time zone (<c>localTimezone</c>, IANA) and language, and the
/// bot's address as their Teams client sent it (the bot's id and the serviceUrl), with which the bot can open a 1:1
/// chat with them later. Any of it may be unknown.
/// </summary>
public sealed record PersonSettings(string? TimeZone, string? Culture, string? BotId, string? ServiceUrl, DateTimeOffset UpdatedAt);

/// <summary>One row per person (<c>people</c> / Entra object id, lower case), whatever VPIs they are in.</summary>
public sealed class PersonSettingsStore(ITableStore table)
{
    public const string Partition = "people";

    private static string Row(string aadObjectId) => aadObjectId.ToLowerInvariant();

    public async Task<PersonSettings?> GetAsync(string aadObjectId, CancellationToken ct) =>
        await table.GetAsync(Partition, Row(aadObjectId), ct) is { } row ? JsonSerializer.Deserialize<PersonSettings>(row.Data, VpiStore.Json) : null;

    public Task SaveAsync(string aadObjectId, PersonSettings settings, CancellationToken ct) =>
        table.UpsertAsync(Partition, Row(aadObjectId), JsonSerializer.Serialize(settings, VpiStore.Json), ct);
}
