using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VpiBot.Telemetry;

namespace VpiBot.Tests.Telemetry;

/// <summary>
/// The measurements of one app's <see cref="VpiTelemetry"/> meter (several apps share the test process, so it listens
/// to that meter object only), summed by instrument and tags.
/// </summary>
public sealed class Measurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _seen = new();

    public Measurements(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => _seen.Enqueue((i.Name, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => _seen.Enqueue((i.Name, value, tags.ToArray())));
        _listener.Start();
    }

    public static Measurements Of(IServiceProvider services) => new(services.GetRequiredService<VpiTelemetry>().Meter);

    /// <summary>Reads the observable gauges now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    /// <summary>How many measurements of <paramref name="instrument"/> carry every one of <paramref name="tags"/> (values compared as text).</summary>
    public int Count(string instrument, params (string Key, object Value)[] tags) => Matching(instrument, tags).Count();

    public double Sum(string instrument, params (string Key, object Value)[] tags) => Matching(instrument, tags).Sum(m => m.Value);

    public IEnumerable<KeyValuePair<string, object?>[]> TagsOf(string instrument) => _seen.Where(m => m.Instrument == instrument).Select(m => m.Tags);

    public double? Last(string instrument) => _seen.LastOrDefault(m => m.Instrument == instrument) is { Instrument: not null } m ? m.Value : null;

    private IEnumerable<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Matching(string instrument, (string Key, object Value)[] tags) =>
        _seen.Where(m => m.Instrument == instrument
            && tags.All(t => m.Tags.Any(kv => kv.Key == t.Key && Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture))));

    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// Everything the app's OpenTelemetry pipeline exports — spans, metric points, log records — turned into text as it is
/// exported (records are pooled), so a test can search it. Added to the app as an exporter would be, after the app's
/// own configuration (<see cref="TelemetryServices.AddVpiTelemetry"/>), which thus applies to it.
/// </summary>
public sealed class ExportedTelemetry
{
    public ConcurrentQueue<string> Spans { get; } = new();
    public ConcurrentQueue<string> SpanNames { get; } = new();
    public ConcurrentQueue<string> Metrics { get; } = new();
    public ConcurrentQueue<string> Logs { get; } = new();

    public IEnumerable<string> All => Spans.Concat(Metrics).Concat(Logs);

    public void AddTo(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .WithTracing(t => t.AddProcessor(new SimpleActivityExportProcessor(new Exporter<Activity>(batch =>
            {
                foreach (var span in batch)
                {
                    SpanNames.Enqueue(span.DisplayName);
                    Spans.Enqueue(Describe(span));
                }
            }))))
            .WithMetrics(m => m.AddReader(new BaseExportingMetricReader(new Exporter<Metric>(batch =>
            {
                foreach (var metric in batch)
                {
                    foreach (ref readonly var point in metric.GetMetricPoints())
                    {
                        var text = $"{metric.Name} {metric.Description} {metric.Unit}";
                        foreach (var tag in point.Tags)
                        {
                            text += $" {tag.Key}={tag.Value}";
                        }
                        Metrics.Enqueue(text);
                    }
                }
            }))))
            .WithLogging(l => l.AddProcessor(new SimpleLogRecordExportProcessor(new Exporter<LogRecord>(batch =>
            {
                foreach (var log in batch)
                {
                    var text = $"{log.CategoryName} {log.EventId.Name} {log.FormattedMessage} {log.Body} {log.Exception}";
                    foreach (var attribute in log.Attributes ?? [])
                    {
                        text += $" {attribute.Key}={attribute.Value}";
                    }
                    Logs.Enqueue(text);
                }
            }))));

    /// <summary>Flushes every provider of the app (metrics are collected now).</summary>
    public static void Flush(IServiceProvider services)
    {
        services.GetRequiredService<TracerProvider>().ForceFlush();
        services.GetRequiredService<MeterProvider>().ForceFlush();
        services.GetRequiredService<LoggerProvider>().ForceFlush();
    }

    private static string Describe(Activity span)
    {
        var text = $"{span.DisplayName} {span.OperationName} {span.StatusDescription}";
        foreach (var tag in span.TagObjects)
        {
            text += $" {tag.Key}={tag.Value}";
        }
        foreach (var e in span.Events)
        {
            text += $" event {e.Name}";
            foreach (var tag in e.Tags)
            {
                text += $" {tag.Key}={tag.Value}";
            }
        }
        foreach (var (key, value) in span.Baggage)
        {
            text += $" baggage {key}={value}";
        }
        return text;
    }

    private sealed class Exporter<T>(Action<Batch<T>> export) : BaseExporter<T> where T : class
    {
        public override ExportResult Export(in Batch<T> batch)
        {
            export(batch);
            return ExportResult.Success;
        }
    }
}
