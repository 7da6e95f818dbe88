using VpiBot.Storage.Tables;

namespace VpiBot.Tests.Storage;

/// <summary>The contract on SQLite, a fresh file per test, plus what only a file store has: restarts.</summary>
public sealed class SqliteTableStoreTests : TableStoreContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vpibot-sqlite-" + Guid.NewGuid().ToString("N"));
    private SqliteTableStore _store;

    public SqliteTableStoreTests() => _store = new SqliteTableStore(DatabasePath);

    protected override ITableStore Store => _store;

    private string DatabasePath => Path.Combine(_folder, "nested", "test.db");

    [Fact]
    public async Task Rows_survive_a_restart_on_the_same_file()
    {
        var row = await Store.InsertAsync(Pk, "kept", "data", Ct);
        await Store.ExecuteBatchAsync(Pk, [new RowOperation.Insert("batched", "b")], Ct);

        _store.Dispose();
        _store = new SqliteTableStore(DatabasePath);

        Assert.Equal(row, await Store.GetAsync(Pk, "kept", Ct));
        Assert.Equal(["batched", "kept"], (await Store.QueryAsync(Pk, null, 10, null, Ct)).Rows.Select(r => r.RowKey));
        await Store.ReplaceAsync(Pk, "kept", "again", row.ETag, Ct);
    }

    [Fact]
    public void The_file_is_in_WAL_mode_with_a_WITHOUT_ROWID_table()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'rows'";
        Assert.Contains("WITHOUT ROWID", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task A_continuation_token_from_elsewhere_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.QueryAsync(Pk, null, 10, "not base64 !!", Ct));
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
