using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Net.Http.Headers;
using VpiBot.Domain;
using VpiBot.Features.Downloads;
using VpiBot.Features.Report;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Dashboard;

/// <summary>
/// The dashboard page's JSON API, <c>/api/dashboard</c>: a route group whose every endpoint needs a valid single sign-on
/// token (the policy is declared once, on the group). Who may see which VPI is then decided from the token's
/// <c>oid</c> and <c>tid</c> and the stored roster, as for the bot's own turns: the VPI's tenant must be the token's, and
/// the caller must be on its roster (403 otherwise — also for a VPI that does not exist, so a non-member cannot tell
/// which ids exist). Answers carry a strong ETag of their bytes; <c>If-None-Match</c> with it gives 304 and no body.
/// </summary>
public static class DashboardEndpoints
{
    public const string Prefix = "/api/dashboard";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static void MapDashboard(this WebApplication app)
    {
        var group = app.MapGroup(Prefix).RequireAuthorization(DashboardAuthenticationHandler.Policy);
        group.MapGet("/me", MeAsync);
        group.MapGet("/vpis/{id}", VpiAsync);
        group.MapPost("/vpis/{id}/report-link", ReportLinkAsync);
        if (app.Environment.IsDevelopment())
        {
            DevTokenIssuer.Map(app);
        }
    }

    private static async Task<IResult> MeAsync(HttpContext http, VpiStore vpis, DashboardReader reader, CancellationToken ct)
    {
        var user = DashboardUser.From(http.User)!;
        var mine = new List<MyVpi>();
        string? name = null;
        foreach (var current in await vpis.VpisOfAsync(user.ObjectId, ct))
        {
            if (VpiRules.CanView(current.Vpi, new Identity(user.ObjectId, user.TenantId)) is not null
                || await vpis.GetMemberAsync(current.Vpi.Id, user.ObjectId, ct) is not { } member)
            {
                continue; // another tenant's VPI is never shown, even to a guest on its roster
            }
            name ??= member.Name;
            mine.Add(await reader.MineAsync(current.Vpi, member, ct));
        }
        return Tagged(http, new MeView(new MeUser(name ?? user.Name), [.. mine.OrderBy(v => v.CountryName, StringComparer.Ordinal).ThenBy(v => v.Id, StringComparer.Ordinal)]));
    }

    private static async Task<IResult> VpiAsync(string id, HttpContext http, VpiStore vpis, DashboardReader reader, DashboardCache cache, CancellationToken ct)
    {
        var user = DashboardUser.From(http.User)!;
        if (await MemberOfAsync(id, user, vpis, ct) is not (var current, var roster, var caller))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        // the answer is made again only when one of the rows it is made from changed (or the VPI's day did); it is made
        // from rows read after the fingerprint (the roster again too), so a kept answer is never older than its fingerprint
        var fingerprint = await cache.FingerprintAsync(current, caller.AadObjectId, reader.Today(current.Vpi), ct);
        if (cache.Get(id, caller.AadObjectId, fingerprint) is not { } answer)
        {
            roster = await vpis.GetMembersAsync(id, ct);
            caller = roster.FirstOrDefault(m => string.Equals(m.AadObjectId, user.ObjectId, StringComparison.OrdinalIgnoreCase)) ?? caller;
            var body = JsonSerializer.SerializeToUtf8Bytes(await reader.VpiAsync(current.Vpi, caller, roster, ct), Json);
            answer = new DashboardCache.Answer(fingerprint, body, StrongETag(body));
            cache.Keep(id, caller.AadObjectId, answer);
        }
        return Tagged(http, answer.Body, answer.ETag);
    }

    /// <summary>
    /// The VPI and the caller on its roster, or null (the answer is then 403): the VPI's tenant must be the token's and
    /// the caller on its roster; a VPI that does not exist gives null as well.
    /// </summary>
    private static async Task<(VersionedVpi Vpi, IReadOnlyList<Member> Roster, Member Caller)?> MemberOfAsync(string id, DashboardUser user, VpiStore vpis, CancellationToken ct)
    {
        if (await vpis.GetAsync(id, ct) is not { } current
            || VpiRules.CanView(current.Vpi, new Identity(user.ObjectId, user.TenantId)) is not null)
        {
            return null;
        }
        var roster = await vpis.GetMembersAsync(id, ct);
        return roster.FirstOrDefault(m => string.Equals(m.AadObjectId, user.ObjectId, StringComparison.OrdinalIgnoreCase)) is { } caller
            ? (current, roster, caller) : null;
    }

    /// <summary>
    /// <c>POST /vpis/{id}/report-link</c>: a signed link of a few minutes to the outcome report, for the caller, if the
    /// report's access (facilitators) lets them have it — <c>{ url, expiresAt }</c>; 403 otherwise. The report is in the
    /// language of <c>?lang=</c> (the Teams client's locale), else of the browser's Accept-Language.
    /// </summary>
    private static async Task<IResult> ReportLinkAsync(string id, HttpContext http, VpiStore vpis, DownloadLinks links, IEnumerable<Download> downloads, CancellationToken ct)
    {
        var user = DashboardUser.From(http.User)!;
        var report = downloads.First(d => d.Kind == ReportDownload.ReportKind);
        if (await MemberOfAsync(id, user, vpis, ct) is not (_, _, var caller) || report.Access.Check(caller) is not null)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(links.Create(id, caller.AadObjectId, report.Kind, Language(http.Request)), Json);
    }

    /// <summary>The reader's language: <c>?lang=</c>, else the first of Accept-Language by preference; English when neither names one.</summary>
    private static System.Globalization.CultureInfo Language(HttpRequest request)
    {
        var named = request.Query["lang"].FirstOrDefault()
            ?? request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value).FirstOrDefault(v => v is not "*");
        var culture = Text.Culture(named);
        return string.IsNullOrEmpty(culture.Name) ? System.Globalization.CultureInfo.GetCultureInfo("en") : culture;
    }

    /// <summary>The body as JSON with a strong ETag (SHA-256 of its bytes); 304 when the request already has it.</summary>
    private static IResult Tagged<T>(HttpContext http, T body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        return Tagged(http, bytes, StrongETag(bytes));
    }

    /// <summary>A strong ETag of the bytes: the SHA-256 of the body, base64url.</summary>
    public static string StrongETag(byte[] bytes) =>
        "\"" + Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";

    private static IResult Tagged(HttpContext http, byte[] bytes, string strongETag)
    {
        var etag = new EntityTagHeaderValue(strongETag);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        // the answer depends on who asks: never kept by a shared cache, always revalidated
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.Vary = "Authorization";
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } ifNoneMatch
            && ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(bytes, "application/json; charset=utf-8");
    }
}
