using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Infra;

/// <summary>
/// The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (VpiBot.Tests.csproj references it, so
/// `dotnet restore` brings it into the NuGet cache; nothing is downloaded at test time). Its path comes from the
/// package's GeneratePathProperty folder, written into this assembly's metadata at build time.
/// </summary>
public static class BicepCli
{
    public static string MainTemplate => Path.Combine(RepoRoot.Path, "infra", "main.bicep");

    private static readonly Lazy<string> Executable = new(Find);
    private static readonly Lazy<JsonObject> CompiledMain = new(() => BuildJson(MainTemplate));

    /// <summary>infra/main.bicep compiled once per test run (a fresh copy each call, so tests may change it).</summary>
    public static JsonObject CompileMain() => (JsonObject)CompiledMain.Value.DeepClone();

    public static (int ExitCode, string StdOut, string StdErr) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable.Value}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took over 2 minutes.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Compiles a Bicep file to ARM JSON; any diagnostic (warning or error) fails.</summary>
    public static JsonObject BuildJson(string bicepFile)
    {
        var (exitCode, stdout, stderr) = Run("build", bicepFile, "--stdout");
        if (exitCode != 0 || stderr.Trim().Length > 0)
        {
            throw new InvalidOperationException($"bicep build {bicepFile} exited {exitCode}:\n{stderr}");
        }
        return JsonNode.Parse(stdout)?.AsObject() ?? throw new InvalidOperationException("bicep build wrote nothing.");
    }

    private static string Find()
    {
        var packageFolder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPackageFolder")?.Value;
        if (string.IsNullOrEmpty(packageFolder))
        {
            throw new InvalidOperationException("The test assembly does not know where the Azure.Bicep.CommandLine.linux-x64 package is (VpiBot.Tests.csproj).");
        }
        var path = Path.Combine(packageFolder, "tools", "bicep");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run `dotnet restore VpiBot.sln`.");
        }
        // NuGet does not always keep the executable bit of a file in a package. (The package is for Linux x64 only.)
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The infra tests run the linux-x64 Bicep CLI.");
        }
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }
        return path;
    }
}
