using System.Text.Json;
using System.Text.Json.Serialization;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Operations;

/// <summary>One stored row as exported: its keys and its document exactly as stored (never its ETag: the target store makes its own).</summary>
public sealed record ExportedRow(string Partition, string Row, string Data);

/// <summary>
/// The export file: a format version, when it was made, the VPIs in it, and their rows in (partition, row) order.
/// <see cref="ExportedRow.Data"/> is the stored JSON as a string, so nothing is reinterpreted on the way.
/// </summary>
public sealed record VpiExportDocument(int Format, DateTimeOffset ExportedAt, IReadOnlyList<string> Vpis, IReadOnlyList<ExportedRow> Rows)
{
    public const int CurrentFormat = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static VpiExportDocument FromJson(string json)
    {
        var document = JsonSerializer.Deserialize<VpiExportDocument>(json, Json) ?? throw new FormatException("The file holds no export.");
        if (document.Format != CurrentFormat)
        {
            throw new FormatException($"The file is export format {document.Format}; this version reads format {CurrentFormat}.");
        }
        if (document.Vpis is null || document.Rows is null || document.Rows.Any(r => r?.Partition is null || r.Row is null || r.Data is null))
        {
            throw new FormatException("The file is not a complete export (vpis and rows with partition, row and data).");
        }
        return document;
    }
}

/// <summary>
/// Which stored rows belong to a VPI, and the export of one VPI or all of them. A VPI's rows are:
/// <list type="bullet">
/// <item>its own partition <c>vpi|{id}</c>, every row (the VPI, roster, priorities and review decisions, recommendations,
/// ballots with voter gates and votes, tasks, meetings, counters, outbox jobs, failed jobs, unreachable members,
/// posted cards, once-keys);</item>
/// <item>the binding of its conversation (<c>conversation|{conversation id}</c> / <c>vpi</c>), if it names this VPI;</item>
/// <item>its marker rows in <c>roadmaps</c>, <c>meetings</c>, <c>ballots-open</c> and <c>outbox-pending</c>;</item>
/// <item>the membership index rows naming it (<c>memberships|{aad}</c> / VPI id);</item>
/// <item>the conversation reference of its home conversation (<c>ref|{conversation id}</c>: the reference and the
/// "welcomed" marker);</item>
/// <item>for each member on its roster, their own rows: settings (<c>people</c> / aad) and 1:1 conversation reference
/// (<c>user|{aad}</c> and the <c>ref|{their 1:1 conversation}</c> it points at), so the VPI moved elsewhere still
/// reaches its members 1:1 in their time zone and language. These are shared by every VPI the person is in.</item>
/// </list>
/// Not exported: the <c>instances</c> heartbeats (of running processes, not data).
/// </summary>
public static class VpiExport
{
    public const string VpiPartitionPrefix = "vpi|";
    private static readonly string[] MarkerPartitions =
        [TaskStore.RoadmapsPartition, MeetingStore.MeetingsPartition, BallotStore.OpenPartition, OutboxStore.DirtyPartition];

    /// <summary>Reads the store (one scan) and exports the VPIs named, or every VPI when <paramref name="vpiIds"/> is null.</summary>
    public static async Task<VpiExportDocument> ExportAsync(ITableStore table, IReadOnlyList<string>? vpiIds, DateTimeOffset now, CancellationToken ct)
    {
        var all = await table.ScanAllAsync("", ct);
        var ids = vpiIds ?? VpisIn(all);
        var missing = ids.Where(id => !all.Any(r => r.PartitionKey == VpiPartitionPrefix + id && r.RowKey == "vpi")).ToList();
        if (missing.Count > 0)
        {
            throw new KeyNotFoundException($"No VPI {string.Join(", ", missing)} in this store.");
        }
        return Select(all, ids, now);
    }

    /// <summary>The VPIs in these rows: partitions <c>vpi|{id}</c> that hold a VPI row.</summary>
    public static IReadOnlyList<string> VpisIn(IEnumerable<StoredRow> rows) =>
        rows.Where(r => r.PartitionKey.StartsWith(VpiPartitionPrefix, StringComparison.Ordinal) && r.RowKey == "vpi")
            .Select(r => r.PartitionKey[VpiPartitionPrefix.Length..]).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The export of <paramref name="vpiIds"/> from every row of a store (pure): each row once, in key order.</summary>
    public static VpiExportDocument Select(IReadOnlyList<StoredRow> all, IReadOnlyList<string> vpiIds, DateTimeOffset now)
    {
        var chosen = new HashSet<(string, string)>();
        foreach (var id in vpiIds)
        {
            var owner = OwnerOf(id, all);
            foreach (var row in all.Where(r => BelongsTo(r, owner)))
            {
                chosen.Add((row.PartitionKey, row.RowKey));
            }
        }
        var rows = all.Where(r => chosen.Contains((r.PartitionKey, r.RowKey)))
            .OrderBy(r => r.PartitionKey, StringComparer.Ordinal).ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .Select(r => new ExportedRow(r.PartitionKey, r.RowKey, r.Data)).ToList();
        return new VpiExportDocument(VpiExportDocument.CurrentFormat, now, vpiIds.Order(StringComparer.Ordinal).ToList(), rows);
    }

    /// <summary>What decides which rows outside its partition belong to a VPI: its members, its home conversation,
    /// its members' 1:1 conversations.</summary>
    private sealed record Owner(string VpiId, HashSet<string> Members, string? Home, HashSet<string> PersonalConversations);

    private static Owner OwnerOf(string vpiId, IReadOnlyList<StoredRow> all)
    {
        var own = all.Where(r => r.PartitionKey == VpiPartitionPrefix + vpiId).ToList();
        var members = own.Where(r => r.RowKey.StartsWith("member|", StringComparison.Ordinal))
            .Select(r => r.RowKey["member|".Length..]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var home = own.FirstOrDefault(r => r.RowKey == "vpi") is { } vpi
            ? JsonDocument.Parse(vpi.Data).RootElement.GetProperty("home").GetProperty("conversationId").GetString()
            : null;
        var personal = all.Where(r => r.PartitionKey.StartsWith("user|", StringComparison.Ordinal) && members.Contains(r.PartitionKey["user|".Length..]))
            .Select(r => String(r.Data, "conversationId")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new Owner(vpiId, members, home, personal);
    }

    private static bool BelongsTo(StoredRow row, Owner owner)
    {
        var pk = row.PartitionKey;
        if (pk == VpiPartitionPrefix + owner.VpiId)
        {
            return true;
        }
        if (MarkerPartitions.Contains(pk) || pk.StartsWith("memberships|", StringComparison.Ordinal))
        {
            return row.RowKey == owner.VpiId;
        }
        if (pk.StartsWith("conversation|", StringComparison.Ordinal))
        {
            return String(row.Data, "vpiId") == owner.VpiId;
        }
        if (pk == PersonSettingsStore.Partition)
        {
            return owner.Members.Contains(row.RowKey);
        }
        if (pk.StartsWith("user|", StringComparison.Ordinal))
        {
            return owner.Members.Contains(pk["user|".Length..]);
        }
        if (pk.StartsWith("ref|", StringComparison.Ordinal))
        {
            var conversation = pk["ref|".Length..];
            return conversation == owner.Home || owner.PersonalConversations.Contains(conversation);
        }
        return false;
    }

    private static string? String(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value)
                && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
