using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VpiBot.Tests.Support;

/// <summary>One request the bot made to the chat completions API, as received, and what was wrong with it (if anything).</summary>
public sealed record ChatCall(string Path, string? Authorization, string? ContentType, JsonObject? Json, IReadOnlyList<string> Problems)
{
    public JsonArray Messages => Json?["messages"] as JsonArray ?? [];

    /// <summary>The contents of the <c>role: tool</c> messages: the tool results the bot gave back.</summary>
    public IReadOnlyList<string> ToolResults => [.. Messages.Where(m => m?["role"]?.GetValue<string>() == "tool").Select(m => Content(m!))];

    /// <summary>The names of the tools offered.</summary>
    public IReadOnlyList<string> ToolNames => [.. (Json?["tools"] as JsonArray ?? []).Select(t => t!["function"]!["name"]!.GetValue<string>())];

    /// <summary>Everything the bot sent the model, as one text (to check that something never reached it).</summary>
    public string Everything => Json?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "";

    /// <summary>A message's content: a string, or the text parts of an array of parts.</summary>
    public static string Content(JsonNode message) => message["content"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };
}

/// <summary>
/// Plays an OpenAI-compatible chat completions endpoint on 127.0.0.1 (give the bot <see cref="Endpoint"/>; the OpenAI
/// SDK posts to <c>{endpoint}chat/completions</c>), checking every request against the documented shape
/// (https://platform.openai.com/docs/api-reference/chat/create, https://platform.openai.com/docs/guides/function-calling):
/// <c>POST /v1/chat/completions</c> with <c>Authorization: Bearer {key}</c> (<see cref="ApiKey"/>) and
/// <c>Content-Type: application/json</c>; a body with <c>model</c> as configured, no streaming, <c>messages</c> each with a
/// role of system, developer, user, assistant or tool (an assistant's <c>tool_calls</c> each {id, type: function,
/// function {name, arguments: a JSON object as a string}}; a tool message's <c>tool_call_id</c> answering a call of the
/// assistant message before it), and <c>tools</c> each {type: function, function {name matching ^[a-zA-Z0-9_-]{1,64}$,
/// description, parameters: a JSON schema of type object}}. It answers with scripted steps, in order: a tool call
/// (<c>finish_reason: tool_calls</c>), a final message (<c>finish_reason: stop</c>), an HTTP error, each optionally
/// held back for a delay. A request that breaks a rule is answered 400 and kept in <see cref="Violations"/>; every
/// request is kept in <see cref="Calls"/>.
/// </summary>
public sealed partial class FakeChat(string model = "vpi-test-model", string apiKey = "test-key") : LoopbackServer
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];
    private readonly ConcurrentQueue<Step> _steps = new();
    private int _ids;

    public string Model => model;
    public string ApiKey => apiKey;

    /// <summary>The base URL to give the bot (<c>Assistant:Endpoint</c>).</summary>
    public string Endpoint => BaseUrl + "v1/";

    public ConcurrentQueue<ChatCall> Calls { get; } = new();
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>One scripted answer: built from the request (to answer with what the bot sent), after a delay.</summary>
    private sealed record Step(Func<ChatCall, (int Status, JsonObject Body)> Answer, TimeSpan Delay);

    /// <summary>The next request is answered with a call of <paramref name="tool"/> with these arguments.</summary>
    public FakeChat ThenCall(string tool, object arguments, TimeSpan delay = default)
    {
        _steps.Enqueue(new Step(_ => (200, Completion(new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = $"call_{Interlocked.Increment(ref _ids)}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = JsonSerializer.Serialize(arguments) },
            }),
        }, "tool_calls")), delay));
        return this;
    }

    /// <summary>The next request is answered with a final message (built from the request, e.g. from a tool result).</summary>
    public FakeChat ThenAnswer(Func<ChatCall, string> text, TimeSpan delay = default)
    {
        _steps.Enqueue(new Step(call => (200, Completion(new JsonObject { ["role"] = "assistant", ["content"] = text(call) }, "stop")), delay));
        return this;
    }

    public FakeChat ThenAnswer(string text, TimeSpan delay = default) => ThenAnswer(_ => text, delay);

    /// <summary>The next request is answered with an HTTP error, as OpenAI shapes it.</summary>
    public FakeChat ThenError(int status, string code = "server_error")
    {
        _steps.Enqueue(new Step(_ => (status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = "Scripted error.", ["type"] = code, ["param"] = null, ["code"] = code },
        }), TimeSpan.Zero));
        return this;
    }

    private JsonObject Completion(JsonObject message, string finishReason) => new()
    {
        ["id"] = $"chatcmpl-{Interlocked.Increment(ref _ids)}",
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = finishReason }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
    };

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/chat/completions", HandleAsync);
        app.MapFallback((HttpContext http) =>
        {
            Violations.Enqueue($"unexpected request {http.Request.Method} {http.Request.Path}");
            http.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var problems = new List<string>();
        var auth = http.Request.Headers.Authorization.ToString();
        if (auth != "Bearer " + apiKey)
        {
            problems.Add($"Authorization is '{auth}', not 'Bearer {apiKey}'");
        }
        var contentType = http.Request.ContentType;
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Content-Type is {contentType ?? "missing"}, not application/json");
        }
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
        }
        if (json is null)
        {
            problems.Add("the body is not a JSON object");
        }
        else
        {
            Check(json, problems);
        }
        var call = new ChatCall(http.Request.Path.Value ?? "", auth, contentType, json, problems);
        Calls.Enqueue(call);
        foreach (var problem in problems)
        {
            Violations.Enqueue(problem);
        }
        if (problems.Count > 0)
        {
            await Write(http, 400, new JsonObject { ["error"] = new JsonObject { ["message"] = string.Join("; ", problems), ["type"] = "invalid_request_error" } });
            return;
        }
        if (!_steps.TryDequeue(out var step))
        {
            Violations.Enqueue("a request with nothing scripted to answer it");
            await Write(http, 500, new JsonObject { ["error"] = new JsonObject { ["message"] = "Nothing scripted.", ["type"] = "server_error" } });
            return;
        }
        if (step.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(step.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the bot gave up waiting
            }
        }
        var (status, answer) = step.Answer(call);
        await Write(http, status, answer);
    }

    private static async Task Write(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex FunctionName();

    private void Check(JsonObject json, List<string> problems)
    {
        if (json["model"]?.GetValueKind() != JsonValueKind.String || json["model"]!.GetValue<string>() != model)
        {
            problems.Add($"model is {json["model"]?.ToJsonString() ?? "missing"}, not \"{model}\"");
        }
        if (json["stream"] is { } stream && stream.GetValueKind() == JsonValueKind.True)
        {
            problems.Add("stream: true (the fake answers only whole completions)");
        }
        if (json["messages"] is not JsonArray { Count: > 0 } messages)
        {
            problems.Add("messages is missing or empty");
            return;
        }
        var callIds = new HashSet<string>();
        foreach (var message in messages)
        {
            var role = message?["role"]?.GetValueKind() == JsonValueKind.String ? message["role"]!.GetValue<string>() : null;
            if (role is null || !Roles.Contains(role))
            {
                problems.Add($"a message with role {message?["role"]?.ToJsonString() ?? "missing"}");
                continue;
            }
            switch (role)
            {
                case "assistant":
                    callIds.Clear();
                    if (message!["tool_calls"] is JsonArray calls)
                    {
                        foreach (var c in calls)
                        {
                            if (c?["id"]?.GetValueKind() != JsonValueKind.String || c["type"]?.GetValue<string>() != "function"
                                || c["function"]?["name"]?.GetValueKind() != JsonValueKind.String || c["function"]?["arguments"]?.GetValueKind() != JsonValueKind.String)
                            {
                                problems.Add($"an assistant tool call is not {{id, type: function, function {{name, arguments}}}}: {c?.ToJsonString()}");
                                continue;
                            }
                            callIds.Add(c["id"]!.GetValue<string>());
                            try
                            {
                                if (JsonNode.Parse(c["function"]!["arguments"]!.GetValue<string>()) is not JsonObject)
                                {
                                    problems.Add("a tool call's arguments are not a JSON object");
                                }
                            }
                            catch (JsonException)
                            {
                                problems.Add("a tool call's arguments are not JSON");
                            }
                        }
                    }
                    else if (message["content"] is null)
                    {
                        problems.Add("an assistant message with neither content nor tool_calls");
                    }
                    break;
                case "tool":
                    if (message!["tool_call_id"]?.GetValueKind() != JsonValueKind.String || !callIds.Contains(message["tool_call_id"]!.GetValue<string>()))
                    {
                        problems.Add($"a tool message whose tool_call_id answers no call of the assistant message before it: {message["tool_call_id"]?.ToJsonString()}");
                    }
                    if (message["content"] is null)
                    {
                        problems.Add("a tool message without content");
                    }
                    break;
                default:
                    if (message!["content"] is null)
                    {
                        problems.Add($"a {role} message without content");
                    }
                    break;
            }
        }
        if (json["tools"] is { } toolsNode)
        {
            if (toolsNode is not JsonArray tools)
            {
                problems.Add("tools is not an array");
                return;
            }
            foreach (var tool in tools)
            {
                var f = tool?["function"];
                if (tool?["type"]?.GetValue<string>() != "function" || f is null)
                {
                    problems.Add($"a tool that is not {{type: function, function}}: {tool?.ToJsonString()}");
                    continue;
                }
                if (f["name"]?.GetValueKind() != JsonValueKind.String || !FunctionName().IsMatch(f["name"]!.GetValue<string>()))
                {
                    problems.Add($"a function name that breaks ^[a-zA-Z0-9_-]{{1,64}}$: {f["name"]?.ToJsonString()}");
                }
                if (f["parameters"] is { } parameters && (parameters is not JsonObject p || p["type"]?.GetValue<string>() != "object" || p["properties"] is not (null or JsonObject)))
                {
                    problems.Add($"function {f["name"]}: parameters is not a JSON schema of type object");
                }
            }
        }
    }
}
