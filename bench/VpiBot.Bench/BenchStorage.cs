namespace VpiBot.Bench;

/// <summary>
/// Where one bot run keeps its data, as its settings (environment variables): a fresh SQLite file in the temp folder
/// (deleted after the run), or a fresh table on Azurite (which dies with the driver: it keeps its tables in memory).
/// </summary>
public sealed class BenchStorage : IDisposable
{
    private readonly string? _file;

    private BenchStorage(string name, Dictionary<string, string> settings, string? file)
    {
        Name = name;
        Settings = settings;
        _file = file;
    }

    /// <summary>"sqlite" or "azurite".</summary>
    public string Name { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public static BenchStorage Sqlite(string tag)
    {
        var file = Path.Combine(Path.GetTempPath(), $"vpibot-bench-{Environment.ProcessId}-{tag}-{Guid.NewGuid():N}.db");
        return new("sqlite", new() { ["Storage__Provider"] = "Sqlite", ["Storage__Sqlite__Path"] = file }, file);
    }

    public static BenchStorage Azurite(string connectionString) => new("azurite", new()
    {
        ["Storage__Provider"] = "AzureTables",
        ["Storage__ConnectionString"] = connectionString,
        ["Storage__TableName"] = "bench" + Guid.NewGuid().ToString("N")[..10],
    }, null);

    /// <summary>These settings, and each team's facilitator configured (<c>Vpi__Facilitators__{i}</c>).</summary>
    public Dictionary<string, string> BotEnvironment(IReadOnlyList<BenchTeam> teams)
    {
        var environment = new Dictionary<string, string>(Settings);
        for (var i = 0; i < teams.Count; i++)
        {
            environment[$"Vpi__Facilitators__{i}"] = teams[i].Facilitator.AadObjectId;
        }
        return environment;
    }

    public void Dispose()
    {
        if (_file is null)
        {
            return;
        }
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm", _file + "-journal" })
        {
            try { File.Delete(file); } catch (IOException) { }
        }
    }
}
