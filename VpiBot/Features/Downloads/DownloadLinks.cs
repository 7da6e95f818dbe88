using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VpiBot.Features.Shared;

namespace VpiBot.Features.Downloads;

/// <summary>A link made for one person, one VPI and one kind of document, valid until <see cref="ExpiresAt"/>.</summary>
public sealed record DownloadLink(Uri Url, DateTimeOffset ExpiresAt);

/// <summary>What a link grants, once its signature is checked: the person, the VPI, the document, the language, until when.</summary>
public sealed record DownloadTicket(string VpiId, string Kind, string For, string Language, DateTimeOffset Until);

/// <summary>
/// Makes and checks download links: <c>/downloads/{vpi}/{kind}?for={person}&amp;lang=&amp;until=&amp;sig=</c>, where
/// <c>sig</c> is an HMAC-SHA256 of every other part under a key all instances share (<see cref="DownloadOptions"/>).
/// A link is no credential beyond its minutes: whoever uses it must still be on the roster when it is used.
/// </summary>
public sealed class DownloadLinks(DownloadKey key, IOptions<DownloadOptions> options, IHttpContextAccessor http, TimeProvider time)
{
    public const string PathPrefix = "/downloads";

    /// <summary>A link for the turn's VPI and caller (whose access the route has checked).</summary>
    public DownloadLink Create(VpiTurn t, string kind) => Create(t.Vpi.Id, t.Caller!.AadObjectId, kind, t.Culture);

    public DownloadLink Create(string vpiId, string aadObjectId, string kind, CultureInfo culture)
    {
        var until = time.GetUtcNow().Add(options.Value.LinkLifetime);
        var ticket = new DownloadTicket(vpiId, kind, aadObjectId.ToLowerInvariant(), culture.Name, DateTimeOffset.FromUnixTimeSeconds(until.ToUnixTimeSeconds()));
        var query = $"for={Uri.EscapeDataString(ticket.For)}&lang={Uri.EscapeDataString(ticket.Language)}&until={ticket.Until.ToUnixTimeSeconds()}&sig={Sign(ticket)}";
        var path = $"{PathPrefix}/{Uri.EscapeDataString(vpiId)}/{Uri.EscapeDataString(kind)}?{query}";
        return new DownloadLink(new Uri(BaseUrl().TrimEnd('/') + path), ticket.Until);
    }

    /// <summary>The ticket a link grants, or null when it is altered, expired, or not signed by us.</summary>
    public DownloadTicket? Check(string vpiId, string kind, string? person, string? language, string? until, string? signature)
    {
        if (person is null || language is null || signature is null
            || !long.TryParse(until, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }
        var ticket = new DownloadTicket(vpiId, kind, person, language, DateTimeOffset.FromUnixTimeSeconds(seconds));
        var expected = Encoding.ASCII.GetBytes(Sign(ticket));
        var given = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return null;
        }
        return ticket.Until > time.GetUtcNow() ? ticket : null;
    }

    private string Sign(DownloadTicket ticket)
    {
        // each part is escaped, so no value can shift the boundary between two others
        var payload = string.Join('|', "v1", Uri.EscapeDataString(ticket.VpiId), Uri.EscapeDataString(ticket.Kind),
            Uri.EscapeDataString(ticket.For), Uri.EscapeDataString(ticket.Language), ticket.Until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return Base64Url(HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(payload)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary><c>Downloads:PublicUrl</c> when set (behind a proxy that rewrites the host); else the address the request came to.</summary>
    private string BaseUrl()
    {
        if (options.Value.PublicUrl is { Length: > 0 } configured)
        {
            return configured;
        }
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("A download link is made during a request, or with Downloads:PublicUrl set.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
