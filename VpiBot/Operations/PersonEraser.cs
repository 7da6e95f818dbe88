using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Operations;

/// <summary>
/// Who is erased: their Entra object id, and the names, e-mail addresses and Teams ids the store knows them by; the
/// stable pseudonym their decisions and votes keep. Pure helpers the per-type erasers share.
/// </summary>
public sealed record Erasure(string AadObjectId, IReadOnlySet<string> Names, IReadOnlySet<string> Emails, IReadOnlySet<string> TeamsIds)
{
    /// <summary>The name a former member's decisions and votes are shown with.</summary>
    public const string FormerMember = "a former member";

    /// <summary>What replaces free text a former member wrote.</summary>
    public const string RemovedText = "[removed at the request of a former member]";

    /// <summary>
    /// The id that stands for them from now on: the same for every row and every run (so counting and "one vote per
    /// voter" still hold), <c>former-</c> and 16 hex digits of a SHA-256 of the lower-cased id. Pseudonymous, not
    /// anonymous: someone who already knows the id can recompute it.
    /// </summary>
    public string Pseudonym { get; } = PseudonymOf(AadObjectId);

    /// <summary>The address their meeting invitations keep (a reserved .invalid domain: nothing is ever sent to it).</summary>
    public string PseudonymAddress => Pseudonym + "@former-member.invalid";

    public static string PseudonymOf(string aadObjectId) =>
        "former-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("vpibot-erasure|" + aadObjectId.ToLowerInvariant())))[..16];

    public bool Is(string? id) => id is not null && string.Equals(id, AadObjectId, StringComparison.OrdinalIgnoreCase);

    public string Id(string id) => Is(id) ? Pseudonym : id;

    public string Name(string by, string name) => Is(by) ? FormerMember : name;

    public string? Text(string by, string? text) => Is(by) && text is not null ? RemovedText : text;

    public bool IsName(string? name) => name is not null && Names.Contains(name);

    public bool IsAddress(string? address) => address is not null && Emails.Contains(address);

    /// <summary>Whether a stored row's keys or document still name them (id, name, e-mail or Teams id, any case).</summary>
    public bool Mentions(string text) =>
        new[] { AadObjectId }.Concat(Names).Concat(Emails).Concat(TeamsIds).Where(s => s.Length > 0)
            .Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase) || text.Contains(JsonText(s), StringComparison.OrdinalIgnoreCase));

    /// <summary>The string as it appears inside a stored JSON document (non-ASCII escaped as the stores write it).</summary>
    private static string JsonText(string s) => JsonSerializer.Serialize(s, VpiStore.Json)[1..^1];
}

/// <summary>
/// Erasing one person from every record type: pure functions, one per stored type. Their name, e-mail and the free
/// text they wrote go; their id becomes <see cref="Erasure.Pseudonym"/> wherever it counts something (a decision, a
/// vote, an electorate, a task's ownership), so outcomes and tallies are unchanged.
/// </summary>
public static class Erase
{
    public static Vpi Vpi(Vpi v, Erasure e) => v with
    {
        CreatedBy = e.Id(v.CreatedBy),
        StageLog = v.StageLog?.Select(s => s with { By = e.Id(s.By), ByName = e.Name(s.By, s.ByName), Reason = e.Text(s.By, s.Reason) }).ToList(),
    };

    /// <summary>Someone else's roster row: who added them.</summary>
    public static Member Member(Member m, Erasure e) => m with { AddedBy = e.Id(m.AddedBy) };

    public static Priority Priority(Priority p, Erasure e) => p with
    {
        Text = e.Is(p.AuthorAadObjectId)
            ? p.Text with { Title = Erasure.RemovedText, Description = Erasure.RemovedText, Rationale = Erasure.RemovedText }
            : p.Text,
        AuthorAadObjectId = e.Id(p.AuthorAadObjectId),
        AuthorName = e.Name(p.AuthorAadObjectId, p.AuthorName),
        Electorate = p.Electorate.Select(e.Id).ToList(),
        Decisions = p.Decisions.Select(d => Decision(d, e)).ToList(),
        History = p.History.Select(h => h with { By = e.Id(h.By), ByName = e.Name(h.By, h.ByName), Comment = e.Text(h.By, h.Comment) }).ToList(),
    };

    public static ReviewerDecision Decision(ReviewerDecision d, Erasure e) => d with
    {
        ReviewerAadObjectId = e.Id(d.ReviewerAadObjectId),
        ReviewerName = e.Name(d.ReviewerAadObjectId, d.ReviewerName),
        Comment = e.Text(d.ReviewerAadObjectId, d.Comment),
    };

    public static Recommendation Recommendation(Recommendation r, Erasure e) => r with
    {
        Text = e.Is(r.ProposerAadObjectId) ? new RecommendationText(Erasure.RemovedText, Erasure.RemovedText) : r.Text,
        ProposerAadObjectId = e.Id(r.ProposerAadObjectId),
        ProposerName = e.Name(r.ProposerAadObjectId, r.ProposerName),
        History = r.History.Select(h => h with { By = e.Id(h.By), ByName = e.Name(h.By, h.ByName), Comment = e.Text(h.By, h.Comment) }).ToList(),
    };

    public static Ballot Ballot(Ballot b, Erasure e) => b with
    {
        Electorate = b.Electorate.Select(v => e.Is(v.AadObjectId) ? v with { AadObjectId = e.Pseudonym, Name = Erasure.FormerMember } : v).ToList(),
        OpenedBy = e.Id(b.OpenedBy),
        OpenedByName = e.Name(b.OpenedBy, b.OpenedByName),
        ClosedByName = e.IsName(b.ClosedByName) ? Erasure.FormerMember : b.ClosedByName,
    };

    /// <summary>Their vote: the choices stay (they are counted), the reasons they wrote go.</summary>
    public static StoredVote Vote(StoredVote v) =>
        v with { Choices = v.Choices.Select(c => c.Reason is null ? c : c with { Reason = Erasure.RemovedText }).ToList() };

    public static RoadmapTask Task(RoadmapTask t, Erasure e) => t with
    {
        Text = e.Is(t.CreatedBy) ? new TaskText(Erasure.RemovedText, Erasure.RemovedText) : t.Text,
        Owners = t.Owners.Select(e.Id).ToList(),
        Log = t.Log.Select(u => u with { By = e.Id(u.By), ByName = e.Name(u.By, u.ByName), Comment = e.Text(u.By, u.Comment) }).ToList(),
        CreatedBy = e.Id(t.CreatedBy),
    };

    public static Meeting Meeting(Meeting m, Erasure e)
    {
        bool Theirs(Invitee i) => e.Is(i.AadObjectId) || e.IsAddress(i.Address);
        string Address(string address) => e.IsAddress(address) ? e.PseudonymAddress : address;
        var byThem = e.Is(m.CreatedBy);
        return m with
        {
            Plan = m.Plan with
            {
                Title = byThem ? Erasure.RemovedText : m.Plan.Title,
                Agenda = byThem ? Erasure.RemovedText : m.Plan.Agenda,
                Invitees = m.Plan.Invitees.Select(i => Theirs(i)
                    ? i with { Address = e.PseudonymAddress, Name = Erasure.FormerMember, AadObjectId = i.AadObjectId is null ? null : e.Pseudonym }
                    : i).ToList(),
            },
            Organizer = m.Organizer is null ? null : Address(m.Organizer),
            Replies = m.Replies.ToDictionary(r => Address(r.Key), r => r.Value, StringComparer.OrdinalIgnoreCase),
            CreatedBy = e.Id(m.CreatedBy),
            CreatedByName = e.Name(m.CreatedBy, m.CreatedByName),
            CancelledBy = m.CancelledBy is null ? null : e.Id(m.CancelledBy),
            CancelComment = m.CancelledBy is null ? m.CancelComment : e.Text(m.CancelledBy, m.CancelComment),
        };
    }
}

/// <summary>What an erasure changed, by kind of row (e.g. "priority changed", "roster row removed").</summary>
public sealed record ErasureReport(string Pseudonym, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<string> StillMentioning);

/// <summary>
/// <c>erase-person</c>: removes a person's name, e-mail and the free text they wrote from every VPI and every row kept
/// about them, keeping their decisions and votes counted under <see cref="Erasure.Pseudonym"/>.
/// <list type="bullet">
/// <item>Removed: their roster rows (the electorates of priorities and ballots are their own copies, so counting does
/// not need them), membership index, people settings, 1:1 conversation reference, "unreachable" rows, and every
/// outbox job, failed job, posted-card copy or once-key row that names them (a message about or to them is not sent).</item>
/// <item>Pseudonymised, text removed: priorities they wrote (title, description, rationale), their review decisions
/// (the comment), recommendations they proposed (title, text), every audit entry by them (the comment), their votes
/// (the choices stay, the reasons go; on an anonymous ballot still open the vote's keyed hash is recomputed for the
/// pseudonym; on a closed one nothing ties a vote to them, so there is nothing to find), ballot electorates, tasks
/// (owner; title and description of tasks they created; their log comments), meetings (as invitee: address and name;
/// title and agenda of meetings they created), the stage log.</item>
/// </list>
/// Rows that still name them afterwards (someone else's free text quoting their name) are listed, not changed.
/// Conditional writes: run it with the bot stopped, or again if it reports a conflict.
/// </summary>
public static class PersonEraser
{
    public static async Task<ErasureReport> EraseAsync(ITableStore table, string aadObjectId, CancellationToken ct)
    {
        var aad = aadObjectId.ToLowerInvariant();
        var all = await table.ScanAllAsync("", ct);
        var erasure = Identify(aad, all);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Count(string kind) => counts[kind] = counts.GetValueOrDefault(kind) + 1;

        foreach (var partition in all.GroupBy(r => r.PartitionKey))
        {
            var changes = new List<RowOperation[]>();
            if (partition.Key.StartsWith(VpiExport.VpiPartitionPrefix, StringComparison.Ordinal))
            {
                var ballots = partition.Where(r => r.RowKey.StartsWith("ballot|", StringComparison.Ordinal))
                    .Select(r => Read<Ballot>(r)).ToDictionary(b => b.Number);
                foreach (var row in partition)
                {
                    if (InVpi(row, erasure, ballots) is { Operations.Length: > 0 } change)
                    {
                        changes.Add(change.Operations);
                        Count(change.Kind);
                    }
                }
            }
            else
            {
                foreach (var row in partition)
                {
                    if (Elsewhere(row, erasure) is { Operations.Length: > 0 } change)
                    {
                        changes.Add(change.Operations);
                        Count(change.Kind);
                    }
                }
            }
            foreach (var batch in Batches(changes))
            {
                await table.ExecuteBatchAsync(partition.Key, batch, ct);
            }
        }

        var still = (await table.ScanAllAsync("", ct)).Where(r => erasure.Mentions(r.PartitionKey + "\n" + r.RowKey + "\n" + r.Data))
            .Select(r => r.PartitionKey + " / " + r.RowKey).ToList();
        return new ErasureReport(erasure.Pseudonym, counts, still);
    }

    /// <summary>The names, e-mails and Teams ids the store knows the person by: from their roster rows, ballots' electorates and invitations.</summary>
    public static Erasure Identify(string aad, IReadOnlyList<StoredRow> all)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var teamsIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in all.Where(r => r.PartitionKey.StartsWith(VpiExport.VpiPartitionPrefix, StringComparison.Ordinal)))
        {
            if (row.RowKey == "member|" + aad)
            {
                var m = Read<Member>(row);
                names.Add(m.Name);
                if (!string.IsNullOrEmpty(m.Email)) emails.Add(m.Email);
                teamsIds.Add(m.TeamsId);
            }
            else if (row.RowKey.StartsWith("ballot|", StringComparison.Ordinal))
            {
                names.UnionWith(Read<Ballot>(row).Electorate.Where(v => string.Equals(v.AadObjectId, aad, StringComparison.OrdinalIgnoreCase)).Select(v => v.Name));
            }
            else if (row.RowKey.StartsWith("meeting|", StringComparison.Ordinal))
            {
                foreach (var i in Read<Meeting>(row).Plan.Invitees.Where(i => string.Equals(i.AadObjectId, aad, StringComparison.OrdinalIgnoreCase)))
                {
                    names.Add(i.Name);
                    emails.Add(i.Address);
                }
            }
        }
        names.Remove(Erasure.FormerMember);
        return new Erasure(aad, names, emails, teamsIds);
    }

    private sealed record Change(string Kind, RowOperation[] Operations);

    private static readonly Change None = new("", []);

    /// <summary>The change of one row of a VPI's partition (pure).</summary>
    private static Change InVpi(StoredRow row, Erasure e, IReadOnlyDictionary<int, Ballot> ballots)
    {
        var key = row.RowKey;
        Change Rewrite<T>(string kind, Func<T, Erasure, T> erase)
        {
            var data = JsonSerializer.Serialize(erase(Read<T>(row), e), VpiStore.Json);
            return data == JsonSerializer.Serialize(Read<T>(row), VpiStore.Json) ? None : new(kind, [new RowOperation.Replace(key, data, row.ETag)]);
        }
        Change Rekey(string kind, string newKey, string data) =>
            new(kind, [new RowOperation.Delete(key, row.ETag), new RowOperation.Insert(newKey, data)]);

        if (key == "vpi") return Rewrite<Vpi>("VPI (creator, stage log)", Erase.Vpi);
        if (key.StartsWith("member|", StringComparison.Ordinal))
            return e.Is(key["member|".Length..]) ? new("roster row removed", [new RowOperation.Delete(key, row.ETag)])
                : Rewrite<Member>("roster row of someone they added", Erase.Member);
        if (key.StartsWith("priority|", StringComparison.Ordinal)) return Rewrite<Priority>("priority", Erase.Priority);
        if (key.StartsWith("recommendation|", StringComparison.Ordinal)) return Rewrite<Recommendation>("recommendation", Erase.Recommendation);
        if (key.StartsWith("ballot|", StringComparison.Ordinal)) return Rewrite<Ballot>("ballot (electorate, opened or closed by)", Erase.Ballot);
        if (key.StartsWith("task|", StringComparison.Ordinal)) return Rewrite<RoadmapTask>("task", Erase.Task);
        if (key.StartsWith("meeting|", StringComparison.Ordinal)) return Rewrite<Meeting>("meeting", Erase.Meeting);
        if (key.StartsWith("counter|", StringComparison.Ordinal)) return None;
        if (key.StartsWith("decision|", StringComparison.Ordinal))
        {
            var prefix = key[..(key.LastIndexOf('|') + 1)];
            return e.Is(key[prefix.Length..])
                ? Rekey("review decision", prefix + e.Pseudonym, JsonSerializer.Serialize(Erase.Decision(Read<ReviewerDecision>(row), e), VpiStore.Json))
                : None;
        }
        if (key.StartsWith("voter|", StringComparison.Ordinal))
        {
            var prefix = key[..(key.LastIndexOf('|') + 1)];
            return e.Is(key[prefix.Length..]) ? Rekey("voter gate", prefix + e.Pseudonym, row.Data) : None;
        }
        if (key.StartsWith("vote|", StringComparison.Ordinal))
        {
            var prefix = key[..(key.LastIndexOf('|') + 1)];
            var voteKey = key[prefix.Length..];
            var ballot = ballots.GetValueOrDefault(int.Parse(prefix.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture));
            var erased = JsonSerializer.Serialize(Erase.Vote(Read<StoredVote>(row)), VpiStore.Json);
            if (e.Is(voteKey))
            {
                return Rekey("vote", prefix + e.Pseudonym, erased);
            }
            if (ballot is { Rules.Anonymous: true, Secret: { } secret } && voteKey == AnonymousKey(secret, e.AadObjectId))
            {
                return Rekey("anonymous vote (open ballot)", prefix + AnonymousKey(secret, e.Pseudonym), erased);
            }
            return None;
        }
        // outbox jobs, failed jobs, unreachable members, posted-card copies, once-keys: dropped if they name the person
        return e.Mentions(key + "\n" + row.Data) ? new("outbox row removed (" + key.Split('|')[0] + ")", [new RowOperation.Delete(key, row.ETag)]) : None;
    }

    /// <summary>The change of a row outside the VPIs' partitions (pure).</summary>
    private static Change Elsewhere(StoredRow row, Erasure e)
    {
        var pk = row.PartitionKey;
        var delete = new[] { (RowOperation)new RowOperation.Delete(row.RowKey, row.ETag) };
        if (pk == "memberships|" + e.AadObjectId) return new("membership index row removed", delete);
        if (pk == "user|" + e.AadObjectId) return new("1:1 conversation pointer removed", delete);
        if (pk == PersonSettingsStore.Partition && e.Is(row.RowKey)) return new("people settings row removed", delete);
        if (pk.StartsWith("ref|", StringComparison.Ordinal) && e.Mentions(row.Data))
        {
            var reference = Read<ConversationReference>(row);
            if (reference.Kind == ReferenceKind.Personal)
            {
                return new("1:1 conversation reference removed", delete);
            }
            var kept = reference with { AadObjectId = null, UserId = null };
            return new("conversation reference (last speaker cleared)", [new RowOperation.Replace(row.RowKey, JsonSerializer.Serialize(kept, VpiStore.Json), row.ETag)]);
        }
        return None;
    }

    /// <summary>The key of a vote on an anonymous ballot still open (as <see cref="BallotStore"/> computes it).</summary>
    private static string AnonymousKey(string secret, string voter) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(secret), Encoding.UTF8.GetBytes(voter.ToLowerInvariant())));

    /// <summary>Changes packed into batches of at most 100 operations, a row's delete and its re-keyed insert together.</summary>
    private static IEnumerable<List<RowOperation>> Batches(List<RowOperation[]> changes)
    {
        var batch = new List<RowOperation>();
        foreach (var change in changes)
        {
            if (batch.Count + change.Length > TableLimits.MaxBatchOperations)
            {
                yield return batch;
                batch = [];
            }
            batch.AddRange(change);
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static T Read<T>(StoredRow row) => JsonSerializer.Deserialize<T>(row.Data, VpiStore.Json)!;
}
