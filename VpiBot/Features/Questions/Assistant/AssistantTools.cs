using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Domain.Questions;
using VpiBot.Protocol;

namespace VpiBot.Features.Questions;

// The assistant's tools: one per question intent that has a command, each the recogniser's answer function through
// QuestionTools (the same command, the same access check, for the asker's own turn). Read-only by construction: no
// intent maps to a command that changes anything (QuestionCommands). References:
//   function calling, tools, tool_calls, tool messages https://platform.openai.com/docs/guides/function-calling
//   chat completions API                               https://platform.openai.com/docs/api-reference/chat/create
//   AIFunction, function invocation (M.E.AI)           https://learn.microsoft.com/dotnet/ai/microsoft-extensions-ai#tool-calling
//   FunctionInvokingChatClient                         https://learn.microsoft.com/dotnet/api/microsoft.extensions.ai.functioninvokingchatclient

/// <summary>One argument of a tool: a whole number 1–99999, a short text, or one of a fixed set of names.</summary>
public sealed record ToolArgument(string Name, string Description, bool Required, string[]? Names = null, bool IsText = false)
{
    public const int MinNumber = 1;
    public const int MaxNumber = 99999;
    public const int MaxText = 200;

    public static ToolArgument Number(string name, string description, bool required = true) => new(name, description, required);
    public static ToolArgument Text(string name, string description) => new(name, description, true, IsText: true);
    public static ToolArgument OneOf<TEnum>(string name, string description, params TEnum[] only) where TEnum : struct, Enum =>
        new(name, description, false, only.Length > 0 ? [.. only.Select(v => v.ToString())] : Enum.GetNames<TEnum>());
}

/// <summary>A tool: the intent it asks, what it answers (for the model), its arguments, and how they become slots.</summary>
public sealed record ToolSpec(QuestionIntent Intent, string Description, ToolArgument[] Arguments, Func<IReadOnlyDictionary<string, object>, QuestionSlots> Slots)
{
    public ToolSpec(QuestionIntent intent, string description) : this(intent, description, [], _ => new QuestionSlots()) { }
}

/// <summary>One question's conversation with the model: the tool calls made so far and every tool result given back.</summary>
public sealed class AssistantConversation(int maxToolCalls)
{
    private readonly Lock _gate = new();
    private readonly List<string> _results = [];
    private int _calls;

    /// <summary>True once the model asked for more tool calls than allowed: its answer is not shown.</summary>
    public bool OverBudget { get; private set; }

    public int Calls { get { lock (_gate) { return _calls; } } }

    public IReadOnlyList<string> Results { get { lock (_gate) { return [.. _results]; } } }

    /// <summary>Counts a call; false (and <see cref="OverBudget"/>) past the limit.</summary>
    public bool TryCall()
    {
        lock (_gate)
        {
            if (_calls >= maxToolCalls)
            {
                OverBudget = true;
                return false;
            }
            _calls++;
            return true;
        }
    }

    public void Keep(string result)
    {
        lock (_gate)
        {
            _results.Add(result);
        }
    }
}

public static class AssistantTools
{
    private static readonly string[] KindsOfNumber = [nameof(ItemKind.Priority), nameof(ItemKind.Recommendation)];

    /// <summary>Every tool: one per intent with a command (not Unknown, not Tools: a document's link is a card with a button, not text).</summary>
    public static readonly IReadOnlyList<ToolSpec> Specs =
    [
        new(QuestionIntent.Status, "Where the VPI is: its stage and what comes next."),
        new(QuestionIntent.WaitingForMe, "What is waiting for the person asking: their reviews, votes and tasks."),
        new(QuestionIntent.Priorities, "The VPI's priorities for engagement with their status, optionally only those with one status.",
            [ToolArgument.OneOf<PriorityStatus>("status", "Only priorities with this status.")],
            a => new QuestionSlots(PriorityStatus: Enum<PriorityStatus>(a, "status"))),
        new(QuestionIntent.Priority, "One priority (or, with kind Recommendation, one recommendation) by its number: its status and history.",
            [ToolArgument.Number("number", "The priority's (or recommendation's) number."), new ToolArgument("kind", "What the number is of; Priority when not given.", false, KindsOfNumber)],
            a => new QuestionSlots(Number: Int(a, "number"), NumberKind: Enum<ItemKind>(a, "kind"))),
        new(QuestionIntent.OpenVotes, "The votes (ballots) open now."),
        new(QuestionIntent.VoteResult, "The result of the vote on one recommendation.",
            [ToolArgument.Number("recommendation", "The recommendation's number (R3 is 3).")],
            a => new QuestionSlots(Number: Int(a, "recommendation"), NumberKind: ItemKind.Recommendation)),
        new(QuestionIntent.NotVoted, "Who has not voted yet, on one recommendation or one ballot or the open votes (facilitators only).",
            [ToolArgument.Number("recommendation", "The recommendation's number (R3 is 3).", required: false), ToolArgument.Number("ballot", "The ballot's number.", required: false)],
            a => Int(a, "recommendation") is { } r ? new QuestionSlots(Number: r, NumberKind: ItemKind.Recommendation) : new QuestionSlots(Number: Int(a, "ballot"))),
        new(QuestionIntent.Roadmap, "How the roadmap (the tasks agreed) is going."),
        new(QuestionIntent.MyTasks, "The tasks of the person asking."),
        new(QuestionIntent.Overdue, "The roadmap tasks that are overdue."),
        new(QuestionIntent.DueSoon, "The roadmap tasks due in a period (this week when not given).",
            [ToolArgument.OneOf<Period>("period", "The period.")],
            a => new QuestionSlots(Period: Enum<Period>(a, "period"))),
        new(QuestionIntent.NextMeeting, "The next meeting, optionally the next of one kind.",
            [ToolArgument.OneOf<MeetingKind>("kind", "The kind of meeting.")],
            a => new QuestionSlots(MeetingKind: Enum<MeetingKind>(a, "kind"))),
        new(QuestionIntent.MeetingAttendees, "Who is invited to the next meeting (optionally of one kind) and their replies.",
            [ToolArgument.OneOf<MeetingKind>("kind", "The kind of meeting.")],
            a => new QuestionSlots(MeetingKind: Enum<MeetingKind>(a, "kind"))),
        new(QuestionIntent.Members, "Who is in the VPI: facilitators, the review team, the alliance, with their organisations."),
        new(QuestionIntent.Organisation, "Who represents one organisation in the VPI.",
            [ToolArgument.Text("name", "The organisation's name, as the person wrote it.")],
            a => new QuestionSlots(Text: (string)a["name"])),
        new(QuestionIntent.Menu, "The collaboration menu: what each level of collaboration includes, and what is done from it."),
    ];

    /// <summary>The tools for one question: each runs its intent for the asker's turn and VPI.</summary>
    public static IList<AITool> For(QuestionTools tools, Turn turn, string vpiId, AssistantConversation conversation) =>
        [.. Specs.Select(s => (AITool)new QuestionTool(s, tools, turn, vpiId, conversation))];

    /// <summary>The JSON schema of a tool's arguments (the OpenAI <c>function.parameters</c>): closed, every argument typed and bounded.</summary>
    public static JsonElement Schema(ToolSpec spec)
    {
        var properties = new JsonObject();
        foreach (var a in spec.Arguments)
        {
            properties[a.Name] = a switch
            {
                { Names: { } names } => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. names.Select(n => JsonValue.Create(n))]), ["description"] = a.Description },
                { IsText: true } => new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = ToolArgument.MaxText, ["description"] = a.Description },
                _ => new JsonObject { ["type"] = "integer", ["minimum"] = ToolArgument.MinNumber, ["maximum"] = ToolArgument.MaxNumber, ["description"] = a.Description },
            };
        }
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. spec.Arguments.Where(a => a.Required).Select(a => JsonValue.Create(a.Name))]),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>The arguments as sent, checked against the tool's: each known, of its type and in its bounds (names exactly as
    /// listed, numbers whole and 1–99999, text 1–200 characters without control characters), the required ones given.
    /// The checked values (int, string), or what is wrong.</summary>
    public static (IReadOnlyDictionary<string, object>? Values, string? Problem) Validate(ToolSpec spec, IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, raw) in arguments)
        {
            if (spec.Arguments.FirstOrDefault(a => a.Name == name) is not { } argument)
            {
                return (null, $"unknown argument '{Safe(name)}'");
            }
            if (raw is null || raw is JsonElement { ValueKind: JsonValueKind.Null })
            {
                continue; // an optional argument sent as null: not given
            }
            object? value = argument switch
            {
                { Names: { } names } => AsString(raw) is { } s && names.Contains(s, StringComparer.Ordinal) ? s : null,
                { IsText: true } => AsString(raw) is { } s && s.Trim().Length is > 0 and <= ToolArgument.MaxText && !s.Any(char.IsControl) ? s.Trim() : null,
                _ => AsInt(raw) is { } n && n is >= ToolArgument.MinNumber and <= ToolArgument.MaxNumber ? n : null,
            };
            if (value is null)
            {
                return (null, argument switch
                {
                    { Names: { } names } => $"'{argument.Name}' must be one of: {string.Join(", ", names)}",
                    { IsText: true } => $"'{argument.Name}' must be a text of 1 to {ToolArgument.MaxText} characters",
                    _ => $"'{argument.Name}' must be a whole number from {ToolArgument.MinNumber} to {ToolArgument.MaxNumber}",
                });
            }
            values[name] = value;
        }
        if (spec.Arguments.FirstOrDefault(a => a.Required && !values.ContainsKey(a.Name)) is { } missing)
        {
            return (null, $"'{missing.Name}' is required");
        }
        if (spec.Intent == QuestionIntent.NotVoted && values.ContainsKey("recommendation") && values.ContainsKey("ballot"))
        {
            return (null, "give 'recommendation' or 'ballot', not both");
        }
        return (values, null);
    }

    private static string Safe(string name) => name.Length <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : "?";

    private static string? AsString(object raw) => raw switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    private static int? AsInt(object raw) => raw switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var i) => i,
        _ => null,
    };

    private static int? Int(IReadOnlyDictionary<string, object> a, string name) => a.TryGetValue(name, out var v) ? (int)v : null;

    private static T? Enum<T>(IReadOnlyDictionary<string, object> a, string name) where T : struct, Enum =>
        a.TryGetValue(name, out var v) ? System.Enum.Parse<T>((string)v) : null;

    /// <summary>One tool as the model sees it (name, description, schema) and as it runs.</summary>
    private sealed class QuestionTool(ToolSpec spec, QuestionTools tools, Turn turn, string vpiId, AssistantConversation conversation) : AIFunction
    {
        private readonly JsonElement _schema = Schema(spec);

        public override string Name => spec.Intent.ToString();
        public override string Description => spec.Description;
        public override JsonElement JsonSchema => _schema;

        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            if (!conversation.TryCall())
            {
                if (FunctionInvokingChatClient.CurrentContext is { } context)
                {
                    context.Terminate = true; // no more round trips: this question gets no answer from the model
                }
                return "Error: too many tool calls for one question.";
            }
            var (values, problem) = Validate(spec, arguments);
            if (values is null)
            {
                return "Error: " + problem;
            }
            var result = await tools.RunAsync(turn, vpiId, spec.Intent, spec.Slots(values), cancellationToken);
            conversation.Keep(result);
            return result.Length > 0 ? result : "(nothing)";
        }
    }
}
