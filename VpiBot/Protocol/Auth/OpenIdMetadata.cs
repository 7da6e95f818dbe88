using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace VpiBot.Protocol.Auth;

/// <summary>An RSA signing key from a JWKS, with the channels that endorse it (Bot Framework's <c>endorsements</c>).</summary>
public sealed record SigningKey(string Kid, SecurityKey Key, IReadOnlySet<string> Endorsements);

/// <summary>
/// The signing keys published behind one OpenID metadata document. Fetched on first use, kept for at most
/// <see cref="MaxAge"/> (the Bot Framework asks for a refresh at least every 24 hours), and fetched again when a
/// token names a key we do not know — at most once per <see cref="MinRefreshInterval"/>, so forged kids cannot
/// make us hammer the issuer.
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot
/// </summary>
public sealed class OpenIdMetadata(string metadataUrl, HttpClient http, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, SigningKey>? _keys;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastUnknownKeyRefresh = DateTimeOffset.MinValue;

    public async Task<SigningKey?> FindKeyAsync(string kid, CancellationToken ct)
    {
        var keys = await KeysAsync(forceIfOlderThan: MaxAge, ct);
        if (keys.TryGetValue(kid, out var key))
        {
            return key;
        }
        var now = time.GetUtcNow();
        if (now - _lastUnknownKeyRefresh < MinRefreshInterval)
        {
            return null;
        }
        _lastUnknownKeyRefresh = now;
        keys = await KeysAsync(forceIfOlderThan: TimeSpan.Zero, ct);
        return keys.GetValueOrDefault(kid);
    }

    private async Task<IReadOnlyDictionary<string, SigningKey>> KeysAsync(TimeSpan forceIfOlderThan, CancellationToken ct)
    {
        if (_keys is { } current && time.GetUtcNow() - _fetchedAt < forceIfOlderThan)
        {
            return current;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_keys is { } fresh && time.GetUtcNow() - _fetchedAt < forceIfOlderThan)
            {
                return fresh;
            }
            _keys = await FetchAsync(ct);
            _fetchedAt = time.GetUtcNow();
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, SigningKey>> FetchAsync(CancellationToken ct)
    {
        using var metadata = JsonDocument.Parse(await http.GetStringAsync(metadataUrl, ct));
        var jwksUri = metadata.RootElement.GetProperty("jwks_uri").GetString();
        if (jwksUri is null || !BotFrameworkOptions.IsSecureOrLoopback(jwksUri))
        {
            throw new InvalidOperationException($"The OpenID metadata at {metadataUrl} has no usable https jwks_uri.");
        }
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(jwksUri, ct));
        return ParseKeySet(jwks.RootElement);
    }

    /// <summary>RSA keys only: a symmetric or unknown key type in a key set is never trusted.</summary>
    internal static IReadOnlyDictionary<string, SigningKey> ParseKeySet(JsonElement jwks)
    {
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var element in jwks.GetProperty("keys").EnumerateArray())
        {
            var jwk = new JsonWebKey(element.GetRawText());
            if (jwk.Kty != JsonWebAlgorithmsKeyTypes.RSA || string.IsNullOrEmpty(jwk.Kid))
            {
                continue;
            }
            var endorsements = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var channel in list.EnumerateArray())
                {
                    if (channel.GetString() is { } name)
                    {
                        endorsements.Add(name);
                    }
                }
            }
            keys[jwk.Kid] = new SigningKey(jwk.Kid, jwk, endorsements);
        }
        return keys;
    }
}

/// <summary>One <see cref="OpenIdMetadata"/> per metadata URL, shared by all requests.</summary>
public sealed class OpenIdMetadataCache(IHttpClientFactory httpFactory, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, OpenIdMetadata> _byUrl = new(StringComparer.Ordinal);

    public OpenIdMetadata For(string metadataUrl) =>
        _byUrl.GetOrAdd(metadataUrl, url => new OpenIdMetadata(url, httpFactory.CreateClient(nameof(OpenIdMetadata)), time));
}
