using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace VpiBot.Dashboard;

public static class DashboardCompression
{
    /// <summary>
    /// Brotli or gzip for the dashboard's own files (script, styles, pages): the bundle is mostly Chart.js and shrinks to
    /// about a quarter. The JSON API is left uncompressed: its answers carry a person's data next to what they can make
    /// the page ask for, the shape BREACH-style attacks need, and a 304 makes repeat loads small anyway.
    /// https://learn.microsoft.com/aspnet/core/performance/response-compression
    /// </summary>
    public static IServiceCollection AddDashboardCompression(this IServiceCollection services) => services
        .Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal)
        .Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal)
        .AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // static files only (the MIME types below), no secrets in them
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/javascript", "application/javascript", "text/css", "text/html"];
        });
}
