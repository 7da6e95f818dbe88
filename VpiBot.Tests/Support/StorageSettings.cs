namespace VpiBot.Tests.Support;

/// <summary>The app's settings for each store the same tests run on: a fresh SQLite file, or a fresh table in Azurite.</summary>
public static class StorageSettings
{
    public static Dictionary<string, string?> Sqlite() => new() { ["Storage:Sqlite:Path"] = TempSqlite.NewPath() };

    public static Dictionary<string, string?> Azurite(VpiBot.Tests.Storage.AzuriteFixture azurite) => Azurite(azurite.ConnectionString);

    public static Dictionary<string, string?> Azurite(string connectionString) => new()
    {
        ["Storage:Provider"] = "AzureTables",
        ["Storage:ConnectionString"] = connectionString,
        ["Storage:TableName"] = "vpi" + Guid.NewGuid().ToString("N")[..12],
    };
}
