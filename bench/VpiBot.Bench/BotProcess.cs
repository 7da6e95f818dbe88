using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VpiBot.Bench;

/// <summary>
/// The real VpiBot, run as a child process (<c>dotnet VpiBot.dll</c>) in the Development environment with no
/// MicrosoftAppId, so it accepts activities without a JWT. Kestrel picks a free port on 127.0.0.1 and the
/// driver reads it from the startup log line. Its peak memory is read from /proc/{pid}/status.
/// </summary>
public sealed partial class BotProcess : IDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public int Id => _process.Id;

    /// <param name="environment">Extra environment variables (configuration), e.g. <c>Storage__Sqlite__Path</c>.</param>
    public static async Task<BotProcess> StartAsync(string botDll, TimeSpan startupTimeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(botDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(botDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["MicrosoftAppId"] = "";                      // anonymous: no JWT on /api/messages
        start.Environment["Logging__LogLevel__Default"] = "Warning";   // so logging does not dominate the profile
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information"; // "Now listening on: …"
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningOn().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"[bot] {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(startupTimeout));
        if (first != listening.Task)
        {
            var why = first == exited ? $"exited with code {process.ExitCode}" : $"did not start within {startupTimeout.TotalSeconds:0} s";
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            process.Dispose();
            throw new InvalidOperationException($"VpiBot {why}");
        }
        return new BotProcess(process, listening.Task.Result.TrimEnd('/'));
    }

    /// <summary>A field of /proc/{pid}/status in MB (e.g. VmHWM = peak resident set, VmRSS = current), or null off Linux.</summary>
    public double? MemoryMb(string field)
    {
        var path = $"/proc/{_process.Id}/status";
        if (!File.Exists(path))
        {
            return null;
        }
        foreach (var line in File.ReadLines(path))
        {
            // e.g. "VmHWM:	  123456 kB"
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kb = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }
        return null;
    }

    /// <summary>CPU time (user + kernel) the bot has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
