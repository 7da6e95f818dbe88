using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VpiBot.Features.Downloads;

/// <summary>Settings of the download links (<c>Downloads:*</c>).</summary>
public sealed class DownloadOptions
{
    /// <summary>How long a link works after it is made (<c>Downloads:LinkLifetime</c>), ten minutes by default.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The app's public address, when requests reach it under another host name (<c>Downloads:PublicUrl</c>).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// The key links are signed with, base64, at least 32 bytes (<c>Downloads:SigningKey</c>), the same on every
    /// instance. Without it the key is derived from <c>MicrosoftAppPassword</c>, a secret every instance already has;
    /// without that either (local runs), each process makes its own.
    /// </summary>
    public string? SigningKey { get; set; }
}

/// <summary>The signing key, decided once at start (see <see cref="DownloadOptions.SigningKey"/>).</summary>
public sealed class DownloadKey
{
    public DownloadKey(IOptions<DownloadOptions> options, IConfiguration configuration, ILogger<DownloadKey> log)
    {
        if (options.Value.SigningKey is { Length: > 0 } configured)
        {
            Bytes = Convert.FromBase64String(configured);
        }
        else if (configuration["MicrosoftAppPassword"] is { Length: > 0 } password)
        {
            Bytes = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(password), 32, info: Encoding.ASCII.GetBytes("VpiBot download links v1"));
        }
        else
        {
            Bytes = RandomNumberGenerator.GetBytes(32);
            log.LogInformation("Download links are signed with a key of this process only; set Downloads:SigningKey when several instances run.");
        }
    }

    public byte[] Bytes { get; }

    /// <summary>No key set, or base64 of at least 32 bytes (HMAC-SHA256's own size).</summary>
    public static bool IsValid(string? configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return true;
        }
        var bytes = new byte[configured.Length];
        return Convert.TryFromBase64String(configured, bytes, out var length) && length >= 32;
    }
}
