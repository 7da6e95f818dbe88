using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Tests.Storage;

public sealed class StorageServicesTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "vpibot-root-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Sqlite_is_the_default_with_its_file_under_the_content_root()
    {
        using var services = Build([]);

        var store = services.GetRequiredService<ITableStore>();

        Assert.IsType<SqliteTableStore>(store);
        Assert.True(File.Exists(Path.Combine(_contentRoot, "data", "vpibot.db")));
    }

    [Fact]
    public void The_sqlite_path_is_configurable()
    {
        using var services = Build(new() { ["Storage:Provider"] = "Sqlite", ["Storage:Sqlite:Path"] = "elsewhere/my.db" });

        services.GetRequiredService<ITableStore>();

        Assert.True(File.Exists(Path.Combine(_contentRoot, "elsewhere", "my.db")));
    }

    [Fact]
    public void AzureTables_takes_a_connection_string_or_a_service_uri()
    {
        using var withConnectionString = Build(new()
        {
            ["Storage:Provider"] = "AzureTables",
            ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
        });
        using var withUri = Build(new() { ["Storage:Provider"] = "AzureTables", ["Storage:TableServiceUri"] = "https://account.table.core.windows.net/" });

        Assert.IsType<AzureTableStore>(withConnectionString.GetRequiredService<ITableStore>());
        Assert.IsType<AzureTableStore>(withUri.GetRequiredService<ITableStore>());
    }

    [Fact]
    public void AzureTables_without_an_account_fails_at_startup()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Storage:Provider"] = "AzureTables" }));

        Assert.Contains("Storage:ConnectionString", refused.Message);
    }

    [Fact]
    public void An_unknown_provider_fails_at_startup()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Storage:Provider"] = "Cosmos" }));

        Assert.Contains("'Cosmos'", refused.Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_contentRoot))
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddVpiStorage(configuration, new Environment(_contentRoot)).BuildServiceProvider();
    }

    private sealed class Environment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "VpiBot";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
