using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace VpiBot.Telemetry;

/// <summary>
/// The OpenTelemetry pipeline: traces, metrics and logs, exported to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, to OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is (both when
/// both are), and nowhere otherwise: then no OpenTelemetry provider is even created, nothing reaches out.
/// What is recorded is configured here whichever exporter takes it (the tests add an in-memory one).
/// </summary>
public static class TelemetryServices
{
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Log categories whose informational records quote request URIs.</summary>
    private static readonly string[] QuotingUrls = ["System.Net.Http.HttpClient", "Azure.Core", "Azure-Core", "Azure.Identity", "Azure-Identity"];

    public static IServiceCollection AddVpiTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVpiInstruments();
        var azureMonitor = configuration[AzureMonitorSetting];
        var withAzureMonitor = !string.IsNullOrWhiteSpace(azureMonitor);
        var withOtlp = !string.IsNullOrWhiteSpace(configuration[OtlpSetting]);

        // What is recorded. The Azure Monitor distro brings the ASP.NET Core and HttpClient instrumentation itself.
        services.ConfigureOpenTelemetryTracerProvider(tracing =>
        {
            tracing.AddSource(VpiTelemetry.Name).AddProcessor(new UrlRedaction());
            if (!withAzureMonitor)
            {
                tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
            }
        });
        services.ConfigureOpenTelemetryMeterProvider(metrics =>
        {
            metrics.AddMeter(VpiTelemetry.Name);
            if (!withAzureMonitor)
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
            }
        });
        services.Configure<OpenTelemetryLoggerOptions>(logs =>
        {
            logs.IncludeFormattedMessage = true; // our messages hold no user text (tested)
            logs.IncludeScopes = false;          // request scopes carry request paths and ids of no use here
        });
        // HttpClient's own logs, and the Azure SDK's (which the Azure Monitor distro forwards), quote request URIs:
        // conversation and member ids in Connector paths, row keys in Table Storage paths. Only their warnings are exported.
        services.AddLogging(logging =>
        {
            foreach (var category in QuotingUrls)
            {
                logging.AddFilter<OpenTelemetryLoggerProvider>(category, LogLevel.Warning);
            }
        });

        if (!withAzureMonitor && !withOtlp)
        {
            return services;
        }
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(VpiTelemetry.Name))
            .WithTracing(_ => { })
            .WithMetrics(_ => { })
            .WithLogging();
        if (withAzureMonitor)
        {
            otel.UseAzureMonitor(o => o.ConnectionString = azureMonitor);
        }
        if (withOtlp)
        {
            // endpoint, protocol and headers from the standard OTEL_EXPORTER_OTLP_* settings
            otel.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter()).WithLogging(l => l.AddOtlpExporter());
        }
        return services;
    }

    /// <summary>
    /// Cuts every recorded URL of an outgoing call to scheme and host, before any exporter sees the span: Connector
    /// paths hold conversation and member ids, Graph paths mailboxes and event ids, Table Storage paths row keys.
    /// Those ids are opaque, but they point at people, and no dashboard needs them: the operation tag says what the call was.
    /// An incoming request keeps its route template as its path (ours have no ids in them), any other none.
    /// </summary>
    internal sealed class UrlRedaction : BaseProcessor<Activity>
    {
        private static readonly string[] UrlTags = ["url.full", "http.url"];
        private static readonly string[] PathTags = ["url.path", "url.query", "http.target"];

        public override void OnEnd(Activity activity)
        {
            foreach (var key in UrlTags)
            {
                if (activity.GetTagItem(key) is string url)
                {
                    activity.SetTag(key, HostOnly(url));
                }
            }
            foreach (var key in PathTags)
            {
                if (activity.GetTagItem(key) is not null)
                {
                    activity.SetTag(key, null);
                }
            }
            if (activity.Kind == ActivityKind.Server && activity.GetTagItem("http.route") is string route)
            {
                activity.SetTag("url.path", route); // a request to one of our endpoints: its route (/api/messages, /readyz)
            }
        }

        public static string HostOnly(string url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) + "/" : "";
    }
}
