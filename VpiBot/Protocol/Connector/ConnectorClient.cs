using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VpiBot.Protocol.Connector;

/// <summary>A page of conversation members (<c>GET /v3/conversations/{id}/pagedmembers</c>).</summary>
public sealed record MembersPage(IReadOnlyList<TeamsMember> Members, string? ContinuationToken);

public sealed class TeamsMember
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Email { get; set; }
    public string? UserPrincipalName { get; set; }
    public string? GivenName { get; set; }
    public string? Surname { get; set; }
    public string? TenantId { get; set; }
    public string? UserRole { get; set; }
}

/// <summary>
/// The Bot Connector REST API, the calls VpiBot makes.
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
/// Conversation and activity ids are path-escaped: Teams ids contain ':', ';' and '@'.
/// </summary>
public sealed class ConnectorClient(HttpClient http, ConnectorTokens tokens)
{
    /// <summary><c>POST /v3/conversations/{conversationId}/activities</c>; returns the new activity id.</summary>
    public Task<string?> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        PostActivityAsync(Url(serviceUrl, $"v3/conversations/{Esc(conversationId)}/activities"), activity, ct);

    /// <summary><c>POST /v3/conversations/{conversationId}/activities/{activityId}</c>: a reply (threads in channels).</summary>
    public Task<string?> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken ct) =>
        PostActivityAsync(Url(serviceUrl, $"v3/conversations/{Esc(conversationId)}/activities/{Esc(replyToId)}"), activity, ct);

    /// <summary><c>PUT /v3/conversations/{conversationId}/activities/{activityId}</c>: replaces a message the bot sent (e.g. a card).</summary>
    public async Task UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct)
    {
        activity.Id = activityId;
        using var request = new HttpRequestMessage(HttpMethod.Put, Url(serviceUrl, $"v3/conversations/{Esc(conversationId)}/activities/{Esc(activityId)}"))
        {
            Content = JsonContent.Create(activity, options: BotJson.Options),
        };
        using var _ = await SendCheckedAsync(request, ct);
    }

    /// <summary><c>DELETE /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    public async Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Url(serviceUrl, $"v3/conversations/{Esc(conversationId)}/activities/{Esc(activityId)}"));
        using var _ = await SendCheckedAsync(request, ct);
    }

    /// <summary>
    /// <c>POST /v3/conversations</c>: opens (or finds) the 1:1 chat between the bot and a member, for proactive messages.
    /// Teams needs the tenant both in <c>tenantId</c> and <c>channelData.tenant.id</c>.
    /// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages#create-the-conversation
    /// </summary>
    public async Task<string> CreatePersonalConversationAsync(string serviceUrl, string botId, string memberId, string tenantId, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["isGroup"] = false,
            ["bot"] = new JsonObject { ["id"] = botId },
            ["members"] = new JsonArray(new JsonObject { ["id"] = memberId }),
            ["tenantId"] = tenantId,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(serviceUrl, "v3/conversations")) { Content = JsonContent.Create(body) };
        request.Options.Set(ConnectorRetryHandler.Idempotent, true); // Teams keeps one 1:1 chat per bot and member: asking again returns it
        using var response = await SendCheckedAsync(request, ct);
        var created = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        return BotJson.StringAt(created, "id") ?? throw new ConnectorException(response.StatusCode, ConnectorFailure.Other, null, "conversation created without an id");
    }

    /// <summary><c>GET /v3/conversations/{conversationId}/pagedmembers?pageSize=&amp;continuationToken=</c>.</summary>
    public async Task<MembersPage> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize, string? continuationToken, CancellationToken ct)
    {
        var query = $"?pageSize={pageSize}" + (continuationToken is null ? "" : $"&continuationToken={Uri.EscapeDataString(continuationToken)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(serviceUrl, $"v3/conversations/{Esc(conversationId)}/pagedmembers{query}"));
        using var response = await SendCheckedAsync(request, ct);
        var page = await response.Content.ReadFromJsonAsync<JsonObject>(BotJson.Options, ct);
        var members = page?["members"]?.Deserialize<List<TeamsMember>>(BotJson.Options) ?? [];
        return new MembersPage(members, BotJson.StringAt(page, "continuationToken"));
    }

    /// <summary><c>GET /v3/conversations/{conversationId}/members/{memberId}</c>: one member, with UPN and email (Teams).
    /// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#get-single-member-details</summary>
    public async Task<TeamsMember?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(serviceUrl, $"v3/conversations/{Esc(conversationId)}/members/{Esc(memberId)}"));
        try
        {
            using var response = await SendCheckedAsync(request, ct);
            return await response.Content.ReadFromJsonAsync<TeamsMember>(BotJson.Options, ct);
        }
        catch (ConnectorException e) when (e.Failure == ConnectorFailure.NotFound)
        {
            return null;
        }
    }

    private async Task<string?> PostActivityAsync(Uri url, Activity activity, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(activity, options: BotJson.Options) };
        using var response = await SendCheckedAsync(request, ct);
        // ResourceResponse {"id": "..."}; Teams may answer with an empty body for some sends.
        var text = await response.Content.ReadAsStringAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return BotJson.StringAt(JsonNode.Parse(text), "id");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (await tokens.GetTokenAsync(ct) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (request.Content is JsonContent content)
        {
            await content.LoadIntoBufferAsync(ct); // buffered, so the retry handler can send it again
        }
        var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var failed = ConnectorException.From(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
            failed.RetryAfter = response.Headers.RetryAfter;
            throw failed;
        }
    }

    internal static Uri Url(string serviceUrl, string path) => new(serviceUrl.TrimEnd('/') + "/" + path);

    internal static string Esc(string id) => Uri.EscapeDataString(id);
}
