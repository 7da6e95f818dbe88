using Azure.Data.Tables;
using VpiBot.Storage.Tables;

namespace VpiBot.Tests.Storage;

/// <summary>One Azurite for every test of the collection; started here, killed at the end.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => (_azurite ?? throw new InvalidOperationException("Azurite is not running.")).ConnectionString;

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync(TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>The contract on Azure Table Storage, as Azurite emulates it (one table, a partition per test).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableStoreTests(AzuriteFixture azurite) : TableStoreContract
{
    private readonly AzureTableStore _store = new(new TableServiceClient(azurite.ConnectionString), "contract");

    protected override ITableStore Store => _store;

    /// <summary>
    /// Azurite refuses update bodies over 1 MiB of JSON, and byte arrays travel as base64 (4/3 the size), so the emulator
    /// keeps ~780 KB where Azure itself keeps <see cref="TableLimits.MaxDataBytes"/> (Azure counts stored bytes).
    /// </summary>
    protected override int LargestDocumentBytes => 760 * 1024;

    [Fact]
    public async Task The_table_is_created_when_missing()
    {
        var store = new AzureTableStore(new TableServiceClient(azurite.ConnectionString), "fresh" + Guid.NewGuid().ToString("N")[..8]);

        await store.InsertAsync(Pk, "r1", "x", Ct);

        Assert.Equal("x", (await store.GetAsync(Pk, "r1", Ct))!.Data);
    }

    [Fact]
    public async Task A_document_is_stored_as_64_KiB_byte_array_chunks()
    {
        await Store.InsertAsync(Pk, "big", LargeDocument(200 * 1024), Ct);
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("contract");

        var entity = (await table.GetEntityAsync<TableEntity>(Pk, "big")).Value;

        Assert.Equal([65536, 65536, 65536, 8192], Enumerable.Range(0, 4).Select(i => entity.GetBinary($"D{i}").Length));
        Assert.False(entity.ContainsKey("D4"));
    }
}
