using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Storage;

/// <summary>
/// Azurite's table service (the local Azure Table Storage emulator, npm package <c>azurite</c>, pinned in the repo's
/// package.json) as a child process on 127.0.0.1 and a free port, in memory. Needs <c>npm ci</c> at the repo root
/// first. Shared by the tests and bench/VpiBot.StoreBench.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (https://learn.microsoft.com/azure/storage/common/storage-use-azurite#http-connection-strings).</summary>
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static async Task<AzuriteProcess> StartAsync(TimeSpan timeout)
    {
        var entryPoint = FindEntryPoint();
        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                entryPoint, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), "--inMemoryPersistence",
                "--disableTelemetry", "--skipApiVersionCheck", "--silent",
            },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, port);
        try
        {
            await WaitUntilListeningAsync(process, port, timeout, output);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>node_modules/azurite at the repo root; fails clearly when <c>npm ci</c> was not run.</summary>
    private static string FindEntryPoint() => RepoRoot.NodeModule("azurite", "dist", "src", "table", "main.js");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilListeningAsync(Process process, int port, TimeSpan timeout, IEnumerable<string> output)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with {process.ExitCode}: {string.Join('\n', output)}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{port} within {timeout}: {string.Join('\n', output)}");
    }
}
