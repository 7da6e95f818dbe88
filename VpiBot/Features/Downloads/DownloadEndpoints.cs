using VpiBot.Domain;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Downloads;

public static class DownloadServices
{
    public static IServiceCollection AddDownloads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DownloadOptions>().Bind(configuration.GetSection("Downloads"))
            .Validate(o => DownloadKey.IsValid(o.SigningKey), "Downloads:SigningKey must be base64 of at least 32 bytes.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        return services.AddSingleton<DownloadKey>().AddSingleton<DownloadLinks>();
    }

    /// <summary>Registers a kind of document the download links serve.</summary>
    public static IServiceCollection AddDownload<T>(this IServiceCollection services) where T : Download =>
        services.AddScoped<Download, T>();

    /// <summary>
    /// <c>GET /downloads/{vpi}/{kind}</c>: the document, if the link is ours, unaltered and unexpired, and the person it
    /// was made for is still on the VPI's roster with the document's access; 403 with a plain explanation otherwise
    /// (the same for a VPI or kind that does not exist, so a link reveals nothing else).
    /// </summary>
    public static void MapDownloads(this WebApplication app) =>
        app.MapGet(DownloadLinks.PathPrefix + "/{vpiId}/{kind}", async (string vpiId, string kind, HttpContext http,
            DownloadLinks links, VpiStore vpis, IEnumerable<Download> downloads, CancellationToken ct) =>
        {
            var q = http.Request.Query;
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (links.Check(vpiId, kind, q["for"], q["lang"], q["until"], q["sig"]) is not { } ticket)
            {
                return Refused(Text.Culture(q["lang"]));
            }
            var culture = Text.Culture(ticket.Language);
            if (downloads.FirstOrDefault(d => d.Kind == ticket.Kind) is not { } download
                || await vpis.GetAsync(ticket.VpiId, ct) is not { } current
                || await vpis.GetMemberAsync(ticket.VpiId, ticket.For, ct) is not { } person
                || download.Access.Check(person) is not null)
            {
                return Refused(culture);
            }
            var file = await download.BuildAsync(current.Vpi, person, culture, ct);
            return Results.File(file.Content, file.ContentType, file.FileName);
        });

    private static IResult Refused(System.Globalization.CultureInfo culture) =>
        Results.Text(Text.Get("Download.Refused", culture), "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
}
