using VpiBot.Storage.Tables;

namespace VpiBot.Tests.Storage;

/// <summary>
/// What every <see cref="ITableStore"/> backend must do; each backend's test class derives from this one.
/// Every test works in a partition of its own.
/// </summary>
public abstract class TableStoreContract
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract ITableStore Store { get; }

    /// <summary>The largest document the backend is shown to keep (the emulator's own limit can be lower).</summary>
    protected virtual int LargestDocumentBytes => TableLimits.MaxDataBytes;

    protected string Pk { get; } = "p-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Get_of_a_missing_row_is_null()
    {
        Assert.Null(await Store.GetAsync(Pk, "nothing", Ct));
    }

    [Fact]
    public async Task Insert_then_get_returns_the_document_and_the_same_etag()
    {
        var inserted = await Store.InsertAsync(Pk, "r1", """{"a":1}""", Ct);

        var read = await Store.GetAsync(Pk, "r1", Ct);

        Assert.Equal(new StoredRow(Pk, "r1", """{"a":1}""", inserted.ETag), read);
        Assert.False(string.IsNullOrEmpty(inserted.ETag));
    }

    [Fact]
    public async Task Insert_of_an_existing_row_conflicts_and_changes_nothing()
    {
        var first = await Store.InsertAsync(Pk, "r1", "first", Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.InsertAsync(Pk, "r1", "second", Ct));

        Assert.Equal(first, await Store.GetAsync(Pk, "r1", Ct));
    }

    [Fact]
    public async Task Upsert_creates_then_replaces()
    {
        var created = await Store.UpsertAsync(Pk, "r1", "one", Ct);
        var replaced = await Store.UpsertAsync(Pk, "r1", "two", Ct);

        Assert.Equal(replaced, await Store.GetAsync(Pk, "r1", Ct));
        Assert.Equal("two", replaced.Data);
        Assert.NotEqual(created.ETag, replaced.ETag);
    }

    [Fact]
    public async Task Every_write_gives_a_new_etag()
    {
        var etags = new List<string>();
        var row = await Store.InsertAsync(Pk, "r1", "same", Ct);
        etags.Add(row.ETag);
        etags.Add((await Store.UpsertAsync(Pk, "r1", "same", Ct)).ETag);
        etags.Add((await Store.ReplaceAsync(Pk, "r1", "same", etags[^1], Ct)).ETag);
        etags.Add((await Store.ReplaceAsync(Pk, "r1", "same", "*", Ct)).ETag);
        var batch = await Store.ExecuteBatchAsync(Pk, [new RowOperation.Replace("r1", "same", etags[^1])], Ct);
        etags.Add(batch[0]!.ETag);

        Assert.Equal(etags.Count, etags.Distinct().Count());
        Assert.Equal(etags[^1], (await Store.GetAsync(Pk, "r1", Ct))!.ETag);
    }

    [Fact]
    public async Task Replace_with_the_current_etag_succeeds()
    {
        var row = await Store.InsertAsync(Pk, "r1", "one", Ct);

        var replaced = await Store.ReplaceAsync(Pk, "r1", "two", row.ETag, Ct);

        Assert.Equal(replaced, await Store.GetAsync(Pk, "r1", Ct));
        Assert.Equal("two", replaced.Data);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var old = await Store.InsertAsync(Pk, "r1", "one", Ct);
        var current = await Store.UpsertAsync(Pk, "r1", "two", Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.ReplaceAsync(Pk, "r1", "three", old.ETag, Ct));

        Assert.Equal(current, await Store.GetAsync(Pk, "r1", Ct));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("W/\"no-such-version\"")]
    public async Task Replace_of_a_missing_row_conflicts_and_creates_nothing(string ifMatch)
    {
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.ReplaceAsync(Pk, "r1", "x", ifMatch, Ct));

        Assert.Null(await Store.GetAsync(Pk, "r1", Ct));
    }

    [Fact]
    public async Task Replace_with_star_replaces_any_version()
    {
        await Store.InsertAsync(Pk, "r1", "one", Ct);

        var replaced = await Store.ReplaceAsync(Pk, "r1", "two", "*", Ct);

        Assert.Equal(replaced, await Store.GetAsync(Pk, "r1", Ct));
    }

    [Fact]
    public async Task Delete_with_the_current_etag_removes_the_row()
    {
        var row = await Store.InsertAsync(Pk, "r1", "one", Ct);

        await Store.DeleteAsync(Pk, "r1", row.ETag, Ct);

        Assert.Null(await Store.GetAsync(Pk, "r1", Ct));
    }

    [Fact]
    public async Task Delete_with_star_removes_any_version()
    {
        await Store.InsertAsync(Pk, "r1", "one", Ct);

        await Store.DeleteAsync(Pk, "r1", "*", Ct);

        Assert.Null(await Store.GetAsync(Pk, "r1", Ct));
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_conflicts_and_keeps_the_row()
    {
        var old = await Store.InsertAsync(Pk, "r1", "one", Ct);
        var current = await Store.UpsertAsync(Pk, "r1", "two", Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.DeleteAsync(Pk, "r1", old.ETag, Ct));

        Assert.Equal(current, await Store.GetAsync(Pk, "r1", Ct));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("W/\"no-such-version\"")]
    public async Task Delete_of_a_missing_row_conflicts(string ifMatch)
    {
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.DeleteAsync(Pk, "r1", ifMatch, Ct));
    }

    [Fact]
    public async Task A_deleted_and_recreated_row_does_not_match_its_old_etag()
    {
        var old = await Store.InsertAsync(Pk, "r1", "one", Ct);
        await Store.DeleteAsync(Pk, "r1", old.ETag, Ct);
        await Store.InsertAsync(Pk, "r1", "one", Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.ReplaceAsync(Pk, "r1", "two", old.ETag, Ct));
    }

    [Fact]
    public async Task Of_writers_holding_the_same_version_exactly_one_wins_each_round()
    {
        const int writers = 8, rounds = 25;
        await Store.InsertAsync(Pk, "counter", "0", Ct);
        var wins = 0;
        for (var round = 0; round < rounds; round++)
        {
            // Everyone reads first, then everyone tries to write the version they read.
            var reads = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Store.GetAsync(Pk, "counter", Ct)));
            var outcomes = await Task.WhenAll(reads.Select(row => TryIncrementAsync(row!)));
            Assert.Equal(1, outcomes.Count(won => won));
            wins += outcomes.Count(won => won);
        }

        Assert.Equal(rounds, wins);
        Assert.Equal(rounds.ToString(), (await Store.GetAsync(Pk, "counter", Ct))!.Data);
    }

    [Fact]
    public async Task Read_modify_write_with_retries_loses_no_update()
    {
        const int writers = 8, incrementsEach = 25;
        await Store.InsertAsync(Pk, "counter", "0", Ct);
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var done = 0; done < incrementsEach;)
            {
                if (await TryIncrementAsync((await Store.GetAsync(Pk, "counter", Ct))!))
                {
                    done++;
                }
                else
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        Assert.Equal((writers * incrementsEach).ToString(), (await Store.GetAsync(Pk, "counter", Ct))!.Data);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(100)]
    [InlineData(5000)]
    public async Task Paging_returns_every_row_once_in_order(int pageSize)
    {
        var keys = await InsertNumberedRowsAsync(1234);

        var pages = await ReadAllPagesAsync(null, pageSize);

        Assert.Equal(keys, pages.SelectMany(page => page.Rows).Select(row => row.RowKey));
        Assert.All(pages, page => Assert.InRange(page.Rows.Count, 1, Math.Min(pageSize, TableLimits.MaxPageSize)));
        Assert.True(pages.Count >= (int)Math.Ceiling(1234.0 / Math.Min(pageSize, TableLimits.MaxPageSize)));
        Assert.All(pages.SelectMany(page => page.Rows), row => Assert.Equal($"doc {row.RowKey}", row.Data));
    }

    [Fact]
    public async Task An_empty_partition_is_one_empty_last_page()
    {
        var page = await Store.QueryAsync(Pk, null, 10, null, Ct);

        Assert.Empty(page.Rows);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task A_query_sees_only_its_partition()
    {
        await Store.InsertAsync(Pk, "mine", "x", Ct);
        await Store.InsertAsync(Pk + "-other", "theirs", "x", Ct);
        await Store.InsertAsync(Pk[..^1], "shorter", "x", Ct);

        var page = await Store.QueryAsync(Pk, null, 10, null, Ct);

        Assert.Equal(["mine"], page.Rows.Select(row => row.RowKey));
    }

    [Fact]
    public async Task A_prefix_query_returns_exactly_the_rows_that_start_with_it()
    {
        foreach (var key in new[] { "a", "ab", "ab-1", "ab-2", "abc", "ac", "b", "vote|u1", "vote|u2", "votes" })
        {
            await Store.InsertAsync(Pk, key, key, Ct);
        }

        Assert.Equal(["ab", "ab-1", "ab-2", "abc"], await RowKeysAsync("ab"));
        Assert.Equal(["vote|u1", "vote|u2"], await RowKeysAsync("vote|"));
        Assert.Equal(["b"], await RowKeysAsync("b"));
        Assert.Empty(await RowKeysAsync("abd"));
        Assert.Equal(10, (await RowKeysAsync("")).Count);
    }

    [Fact]
    public async Task A_prefix_query_pages()
    {
        await InsertNumberedRowsAsync(250);
        await Store.InsertAsync(Pk, "other", "x", Ct);

        var pages = await ReadAllPagesAsync("r01", 40);

        Assert.Equal(Enumerable.Range(100, 100).Select(n => $"r{n:D4}"), pages.SelectMany(page => page.Rows).Select(row => row.RowKey));
    }

    [Fact]
    public async Task A_prefix_ending_in_the_highest_characters_still_matches()
    {
        foreach (var key in new[] { "x\uFFFF1", "x\uFFFF2", "x\uFFFE", "y", "x\U0010FFFF", "x😀a", "x😀b", "x😁" })
        {
            await Store.InsertAsync(Pk, key, key, Ct);
        }

        Assert.Equal(["x\uFFFF1", "x\uFFFF2"], (await RowKeysAsync("x\uFFFF")).Order(StringComparer.Ordinal));
        Assert.Equal(["x😀a", "x😀b"], (await RowKeysAsync("x😀")).Order(StringComparer.Ordinal));
        Assert.Equal(["x\U0010FFFF"], await RowKeysAsync("x\U0010FFFF"));
    }

    private static readonly string[] AwkwardKeyList =
    [
        "a/b", "a\\b", "a#b", "a?b", "/\\#?", "\u0000", "tab\there", "line\r\nbreak", "\u001F\u007F\u0080\u0085\u009F",
        "100%", "%2F", "%", "!", "!21", "!!2F", "ü日本語", "emoji 🙂", "'quoted' \"twice\"", "a b", "~`@$^&*()[]{}<>|;:,.+=",
        "",
    ];

    public static TheoryData<string> AwkwardKeys => new(AwkwardKeyList);

    [Theory]
    [MemberData(nameof(AwkwardKeys))]
    public async Task Awkward_keys_round_trip_and_are_found_by_get_and_prefix(string key)
    {
        var pk = Pk + key;
        await Store.InsertAsync(pk, key, "doc of " + key, Ct);
        await Store.InsertAsync(pk, key + "/tail", "second", Ct);
        await Store.InsertAsync(pk, "zzz", "unrelated", Ct);

        Assert.Equal(new StoredRow(pk, key, "doc of " + key, (await Store.GetAsync(pk, key, Ct))!.ETag), await Store.GetAsync(pk, key, Ct));
        var startingWithKey = new[] { key, key + "/tail", "zzz" }.Where(k => k.StartsWith(key, StringComparison.Ordinal));
        Assert.Equal(startingWithKey, (await Store.QueryAsync(pk, key, 10, null, Ct)).Rows.Select(row => row.RowKey));
        Assert.All((await Store.QueryAsync(pk, null, 10, null, Ct)).Rows, row => Assert.Equal(pk, row.PartitionKey));
        Assert.Contains(key, (await Store.QueryAsync(pk, null, 10, null, Ct)).Rows.Select(row => row.RowKey));
    }

    [Fact]
    public async Task Awkward_keys_work_in_batches_and_deletes()
    {
        var written = await Store.ExecuteBatchAsync(Pk, AwkwardKeyList.Select(key => (RowOperation)new RowOperation.Insert(key, key)).ToList(), Ct);

        await Store.ExecuteBatchAsync(Pk, written.Select(row => (RowOperation)new RowOperation.Delete(row!.RowKey, row.ETag)).ToList(), Ct);

        Assert.Empty((await Store.QueryAsync(Pk, null, 100, null, Ct)).Rows);
    }

    [Fact]
    public async Task A_key_longer_than_1_KiB_encoded_is_refused()
    {
        await Store.InsertAsync(Pk, new string('k', TableKey.MaxEncodedLength), "fits", Ct);

        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => Store.InsertAsync(Pk, new string('k', TableKey.MaxEncodedLength + 1), "x", Ct));
        // 200 '/' encode to 600 characters.
        await Assert.ThrowsAsync<ArgumentException>(() => Store.InsertAsync(Pk, new string('/', 200), "x", Ct));
        Assert.Contains("512", tooLong.Message);
    }

    [Fact]
    public async Task A_300_KB_document_round_trips()
    {
        var document = LargeDocument(300 * 1024);

        var written = await Store.UpsertAsync(Pk, "big", document, Ct);
        var replaced = await Store.ReplaceAsync(Pk, "big", document + "!", written.ETag, Ct);

        Assert.Equal(replaced, await Store.GetAsync(Pk, "big", Ct));
        Assert.Equal(document + "!", (await Store.QueryAsync(Pk, "b", 10, null, Ct)).Rows.Single().Data);
    }

    [Fact]
    public async Task The_largest_document_round_trips_and_a_small_one_replaces_it()
    {
        var document = LargeDocument(LargestDocumentBytes);

        var written = await Store.InsertAsync(Pk, "big", document, Ct);
        Assert.Equal(document, (await Store.GetAsync(Pk, "big", Ct))!.Data);
        await Store.ReplaceAsync(Pk, "big", "small", written.ETag, Ct);

        Assert.Equal("small", (await Store.GetAsync(Pk, "big", Ct))!.Data);
    }

    [Fact]
    public async Task An_empty_document_round_trips()
    {
        await Store.InsertAsync(Pk, "empty", "", Ct);

        Assert.Equal("", (await Store.GetAsync(Pk, "empty", Ct))!.Data);
    }

    [Fact]
    public async Task A_document_over_the_limit_is_refused_with_a_clear_message()
    {
        var tooBig = new string('x', TableLimits.MaxDataBytes + 1);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(Pk, "big", tooBig, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ExecuteBatchAsync(Pk, [new RowOperation.Insert("big", tooBig)], Ct));

        Assert.Contains("1 MiB", refused.Message);
        Assert.Null(await Store.GetAsync(Pk, "big", Ct));
    }

    [Fact]
    public async Task A_batch_applies_every_kind_of_operation()
    {
        var replaced = await Store.InsertAsync(Pk, "replace-me", "old", Ct);
        var deleted = await Store.InsertAsync(Pk, "delete-me", "old", Ct);
        await Store.InsertAsync(Pk, "upsert-me", "old", Ct);

        var results = await Store.ExecuteBatchAsync(Pk,
        [
            new RowOperation.Insert("new", "inserted"),
            new RowOperation.Upsert("upsert-me", "upserted"),
            new RowOperation.Replace("replace-me", "replaced", replaced.ETag),
            new RowOperation.Delete("delete-me", deleted.ETag),
        ], Ct);

        Assert.Null(results[3]);
        Assert.Null(await Store.GetAsync(Pk, "delete-me", Ct));
        foreach (var row in results.Take(3))
        {
            Assert.Equal(row, await Store.GetAsync(Pk, row!.RowKey, Ct));
        }
        Assert.Equal(["inserted", "upserted", "replaced"], results.Take(3).Select(row => row!.Data));
    }

    public static TheoryData<int> FailingPositions => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(FailingPositions))]
    public async Task A_batch_with_a_losing_operation_changes_nothing_and_says_which(int failing)
    {
        await Store.InsertAsync(Pk, "existing", "before", Ct);
        var staleETag = (await Store.UpsertAsync(Pk, "stale", "x", Ct)).ETag;
        await Store.UpsertAsync(Pk, "stale", "current", Ct);
        var good = new List<RowOperation>
        {
            new RowOperation.Insert("n1", "x"),
            new RowOperation.Upsert("existing", "after"),
            new RowOperation.Insert("n2", "x"),
            new RowOperation.Upsert("n3", "x"),
        };
        RowOperation[] losers =
        [
            new RowOperation.Insert("stale", "x"),
            new RowOperation.Replace("stale", "x", staleETag),
            new RowOperation.Delete("stale", staleETag),
            new RowOperation.Delete("missing", "*"),
        ];
        var operations = good.ToList();
        operations[failing] = losers[failing];
        var before = await AllRowsAsync();

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.ExecuteBatchAsync(Pk, operations, Ct));

        Assert.Equal(failing, conflict.FailedOperationIndex);
        Assert.Equal(before, await AllRowsAsync());
    }

    [Fact]
    public async Task A_batch_of_100_succeeds_and_of_101_is_refused()
    {
        RowOperation Insert(int n) => new RowOperation.Insert($"r{n:D3}", "x");

        Assert.Equal(100, (await Store.ExecuteBatchAsync(Pk, Enumerable.Range(0, 100).Select(Insert).ToList(), Ct)).Count);
        var refused = await Assert.ThrowsAsync<ArgumentException>(
            () => Store.ExecuteBatchAsync(Pk + "x", Enumerable.Range(0, 101).Select(Insert).ToList(), Ct));

        Assert.Contains("100", refused.Message);
        Assert.Empty((await Store.QueryAsync(Pk + "x", null, 10, null, Ct)).Rows);
    }

    [Fact]
    public async Task A_batch_touching_a_row_twice_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ExecuteBatchAsync(Pk,
            [new RowOperation.Insert("r1", "x"), new RowOperation.Upsert("r1", "y")], Ct));

        Assert.Null(await Store.GetAsync(Pk, "r1", Ct));
    }

    private async Task<bool> TryIncrementAsync(StoredRow row)
    {
        try
        {
            await Store.ReplaceAsync(Pk, row.RowKey, (int.Parse(row.Data) + 1).ToString(), row.ETag, Ct);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    private async Task<List<string>> InsertNumberedRowsAsync(int count)
    {
        var keys = Enumerable.Range(0, count).Select(n => $"r{n:D4}").ToList();
        // Inserted out of order, so order must come from the store.
        foreach (var chunk in keys.AsEnumerable().Reverse().Chunk(TableLimits.MaxBatchOperations))
        {
            await Store.ExecuteBatchAsync(Pk, chunk.Select(key => (RowOperation)new RowOperation.Insert(key, $"doc {key}")).ToList(), Ct);
        }
        return keys;
    }

    [Fact]
    public async Task Scan_reads_every_partition_with_the_prefix_in_key_order_page_by_page()
    {
        // partitions sharing the test's prefix, keys needing encoding among them; one just outside the prefix
        string[] partitions = [Pk + "|b", Pk + "|a/x", Pk + "|a", Pk + "|a|z"];
        foreach (var pk in partitions)
        {
            await Store.ExecuteBatchAsync(pk, [new RowOperation.Insert("r2", pk + "2"), new RowOperation.Insert("r1#", pk + "1")], Ct);
        }
        await Store.InsertAsync(Pk[..^1] + "~", "r1", "outside", Ct);

        var rows = new List<StoredRow>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.ScanAsync(Pk + "|", 3, token, Ct);
            Assert.True(page.Rows.Count <= 3);
            rows.AddRange(page.Rows);
            token = page.ContinuationToken;
            Assert.True(++pages < 100, "paging does not end");
        } while (token is not null);

        var expected = partitions.Order(StringComparer.Ordinal).SelectMany(pk => new[] { (pk, "r1#", pk + "1"), (pk, "r2", pk + "2") });
        Assert.Equal(expected, rows.Select(r => (r.PartitionKey, r.RowKey, r.Data)));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.ETag)));
        Assert.Empty((await Store.ScanAsync(Pk + "|nothing", 10, null, Ct)).Rows);
    }

    private async Task<List<RowPage>> ReadAllPagesAsync(string? prefix, int pageSize)
    {
        var pages = new List<RowPage>();
        string? token = null;
        do
        {
            var page = await Store.QueryAsync(Pk, prefix, pageSize, token, Ct);
            pages.Add(page);
            token = page.ContinuationToken;
            Assert.True(pages.Count < 10_000, "paging does not end");
        } while (token is not null);
        return pages;
    }

    private async Task<List<string>> RowKeysAsync(string prefix) =>
        (await ReadAllPagesAsync(prefix, 1000)).SelectMany(page => page.Rows).Select(row => row.RowKey).ToList();

    private async Task<List<StoredRow>> AllRowsAsync() =>
        (await ReadAllPagesAsync(null, 1000)).SelectMany(page => page.Rows).ToList();

    /// <summary>JSON-ish text with some non-ASCII, exactly <paramref name="utf8Bytes"/> bytes of UTF-8.</summary>
    protected static string LargeDocument(int utf8Bytes)
    {
        const string unit = "{\"vote\":\"für\",\"n\":12345},";
        var unitBytes = System.Text.Encoding.UTF8.GetByteCount(unit);
        var units = utf8Bytes / unitBytes;
        return string.Concat(Enumerable.Repeat(unit, units)) + new string('x', utf8Bytes - units * unitBytes);
    }
}
