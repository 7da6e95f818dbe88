namespace VpiBot.Tests.Support;

/// <summary>The repository root (the folder with VpiBot.sln), found by walking up from the test binaries.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "VpiBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No VpiBot.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>A file of an npm package installed at the repo root; fails clearly when <c>npm ci</c> was not run.</summary>
    public static string NodeModule(string package, params string[] file)
    {
        var path = System.IO.Path.Combine([Path, "node_modules", package, .. file]);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: run `npm ci` in {Path} (package.json pins {package}).");
    }
}
