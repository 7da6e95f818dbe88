using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Dashboard;

/// <summary>
/// Keeps each caller's last answer about a VPI with a fingerprint of everything it was made from: the VPI row's ETag, the
/// keys and ETags of the VPI's roster, priorities, recommendations, ballots, tasks and meetings, the gates (and, where
/// its tally is shown, the votes) of each open ballot, the VPI's day (tasks fall overdue) and the caller. Every write to
/// a row changes its ETag, so an answer is reused only while none of its rows changed: reading row versions is a few
/// raw queries, far cheaper than turning a large VPI's rows into records and the records into JSON. Per instance, bounded
/// (<see cref="SizeLimitBytes"/>), so several instances on one store each keep their own and are never stale.
/// </summary>
public sealed class DashboardCache(ITableStore table) : IDisposable
{
    public const long SizeLimitBytes = 64L << 20;
    private static readonly string[] Kinds = ["member|", "priority|", "recommendation|", "ballot|", "task|", "meeting|"];

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });

    /// <summary>An answer as sent: its bytes and their strong ETag.</summary>
    public sealed record Answer(string Fingerprint, byte[] Body, string ETag);

    /// <summary>What a ballot's row says about what the answer reads of it (the rest of the row is skipped, not read into records).</summary>
    private sealed record BallotHead(int Number, BallotStatus Status, BallotRules Rules);

    public async Task<string> FingerprintAsync(VersionedVpi vpi, string callerObjectId, DateOnly today, CancellationToken ct)
    {
        var partition = VpiStore.Partition(vpi.Vpi.Id);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        Add(vpi.ETag);
        Add(callerObjectId.ToLowerInvariant());
        Add(today.ToString("O", CultureInfo.InvariantCulture));
        var openBallots = new List<BallotHead>();
        foreach (var kind in Kinds)
        {
            foreach (var row in await table.QueryAllAsync(partition, kind, ct))
            {
                Add(row.RowKey + "|" + row.ETag);
                if (kind == "ballot|" && JsonSerializer.Deserialize<BallotHead>(row.Data, VpiStore.Json) is { Status: BallotStatus.Open } open)
                {
                    openBallots.Add(open);
                }
            }
        }
        foreach (var b in openBallots)
        {
            var number = b.Number.ToString("D6", CultureInfo.InvariantCulture);
            var prefixes = b.Rules.HideResults || b.Rules.Anonymous ? new[] { "voter|" + number + "|" } : ["voter|" + number + "|", "vote|" + number + "|"];
            foreach (var prefix in prefixes)
            {
                foreach (var row in await table.QueryAllAsync(partition, prefix, ct))
                {
                    Add(row.RowKey + "|" + row.ETag);
                }
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public Answer? Get(string vpiId, string callerObjectId, string fingerprint) =>
        _answers.TryGetValue(Key(vpiId, callerObjectId), out Answer? kept) && kept!.Fingerprint == fingerprint ? kept : null;

    public void Keep(string vpiId, string callerObjectId, Answer answer) =>
        _answers.Set(Key(vpiId, callerObjectId), answer, new MemoryCacheEntryOptions { Size = answer.Body.Length + 256, SlidingExpiration = TimeSpan.FromMinutes(10) });

    private static string Key(string vpiId, string callerObjectId) => vpiId + "\n" + callerObjectId.ToLowerInvariant();

    public void Dispose() => _answers.Dispose();
}
