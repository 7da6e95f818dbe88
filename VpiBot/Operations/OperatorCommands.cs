using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Operations;

/// <summary>
/// The operators' command-line verbs, run before the web host starts, on the store the app is configured with
/// (appsettings, <c>appsettings.{Environment}.json</c>, environment variables such as <c>Storage__Provider</c>):
/// <code>
/// dotnet run --project VpiBot -- export (--vpi ID | --all) --out FILE
/// dotnet run --project VpiBot -- import --in FILE [--replace]
/// dotnet run --project VpiBot -- erase-person --aad-object-id ID
/// </code>
/// </summary>
public static class OperatorCommands
{
    private const string Usage =
        "Usage: dotnet run --project VpiBot -- <command>\n" +
        "  export (--vpi <id> [--vpi <id> …] | --all) --out <file.json>   every row of the VPIs, as JSON\n" +
        "  import --in <file.json> [--replace]                          restore an export (--replace: overwrite VPIs already there)\n" +
        "  erase-person --aad-object-id <id>                            remove a person's name, e-mail and text; keep their votes counted\n" +
        "The store is the app's own (Storage:* settings, e.g. Storage__Provider=AzureTables Storage__ConnectionString=...).";

    private static readonly string[] Verbs = ["export", "import", "erase-person"];

    /// <summary>False (exit code 0) when <paramref name="args"/> is not one of the verbs, so the web app starts.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || !Verbs.Contains(args[0]))
        {
            return false;
        }
        var parsed = Parse(args, Console.Error);
        if (parsed is null)
        {
            exitCode = 2;
            return true;
        }
        using var services = StoreServices();
        exitCode = RunAsync(parsed, services.GetRequiredService<ITableStore>(), Console.Out, Console.Error, TimeProvider.System, CancellationToken.None)
            .GetAwaiter().GetResult();
        return true;
    }

    /// <summary>The app's configuration sources and storage, without the web app: as <c>WebApplication.CreateBuilder</c> finds them.</summary>
    private static ServiceProvider StoreServices()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
            ContentRootPath = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) ? null : AppContext.BaseDirectory,
        });
        var services = new ServiceCollection();
        services.AddVpiStorage(builder.Configuration, builder.Environment);
        return services.BuildServiceProvider();
    }

    /// <summary>A command line understood: the verb and its options.</summary>
    internal sealed record Command(string Verb, IReadOnlyList<string> Vpis, bool All, string? Out, string? In, bool Replace, string? AadObjectId);

    internal static Command? Parse(string[] args, TextWriter error)
    {
        var vpis = new List<string>();
        bool all = false, replace = false;
        string? outPath = null, inPath = null, aad = null;
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--all") { all = true; continue; }
            if (name is "--replace") { replace = true; continue; }
            if (name is not ("--vpi" or "--out" or "--in" or "--aad-object-id") || i + 1 >= args.Length)
            {
                return Fail(error, name is "--vpi" or "--out" or "--in" or "--aad-object-id" ? $"Missing value for {name}." : $"Unknown option '{name}'.");
            }
            var value = args[++i];
            switch (name)
            {
                case "--vpi": vpis.Add(value); break;
                case "--out": outPath = value; break;
                case "--in": inPath = value; break;
                default: aad = value; break;
            }
        }
        var command = new Command(args[0], vpis, all, outPath, inPath, replace, aad);
        var problem = command switch
        {
            { Verb: "export", Vpis.Count: 0, All: false } => "export needs --vpi <id> or --all.",
            { Verb: "export", Vpis.Count: > 0, All: true } => "export takes --vpi or --all, not both.",
            { Verb: "export", Out: null } => "export needs --out <file>.",
            { Verb: "import", In: null } => "import needs --in <file>.",
            { Verb: "erase-person", AadObjectId: null or "" } => "erase-person needs --aad-object-id <id>.",
            _ when command.Verb != "export" && (command.All || command.Vpis.Count > 0 || command.Out is not null) => "--vpi, --all and --out belong to export.",
            _ when command.Verb != "import" && (command.In is not null || command.Replace) => "--in and --replace belong to import.",
            _ when command.Verb != "erase-person" && command.AadObjectId is not null => "--aad-object-id belongs to erase-person.",
            _ => null,
        };
        return problem is null ? command : Fail(error, problem);
    }

    private static Command? Fail(TextWriter error, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine(Usage);
        return null;
    }

    internal static async Task<int> RunAsync(Command command, ITableStore table, TextWriter output, TextWriter error, TimeProvider time, CancellationToken ct)
    {
        try
        {
            switch (command.Verb)
            {
                case "export":
                {
                    var document = await VpiExport.ExportAsync(table, command.All ? null : command.Vpis, time.GetUtcNow(), ct);
                    var path = Path.GetFullPath(command.Out!);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await File.WriteAllTextAsync(path, document.ToJson(), ct);
                    output.WriteLine($"Exported {document.Vpis.Count} VPI(s) ({string.Join(", ", document.Vpis)}), {document.Rows.Count} rows, to {path}");
                    return 0;
                }
                case "import":
                {
                    var document = VpiExportDocument.FromJson(await File.ReadAllTextAsync(command.In!, ct));
                    var result = await VpiImport.ImportAsync(table, document, command.Replace, ct);
                    if (result.Refused.Count > 0)
                    {
                        error.WriteLine($"Nothing imported: VPI {string.Join(", ", result.Refused)} already in this store. Use --replace to overwrite.");
                        return 1;
                    }
                    foreach (var vpi in result.Vpis)
                    {
                        output.WriteLine($"{(vpi.Replaced ? "Replaced" : "Imported")} VPI {vpi.VpiId}: {vpi.PartitionRows} rows in its partition.");
                    }
                    output.WriteLine($"Wrote {result.SharedRows} rows outside the VPIs' partitions (bindings, markers, membership index, people's settings and conversation references).");
                    return 0;
                }
                default:
                {
                    var report = await PersonEraser.EraseAsync(table, command.AadObjectId!, ct);
                    output.WriteLine($"Erased {command.AadObjectId}; their decisions and votes now count as {report.Pseudonym} (\"{Erasure.FormerMember}\").");
                    foreach (var (kind, count) in report.Counts)
                    {
                        output.WriteLine($"  {kind}: {count}");
                    }
                    if (report.Counts.Count == 0)
                    {
                        output.WriteLine("  nothing stored named them.");
                    }
                    foreach (var row in report.StillMentioning)
                    {
                        output.WriteLine($"  still names them (someone else's text; check by hand): {row}");
                    }
                    return 0;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException
            or KeyNotFoundException or ConcurrencyConflictException)
        {
            error.WriteLine($"{command.Verb} failed: {e.Message}");
            return 1;
        }
    }
}
