using System.Diagnostics;
using System.Net.Http.Headers;

namespace VpiBot.Bench;

public enum Scenario { HealthCheck, HelpMessage, Vote, TaskUpdate, Question }

/// <summary>
/// What a run sends: each request's body (from its activity id, the worker and the worker's request count), and the check
/// of a 200 answer's text (null if it is as expected, otherwise what is wrong: counted as an error), and optionally what
/// the worker learns from every 200 answer before it sends its next request (the worker, the answer's text), such as the
/// revision a card now shows.
/// </summary>
public sealed record Workload(Func<string, int, long, byte[]> Body, Func<string, string?> Check, Action<int, string>? Answered = null);

public sealed record RunResult(Scenario Scenario, int Concurrency, long Ok, long Errors, double Seconds, double P50Ms, double P99Ms, double MaxMs,
    long? Replies, TimeSpan BotCpu, string? FirstError)
{
    public double RequestsPerSecond => Ok / Seconds;
    /// <summary>Bot process CPU per measured request, in microseconds (both cores count).</summary>
    public double BotCpuMicrosPerRequest => BotCpu.TotalMicroseconds / Math.Max(1, Ok + Errors);
}

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each send one activity, wait for the answer, send the next.
/// Warm-up requests are sent but not counted; the measured window is fixed, so every run ends by itself.
/// </summary>
public sealed class LoadDriver(HttpClient http, string messagesUrl, FakeConnector connector, Func<TimeSpan> botCpuTime)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public Task<RunResult> RunAsync(Scenario scenario, int concurrency, TimeSpan warmup, TimeSpan duration, CancellationToken ct) =>
        RunAsync(scenario, concurrency, warmup, duration, scenario switch
        {
            Scenario.HealthCheck => new Workload((id, worker, _) => Activities.HealthCheck(connector.ServiceUrl, id, worker),
                text => text.Contains("\"healthResults\"", StringComparison.Ordinal) ? null : $"unexpected healthCheck answer: {text}"),
            Scenario.HelpMessage => new Workload((id, worker, _) => Activities.HelpMessage(connector.ServiceUrl, id, worker), _ => null),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "needs its workload"),
        }, ct);

    public async Task<RunResult> RunAsync(Scenario scenario, int concurrency, TimeSpan warmup, TimeSpan duration, Workload workload, CancellationToken ct)
    {
        connector.ResetMeasuredReplies();
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureUntil = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency)
            .Select(w => Task.Run(() => WorkerAsync(scenario, workload, concurrency, w, measureFrom, measureUntil, ct), ct))
            .ToArray();
        await Task.Delay(warmup, ct);
        var cpuAtStart = botCpuTime();
        var results = await Task.WhenAll(workers);
        var botCpu = botCpuTime() - cpuAtStart;

        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var lastDone = results.Max(r => r.LastDone);
        var seconds = (Math.Max(lastDone, measureUntil) - measureFrom) / (double)Stopwatch.Frequency;
        return new RunResult(
            scenario, concurrency,
            Ok: latencies.Length,
            Errors: results.Sum(r => r.Errors),
            Seconds: seconds,
            P50Ms: Percentile(latencies, 0.50),
            P99Ms: Percentile(latencies, 0.99),
            MaxMs: latencies.Length == 0 ? double.NaN : Ms(latencies[^1]),
            Replies: scenario is Scenario.HelpMessage or Scenario.Question ? connector.MeasuredReplies : null,
            BotCpu: botCpu,
            FirstError: results.Select(r => r.FirstError).FirstOrDefault(e => e is not null));
    }

    private sealed record WorkerResult(List<long> Latencies, long Errors, long LastDone, string? FirstError);

    private async Task<WorkerResult> WorkerAsync(Scenario scenario, Workload workload, int concurrency, int worker, long measureFrom, long measureUntil, CancellationToken ct)
    {
        var latencies = new List<long>(capacity: 64 * 1024);
        long errors = 0, lastDone = 0, n = 0;
        string? firstError = null;
        for (var now = Stopwatch.GetTimestamp(); now < measureUntil && !ct.IsCancellationRequested; now = Stopwatch.GetTimestamp())
        {
            var measured = now >= measureFrom;
            var id = $"{(measured ? Activities.MeasuredPrefix : "w-")}{scenario}-{concurrency}-{worker}-{n}";
            var body = workload.Body(id, worker, n++);

            var started = Stopwatch.GetTimestamp();
            var error = await SendAsync(workload, worker, body, ct);
            var done = Stopwatch.GetTimestamp();
            if (!measured)
            {
                continue;
            }
            lastDone = done;
            if (error is null)
            {
                latencies.Add(done - started);
            }
            else
            {
                errors++;
                firstError ??= error;
            }
        }
        return new WorkerResult(latencies, errors, lastDone, firstError);
    }

    /// <summary>Sends one activity; returns null if the bot answered as expected, otherwise what went wrong.</summary>
    private async Task<string?> SendAsync(Workload workload, int worker, byte[] body, CancellationToken ct)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await http.PostAsync(messagesUrl, content, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}: {text}";
            }
            workload.Answered?.Invoke(worker, text);
            return workload.Check(text);
        }
        catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !ct.IsCancellationRequested)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Ms(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
