using System.Text.Json;

namespace VpiBot.Protocol;

/// <summary>
/// What an inbound activity must be before anything of it is used or stored: well-formed JSON text (no lone UTF-16
/// surrogates anywhere, which .NET refuses to turn into strings), ids of a sane length (Teams' ids are short; a
/// 100,000-character id is an attack on storage and memory), and a service URL the Connector client can call.
/// Anything else is refused with 400 and changes nothing.
/// </summary>
public static class ActivityCheck
{
    /// <summary>Longest id accepted (conversation, user, activity, tenant, team, channel). Teams' longest, personal
    /// conversation ids (<c>a:1…</c>), are around 130 characters; stored keys must stay under Azure Tables' 1 KiB.</summary>
    public const int MaxIdLength = 256;

    /// <summary>Longest service URL accepted.</summary>
    public const int MaxServiceUrlLength = 2048;

    /// <summary>Null when the body is acceptable as text; otherwise why not.</summary>
    public static string? TextProblem(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString(); // throws on lone surrogates and invalid UTF-8
                }
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return "text that is not valid Unicode or JSON";
        }
    }

    /// <summary>Null when the parsed activity's ids and service URL are usable; otherwise why not.</summary>
    public static string? ShapeProblem(Activity activity)
    {
        if (activity is not { Type.Length: > 0, Conversation.Id.Length: > 0 })
        {
            return "no type or conversation";
        }
        string?[] ids =
        [
            activity.Id, activity.ReplyToId, activity.Conversation.Id, activity.Conversation.TenantId, activity.From?.Id,
            activity.From?.AadObjectId, activity.Recipient?.Id, activity.ChannelId, activity.Name, activity.Action, activity.Locale,
            BotJson.StringAt(activity.ChannelData, "team", "id"), BotJson.StringAt(activity.ChannelData, "channel", "id"),
            BotJson.StringAt(activity.ChannelData, "tenant", "id"),
        ];
        if (ids.Any(id => id is { Length: > MaxIdLength }))
        {
            return "an id longer than " + MaxIdLength;
        }
        if (ids.Any(id => id is not null && id.Any(char.IsControl)))
        {
            return "an id with control characters"; // no Teams id has them, and storage keys may not
        }
        if (activity.MembersAdded?.Concat(activity.MembersRemoved ?? []).Any(m => m?.Id is { Length: > MaxIdLength } || m?.AadObjectId is { Length: > MaxIdLength }) == true)
        {
            return "a member id longer than " + MaxIdLength;
        }
        return ServiceUrlProblem(activity.ServiceUrl);
    }

    /// <summary>An absolute http(s) URL with a host the Connector client can reach: no user info, a DNS-able host.</summary>
    public static string? ServiceUrlProblem(string? serviceUrl)
    {
        if (serviceUrl is not { Length: > 0 and <= MaxServiceUrlLength }
            || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0 || uri.Host.Length == 0)
        {
            return "no usable service URL";
        }
        try
        {
            return uri.IdnHost.All(c => c < 128) && serviceUrl.All(c => !char.IsControl(c) && !char.IsSurrogate(c) && c is not '\u2028' and not '\u2029')
                ? null : "no usable service URL";
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return "no usable service URL";
        }
    }
}
