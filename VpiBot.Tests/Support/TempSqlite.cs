using System.Collections.Concurrent;

namespace VpiBot.Tests.Support;

/// <summary>
/// SQLite files for tests, in the temp folder, deleted when the test run ends (with their WAL and shared-memory
/// files), so that runs do not leave thousands of them behind. Kept until then: a test may restart an app on its file.
/// </summary>
public static class TempSqlite
{
    private static readonly ConcurrentBag<string> Created = [];

    static TempSqlite() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();

    public static string NewPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "vpibot-tests", Guid.NewGuid().ToString("N") + ".db");
        Created.Add(path);
        return path;
    }

    private static void DeleteAll()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Created.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
