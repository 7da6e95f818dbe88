using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Browser;

/// <summary>
/// One card message as one person sees it in Teams, rendered in chromium (from <see cref="TeamsCardHost.RenderAsync"/>).
/// Read it (<see cref="TextAsync"/>, <see cref="ButtonTitlesAsync"/>), fill its inputs (<see cref="FillAsync"/>) and click
/// its buttons (<see cref="ClickAsync"/>) as the person would; a click goes to the bot as the Teams activity it
/// becomes, and a card the bot answers with replaces this one, in place, as in Teams.
/// </summary>
public sealed class TeamsCardView : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly IPage _page;
    private readonly List<string> _pageErrors;
    private readonly TeamsChat _chat;
    private readonly Func<string, string> _screenshotPath;

    internal TeamsCardView(IBrowserContext context, IPage page, List<string> pageErrors, TeamsChat chat, TeamsActivities.User viewer,
        string messageId, Func<string, string> screenshotPath)
    {
        _context = context;
        _page = page;
        _pageErrors = pageErrors;
        _chat = chat;
        Viewer = viewer;
        MessageId = messageId;
        _screenshotPath = screenshotPath;
    }

    /// <summary>Who is looking; every click is sent as theirs.</summary>
    public TeamsActivities.User Viewer { get; }

    /// <summary>The card message's id (the <c>replyToId</c> of clicks).</summary>
    public string MessageId { get; }

    /// <summary>The card shown now: the bot's answer to the last refresh or click, else the card given.</summary>
    public JsonObject Card { get; private set; } = [];

    /// <summary>True when the card shown came from the automatic refresh Teams made for this viewer.</summary>
    public bool WasRefreshed { get; private set; }

    /// <summary>The automatic refresh invoke Teams sent for this viewer before showing the card, if it did.</summary>
    public JsonObject? RefreshSent { get; private set; }

    /// <summary>What the renderer reported while parsing the card (unknown elements or properties …).</summary>
    public IReadOnlyList<string> ParseWarnings { get; private set; } = [];

    /// <summary>The PNG of the card shown now.</summary>
    public string ScreenshotPath { get; private set; } = "";

    /// <summary>The Playwright page, for anything this handle does not offer.</summary>
    public IPage Page => _page;

    /// <summary>
    /// The text a person sees on the card, as the browser lays it out: labels, text, facts, choice titles of expanded
    /// choice sets, the chosen option of a drop-down, button titles. What is typed in a text box is not text: use <see cref="ValueAsync"/>.
    /// </summary>
    public Task<string> TextAsync() => _page.EvaluateAsync<string>("() => teamsHost.visibleText()");

    /// <summary>The titles of the card's buttons, in order (the card's actions and any ActionSet in its body).</summary>
    public async Task<IReadOnlyList<string>> ButtonTitlesAsync() =>
        (await Buttons.AllInnerTextsAsync()).Select(t => t.Trim()).ToList();

    /// <summary>The validation messages the renderer shows under inputs right now (after a click it refused).</summary>
    public async Task<IReadOnlyList<string>> ValidationErrorsAsync() =>
        await _page.EvaluateAsync<string[]>("() => teamsHost.validationErrors()");

    /// <summary>The value the renderer would submit for input <paramref name="id"/> now, or null when it is not set.</summary>
    public Task<string?> ValueAsync(string id) => _page.EvaluateAsync<string?>("id => teamsHost.valueOf(id)", id);

    /// <summary>
    /// Fills input <paramref name="id"/> with <paramref name="value"/> — the value the card would submit — the way a
    /// person would: types into Input.Text/Number/Date/Time; picks the choice in a compact drop-down; types the choice's
    /// title into a filtered one (Teams' "type to search"); checks the radio button of an expanded one; checks exactly
    /// the given comma-separated values of a multi-select; checks an Input.Toggle when the value is its valueOn.
    /// </summary>
    public async Task FillAsync(string id, string value)
    {
        var input = await _page.EvaluateAsync<JsonElement>("id => teamsHost.describeInput(id)", id);
        var type = input.GetProperty("type").GetString();
        var style = input.GetProperty("style").GetString();
        var field = _page.Locator($"#card-root [id=\"{Css(id)}\"]");
        var choices = input.GetProperty("choices").EnumerateArray()
            .Select(c => (Title: c.GetProperty("title").GetString() ?? "", Value: c.GetProperty("value").GetString() ?? "")).ToList();
        string TitleOf(string v) => choices.Where(c => c.Value == v).Select(c => c.Title).FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"Input \"{id}\" has no choice with value \"{v}\"; it has: {string.Join(", ", choices.Select(c => c.Value))}.");

        switch (type)
        {
            case "Input.ChoiceSet" when input.GetProperty("isMultiSelect").GetBoolean():
                var wanted = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
                foreach (var choice in choices)
                {
                    await field.Locator($"input[type=checkbox][value=\"{Css(choice.Value)}\"]").SetCheckedAsync(wanted.Contains(choice.Value));
                }
                break;
            case "Input.ChoiceSet" when style == "expanded":
                _ = TitleOf(value); // fails clearly for a value the card does not offer
                await field.Locator($"input[type=radio][value=\"{Css(value)}\"]").CheckAsync();
                break;
            case "Input.ChoiceSet" when style == "filtered":
                await field.Locator("input").FillAsync(value.Length == 0 ? "" : TitleOf(value));
                break;
            case "Input.ChoiceSet":
                await field.Locator("select").SelectOptionAsync(value.Length == 0 ? [] : new[] { new SelectOptionValue { Value = value } });
                break;
            case "Input.Toggle":
                await field.Locator("input[type=checkbox]").SetCheckedAsync(value == (input.GetProperty("valueOn").GetString() ?? "true"));
                break;
            case "Input.Text" or "Input.Number" or "Input.Date" or "Input.Time":
                await field.Locator("input, textarea").First.FillAsync(value);
                break;
            default:
                throw new NotSupportedException($"Filling {type} is not supported.");
        }
        var now = await ValueAsync(id);
        if ((now ?? "") != value && type != "Input.ChoiceSet")
        {
            throw new Xunit.Sdk.XunitException($"Input \"{id}\" holds \"{now}\" after filling it with \"{value}\" (maxLength? format?).");
        }
    }

    /// <summary>
    /// Clicks the button titled <paramref name="title"/>. The renderer validates the inputs first (isRequired, regex,
    /// choices) and, if one fails, shows its error and sends nothing, as Teams does (<see cref="CardClick.Stopped"/>).
    /// Otherwise the action becomes the activity Teams sends, from <see cref="Viewer"/>, with <c>replyToId</c> =
    /// <see cref="MessageId"/>: Action.Execute → invoke <c>adaptiveCard/action</c> (trigger manual), whose card answer
    /// replaces this card; Action.Submit → a message with <c>value</c> (or, with <c>msteams.imBack</c>, the text), after
    /// which a card the bot put in place of this message (connector update) is shown. Action.OpenUrl is only recorded.
    /// </summary>
    /// <param name="title">The button's title, as shown.</param>
    /// <param name="step">A word for the screenshot of what the click shows next (default: <c>after-&lt;title&gt;</c>, or <c>stopped</c>).</param>
    public async Task<CardClick> ClickAsync(string title, string? step = null)
    {
        var button = Buttons.Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(title) + "\\s*$") });
        if (await button.CountAsync() != 1)
        {
            throw new Xunit.Sdk.XunitException($"Expected one button \"{title}\"; the card has: {string.Join(" | ", await ButtonTitlesAsync())}.");
        }
        await _page.EvaluateAsync("() => teamsHost.takeActions()");
        var clicksBefore = await _page.EvaluateAsync<int>("() => teamsHost.clicks()");
        await button.ClickAsync();
        // the renderer's handler runs in the same click event: once the click is seen, its action (if any) is recorded
        await _page.WaitForFunctionAsync("n => teamsHost.clicks() > n", clicksBefore, new() { Timeout = TeamsCardHost.TimeoutMs });
        // as JSON text: Playwright's own serialisation of objects adds "$id" reference markers Teams never sends
        var actions = JsonDocument.Parse(await _page.EvaluateAsync<string>("() => JSON.stringify(teamsHost.takeActions())")).RootElement;
        ThrowOnPageErrors();
        if (actions.GetArrayLength() == 0)
        {
            await ScreenshotAsync(step ?? "stopped");
            return new CardClick(null, null, null, null, [], await ValidationErrorsAsync());
        }
        var action = JsonNode.Parse(actions[0].GetRawText())!.AsObject();
        return action["type"]?.GetValue<string>() switch
        {
            "Action.Execute" => await ExecuteAsync(action["verb"]?.GetValue<string>(), action["data"] as JsonObject ?? [], step ?? "after-" + title),
            "Action.Submit" => await SubmitAsync(action["data"], step ?? "after-" + title),
            _ => new CardClick(null, action, null, null, [], []),
        };
    }

    /// <summary>Saves the card as shown now as a PNG (done already after every render and click).</summary>
    public async Task<string> ScreenshotAsync(string step)
    {
        ScreenshotPath = _screenshotPath(step);
        await _page.Mouse.MoveAsync(0, 0); // no hover effect on the button just clicked
        await _page.Locator("#card-root").ScreenshotAsync(new() { Path = ScreenshotPath, Animations = ScreenshotAnimations.Disabled });
        return ScreenshotPath;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    /// <summary>A string inside a double-quoted CSS attribute selector.</summary>
    private static string Css(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private ILocator Buttons => _page.Locator("#card-root button.ac-pushButton");

    /// <summary>Renders <paramref name="card"/>; with <paramref name="refresh"/>, first does Teams' automatic refresh for the viewer.</summary>
    internal async Task ShowAsync(JsonObject card, string step, bool refresh)
    {
        if (refresh && card["refresh"]?["action"] is JsonObject refreshAction
            && card["refresh"]?["userIds"] is JsonArray userIds && userIds.Any(u => u?.GetValue<string>() == Viewer.Id))
        {
            RefreshSent = _chat.Execute(refreshAction["verb"]?.GetValue<string>(), refreshAction["data"]?.DeepClone() as JsonObject ?? [],
                MessageId, Viewer, automatic: true);
            var answer = await _chat.PostAsync(RefreshSent);
            if (AnsweredCard(answer) is { } refreshed)
            {
                WasRefreshed = true;
                card = refreshed;
            }
        }
        var warnings = await _page.EvaluateAsync<string[]>("json => teamsHost.render(json)", card.ToJsonString());
        ThrowOnPageErrors();
        Card = card;
        ParseWarnings = warnings;
        await ScreenshotAsync(step);
    }

    private async Task<CardClick> ExecuteAsync(string? verb, JsonObject data, string step)
    {
        var activity = _chat.Execute(verb, data, MessageId, Viewer, automatic: false);
        var before = _chat.Connector.Calls.Count;
        var answer = await _chat.PostAsync(activity);
        var posted = PostedSince(before);
        if (AnsweredCard(answer) is { } card)
        {
            await ShowAsync(card, step, refresh: false);
            return new CardClick(activity, null, answer, card, posted, []);
        }
        return new CardClick(activity, null, answer, null, posted, []);
    }

    private async Task<CardClick> SubmitAsync(JsonNode? data, string step)
    {
        var msteams = data?["msteams"] as JsonObject;
        JsonObject activity;
        switch (msteams?["type"]?.GetValue<string>())
        {
            case "imBack":
                activity = _chat.Say(msteams["value"]?.GetValue<string>() ?? "", Viewer);
                break;
            case "messageBack":
                var value = msteams["value"] as JsonObject is { } v ? (JsonObject)v.DeepClone() : [];
                foreach (var (key, node) in data!.AsObject().Where(p => p.Key != "msteams"))
                {
                    value[key] = node?.DeepClone();
                }
                activity = _chat.Submit(value, MessageId, Viewer);
                if (msteams["text"]?.GetValue<string>() is { } text)
                {
                    activity["text"] = text;
                }
                break;
            default:
                activity = _chat.Submit(data as JsonObject ?? [], MessageId, Viewer);
                break;
        }
        var before = _chat.Connector.Calls.Count;
        await _chat.PostAsync(activity);
        var calls = _chat.Connector.Calls.Skip(before).ToArray();
        // the bot replaced this card (PUT …/activities/{MessageId}): Teams shows the new card in place
        var update = calls.LastOrDefault(c => c.Method == "PUT" && c.RawPath.EndsWith("/activities/" + Uri.EscapeDataString(MessageId), StringComparison.Ordinal));
        if (update?.Card is { } card)
        {
            await ShowAsync(card, step, refresh: false);
            return new CardClick(activity, null, null, card, PostedSince(before), []);
        }
        return new CardClick(activity, null, null, null, PostedSince(before), []);
    }

    /// <summary>Messages the bot posted (not roster reads or updates) since connector call number <paramref name="before"/>.</summary>
    private ConnectorCall[] PostedSince(int before) => _chat.Connector.Calls.Skip(before)
        .Where(c => c.Method == "POST" && c.RawPath.Contains("/activities", StringComparison.Ordinal)).ToArray();

    private static JsonObject? AnsweredCard(JsonNode? answer) =>
        answer?["statusCode"]?.GetValue<int>() == 200 && answer["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive"
            ? answer["value"]?.DeepClone() as JsonObject
            : null;

    private void ThrowOnPageErrors()
    {
        if (_pageErrors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("The card page threw: " + string.Join("; ", _pageErrors));
        }
    }
}

/// <summary>What a click did.</summary>
/// <param name="Sent">The activity Teams sent to the bot; null when the renderer stopped the click (<see cref="Stopped"/>) or the action does not reach the bot.</param>
/// <param name="Local">An action handled by the client alone (Action.OpenUrl: <c>{type, title, url}</c>).</param>
/// <param name="Answer">The bot's HTTP answer to an invoke: <c>{statusCode, type, value}</c>.</param>
/// <param name="NewCard">The card now shown in place of the clicked one (also <see cref="TeamsCardView.Card"/>), if the bot sent one.</param>
/// <param name="Posted">Messages the bot posted into the conversation meanwhile (via the connector).</param>
/// <param name="ValidationErrors">The renderer's messages under the inputs that stopped the click.</param>
public sealed record CardClick(JsonObject? Sent, JsonObject? Local, JsonNode? Answer, JsonObject? NewCard, ConnectorCall[] Posted, IReadOnlyList<string> ValidationErrors)
{
    /// <summary>True when the renderer refused the click (an input failed validation): nothing was sent.</summary>
    public bool Stopped => Sent is null && Local is null;

    /// <summary>The text of a <c>application/vnd.microsoft.activity.message</c> answer (Teams shows it briefly), if any.</summary>
    public string? Message => Answer?["type"]?.GetValue<string>() == "application/vnd.microsoft.activity.message" ? Answer["value"]?.GetValue<string>() : null;

    /// <summary>The message of an error answer (<c>application/vnd.microsoft.error</c>), if any.</summary>
    public string? Error => Answer?["type"]?.GetValue<string>() == "application/vnd.microsoft.error" ? Answer["value"]?["message"]?.GetValue<string>() : null;
}
