using System.Buffers.Text;
using System.Text;
using Microsoft.Data.Sqlite;

namespace VpiBot.Storage.Tables;

/// <summary>
/// <see cref="ITableStore"/> in one SQLite file: the embedded default, so the bot runs with no cloud account.
/// One table <c>rows(pk, rk, data, etag)</c> keyed by (pk, rk), keys stored <see cref="TableKey"/>-encoded.
/// WAL mode lets readers run beside the one writer; a busy timeout makes writers queue instead of failing
/// (https://www.sqlite.org/wal.html, https://www.sqlite.org/pragma.html#pragma_busy_timeout).
/// Conditional writes are single statements whose WHERE clause carries the ETag, so they are atomic.
/// </summary>
public sealed class SqliteTableStore : ITableStore, IDisposable
{
    private const int SqliteConstraint = 19; // https://www.sqlite.org/rescode.html#constraint
    private const string OpenPragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    private readonly string _connectionString;
    private readonly Telemetry.VpiTelemetry? _telemetry;

    /// <param name="telemetry">Counts the conditional writes that lose (by operation); none in tests that build a store alone.</param>
    public SqliteTableStore(string path, Telemetry.VpiTelemetry? telemetry = null)
    {
        _telemetry = telemetry;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        CreateSchema();
    }

    public async Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "SELECT data, etag FROM rows WHERE pk = @pk AND rk = @rk",
            ("@pk", TableKey.Encode(partitionKey, nameof(partitionKey))), ("@rk", TableKey.Encode(rowKey, nameof(rowKey))));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StoredRow(partitionKey, rowKey, reader.GetString(0), reader.GetString(1)) : null;
    }

    public Task<StoredRow> InsertAsync(string partitionKey, string rowKey, string data, CancellationToken ct) =>
        WriteOneAsync(partitionKey, new RowOperation.Insert(rowKey, data), ct);

    public Task<StoredRow> UpsertAsync(string partitionKey, string rowKey, string data, CancellationToken ct) =>
        WriteOneAsync(partitionKey, new RowOperation.Upsert(rowKey, data), ct);

    public Task<StoredRow> ReplaceAsync(string partitionKey, string rowKey, string data, string ifMatch, CancellationToken ct) =>
        WriteOneAsync(partitionKey, new RowOperation.Replace(rowKey, data, ifMatch), ct);

    public async Task DeleteAsync(string partitionKey, string rowKey, string ifMatch, CancellationToken ct)
    {
        var pk = TableKey.Encode(partitionKey, nameof(partitionKey));
        await using var connection = await OpenAsync(ct);
        try
        {
            await ExecuteAsync(connection, null, pk, partitionKey, new RowOperation.Delete(rowKey, ifMatch), null, ct);
        }
        catch (ConcurrencyConflictException) when (Lost("delete"))
        {
            throw; // never reached: Lost is false
        }
    }

    /// <summary>Counts a lost conditional write; false, so the exception goes on unchanged.</summary>
    private bool Lost(string operation) => _telemetry?.StorageConflict(operation) ?? false;

    public async Task<RowPage> QueryAsync(string partitionKey, string? rowKeyPrefix, int pageSize, string? continuationToken, CancellationToken ct)
    {
        pageSize = TableLimits.CheckPageSize(pageSize);
        var prefix = TableKey.EncodePrefix(rowKeyPrefix ?? "");
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection,
            // The range [from, until) uses the primary key index; substr() makes the match exact.
            "SELECT rk, data, etag FROM rows WHERE pk = @pk AND rk >= @from AND (@until IS NULL OR rk < @until)" +
            " AND substr(rk, 1, length(@from)) = @from AND (@after IS NULL OR rk > @after) ORDER BY rk LIMIT @limit",
            ("@pk", TableKey.Encode(partitionKey, nameof(partitionKey))), ("@from", prefix),
            ("@after", continuationToken is null ? null : LastRowKeyOf(continuationToken)),
            ("@until", TableKey.PrefixUpperBound(prefix)), ("@limit", pageSize + 1));
        var rows = new List<StoredRow>(pageSize);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var more = false;
        while (await reader.ReadAsync(ct))
        {
            if (rows.Count == pageSize)
            {
                more = true;
                break;
            }
            rows.Add(new StoredRow(partitionKey, TableKey.Decode(reader.GetString(0)), reader.GetString(1), reader.GetString(2)));
        }
        return new RowPage(rows, more ? TokenAfter(TableKey.Encode(rows[^1].RowKey)) : null);
    }

    public async Task<RowPage> ScanAsync(string partitionKeyPrefix, int pageSize, string? continuationToken, CancellationToken ct)
    {
        pageSize = TableLimits.CheckPageSize(pageSize);
        var prefix = TableKey.EncodePrefix(partitionKeyPrefix);
        // The token holds the last (pk, rk) read, encoded, separated by a character no encoded key holds.
        var after = continuationToken is null ? null : LastRowKeyOf(continuationToken).Split('\n');
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection,
            "SELECT pk, rk, data, etag FROM rows WHERE pk >= @from AND (@until IS NULL OR pk < @until)" +
            " AND substr(pk, 1, length(@from)) = @from AND (@afterPk IS NULL OR pk > @afterPk OR (pk = @afterPk AND rk > @afterRk))" +
            " ORDER BY pk, rk LIMIT @limit",
            ("@from", prefix), ("@until", TableKey.PrefixUpperBound(prefix)),
            ("@afterPk", after?[0]), ("@afterRk", after?[1]), ("@limit", pageSize + 1));
        var rows = new List<StoredRow>(pageSize);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var more = false;
        while (await reader.ReadAsync(ct))
        {
            if (rows.Count == pageSize)
            {
                more = true;
                break;
            }
            rows.Add(new StoredRow(TableKey.Decode(reader.GetString(0)), TableKey.Decode(reader.GetString(1)), reader.GetString(2), reader.GetString(3)));
        }
        return new RowPage(rows, more ? TokenAfter(TableKey.Encode(rows[^1].PartitionKey) + "\n" + TableKey.Encode(rows[^1].RowKey)) : null);
    }

    public async Task<IReadOnlyList<StoredRow?>> ExecuteBatchAsync(string partitionKey, IReadOnlyList<RowOperation> operations, CancellationToken ct)
    {
        TableLimits.CheckBatch(operations);
        var pk = TableKey.Encode(partitionKey, nameof(partitionKey));
        await using var connection = await OpenAsync(ct);
        // BEGIN IMMEDIATE: take the write lock first, so the batch never fails half-way on a busy database.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var results = new List<StoredRow?>(operations.Count);
        try
        {
            for (var i = 0; i < operations.Count; i++)
            {
                // A conflict throws; disposing the uncommitted transaction rolls every earlier operation back.
                results.Add(await ExecuteAsync(connection, transaction, pk, partitionKey, operations[i], i, ct));
            }
        }
        catch (ConcurrencyConflictException) when (Lost("batch"))
        {
            throw; // never reached: Lost is false
        }
        await transaction.CommitAsync(ct);
        return results;
    }

    /// <summary>Returns the pooled connections, closing the file (tests reopen the same file).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<StoredRow> WriteOneAsync(string partitionKey, RowOperation operation, CancellationToken ct)
    {
        var pk = TableKey.Encode(partitionKey, nameof(partitionKey));
        await using var connection = await OpenAsync(ct);
        try
        {
            return (await ExecuteAsync(connection, null, pk, partitionKey, operation, null, ct))!;
        }
        catch (ConcurrencyConflictException) when (Lost(operation is RowOperation.Insert ? "insert" : "replace"))
        {
            throw; // never reached: Lost is false
        }
    }

    /// <summary>One write; <see cref="ConcurrencyConflictException"/> when its condition does not hold.</summary>
    private static async Task<StoredRow?> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction,
        string pk, string partitionKey, RowOperation operation, int? index, CancellationToken ct)
    {
        var rk = TableKey.Encode(operation.RowKey, "rowKey");
        var etag = NewETag();
        var (sql, data, ifMatch) = operation switch
        {
            RowOperation.Insert o => ("INSERT INTO rows (pk, rk, data, etag) VALUES (@pk, @rk, @data, @etag)", o.Data, null),
            RowOperation.Upsert o => ("INSERT INTO rows (pk, rk, data, etag) VALUES (@pk, @rk, @data, @etag)" +
                " ON CONFLICT (pk, rk) DO UPDATE SET data = excluded.data, etag = excluded.etag", o.Data, null),
            RowOperation.Replace o => ("UPDATE rows SET data = @data, etag = @etag WHERE pk = @pk AND rk = @rk" +
                " AND (@ifMatch = '*' OR etag = @ifMatch)", o.Data, o.IfMatch),
            RowOperation.Delete o => ("DELETE FROM rows WHERE pk = @pk AND rk = @rk AND (@ifMatch = '*' OR etag = @ifMatch)",
                (string?)null, o.IfMatch),
            _ => throw new ArgumentException($"Unknown operation {operation.GetType().Name}."),
        };
        if (data is not null)
        {
            TableLimits.CheckData(data);
        }
        await using var command = Command(connection, sql,
            ("@pk", pk), ("@rk", rk), ("@data", data), ("@etag", etag), ("@ifMatch", ifMatch));
        command.Transaction = transaction;
        int changed;
        try
        {
            changed = await command.ExecuteNonQueryAsync(ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint && operation is RowOperation.Insert)
        {
            throw new ConcurrencyConflictException($"Row '{partitionKey}'/'{operation.RowKey}' already exists.", index);
        }
        if (changed == 0)
        {
            throw new ConcurrencyConflictException(
                $"Row '{partitionKey}'/'{operation.RowKey}' is missing or was changed (If-Match {ifMatch}).", index);
        }
        return data is null ? null : new StoredRow(partitionKey, operation.RowKey, data, etag);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var pragmas = Command(connection, OpenPragmas);
            await pragmas.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void CreateSchema()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // journal_mode=WAL is stored in the file; the rest is per connection (see OpenAsync).
        using var command = Command(connection, OpenPragmas + " PRAGMA journal_mode = WAL;" +
            " CREATE TABLE IF NOT EXISTS rows (pk TEXT NOT NULL, rk TEXT NOT NULL, data TEXT NOT NULL," +
            " etag TEXT NOT NULL, PRIMARY KEY (pk, rk)) WITHOUT ROWID;");
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    /// <summary>A fresh random version per write, in Azure's weak-ETag shape; random, so a deleted and
    /// re-created row never matches an old ETag.</summary>
    private static string NewETag() => $"W/\"{Guid.NewGuid():N}\"";

    private static string TokenAfter(string encodedRowKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(encodedRowKey));

    private static string LastRowKeyOf(string continuationToken)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(continuationToken));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("Not a continuation token of this store.", nameof(continuationToken), e);
        }
    }
}
