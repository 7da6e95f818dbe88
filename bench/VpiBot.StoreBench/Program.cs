using System.Diagnostics;
using Azure.Data.Tables;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Storage;

// Store load loop: operations per second and latency percentiles of ITableStore on SQLite (temp file) and Azurite
// (started here, in memory). Closed loop: N workers each issue the next operation when the last one answered.
// Usage: dotnet run -c Release --project bench/VpiBot.StoreBench [-- --duration 5 --warmup 1 --concurrency 1,16]

var duration = TimeSpan.FromSeconds(double.Parse(Option("--duration", "5")));
var warmup = TimeSpan.FromSeconds(double.Parse(Option("--warmup", "1")));
var concurrencies = Option("--concurrency", "1,16").Split(',').Select(int.Parse).ToArray();

Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; warm-up {warmup.TotalSeconds} s, measure {duration.TotalSeconds} s");
Console.WriteLine($"{"backend",-8} {"scenario",-22} {"conc",4} {"ops/s",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"errors",6}");

var folder = Path.Combine(Path.GetTempPath(), "vpibot-storebench-" + Guid.NewGuid().ToString("N"));
using (var sqlite = new SqliteTableStore(Path.Combine(folder, "bench.db")))
{
    await RunAllAsync("sqlite", sqlite);
}
Directory.Delete(folder, recursive: true);

await using (var azurite = await AzuriteProcess.StartAsync(TimeSpan.FromSeconds(60)))
{
    await RunAllAsync("azurite", new AzureTableStore(new TableServiceClient(azurite.ConnectionString), "bench"));
}

async Task RunAllAsync(string backend, ITableStore store)
{
    var document = "{\"text\":\"" + new string('x', 1000) + "\"}";
    await FillAsync(store, "read", 1000, document);
    await FillAsync(store, "query", 500, document);
    foreach (var concurrency in concurrencies)
    {
        var etags = new string[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            etags[w] = (await store.UpsertAsync("replace", $"w{w}", document, default)).ETag;
        }
        await MeasureAsync(backend, "point read", concurrency, (_, n) =>
            store.GetAsync("read", $"r{n % 1000:D4}", default));
        await MeasureAsync(backend, "upsert", concurrency, (w, n) =>
            store.UpsertAsync("upsert", $"w{w}-{n % 1000:D4}", document, default));
        await MeasureAsync(backend, "conditional replace", concurrency, async (w, _) =>
            etags[w] = (await store.ReplaceAsync("replace", $"w{w}", document, etags[w], default)).ETag);
        await MeasureAsync(backend, "query 500 rows", concurrency, async (_, _) =>
        {
            var page = await store.QueryAsync("query", null, 1000, null, default);
            if (page.Rows.Count != 500 || page.ContinuationToken is not null)
            {
                throw new InvalidOperationException($"query returned {page.Rows.Count} rows");
            }
        });
    }
}

static async Task FillAsync(ITableStore store, string partition, int rows, string document)
{
    foreach (var chunk in Enumerable.Range(0, rows).Chunk(TableLimits.MaxBatchOperations))
    {
        await store.ExecuteBatchAsync(partition, chunk.Select(n => (RowOperation)new RowOperation.Upsert($"r{n:D4}", document)).ToList(), default);
    }
}

async Task MeasureAsync(string backend, string scenario, int concurrency, Func<int, int, Task> operation)
{
    var errors = 0;
    var latencies = new List<double>[concurrency];
    var start = Stopwatch.GetTimestamp();
    var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
    var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        latencies[worker] = [];
        for (var n = 0; ; n++)
        {
            var before = Stopwatch.GetTimestamp();
            if (before >= end)
            {
                return;
            }
            try
            {
                await operation(worker, n);
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref errors) == 1)
                {
                    Console.Error.WriteLine($"{backend} {scenario}: {e.GetType().Name}: {e.Message}");
                }
            }
            if (before >= measureFrom)
            {
                latencies[worker].Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
            }
        }
    })));
    var all = latencies.SelectMany(list => list).Order().ToArray();
    double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
    Console.WriteLine($"{backend,-8} {scenario,-22} {concurrency,4} {all.Length / duration.TotalSeconds,10:N0} {Percentile(0.50),8:F2} {Percentile(0.99),8:F2} {all.LastOrDefault(),8:F2} {errors,6}");
}

string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
