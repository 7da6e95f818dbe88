namespace VpiBot.Features.Questions;

/// <summary>
/// The optional language-model assistant (section <c>Assistant</c>), for questions the recogniser cannot place. Off
/// unless both <see cref="Endpoint"/> and <see cref="Model"/> are set; off, nothing is built or checked at start-up and
/// every question not understood gets the "did you mean" card.
/// </summary>
public sealed class AssistantOptions
{
    /// <summary>An OpenAI-compatible base URL (<c>Assistant:Endpoint</c>), the SDK posts to <c>{Endpoint}chat/completions</c>:
    /// Azure OpenAI's v1 API <c>https://NAME.openai.azure.com/openai/v1/</c>, or a fake on 127.0.0.1 in tests.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model (Azure OpenAI: the deployment's name) (<c>Assistant:Model</c>).</summary>
    public string? Model { get; set; }

    /// <summary>The API key (<c>Assistant:ApiKey</c>), sent as <c>Authorization: Bearer</c>. Keep it in a secret store.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Authenticate with the bot's Entra identity instead of a key (<c>Assistant:UseManagedIdentity</c>): a token
    /// for <see cref="QuestionAssistantServices.Scope"/> from the registered <c>TokenCredential</c>, else the bot's
    /// user-assigned managed identity, else <c>DefaultAzureCredential</c>. The identity needs the role
    /// "Cognitive Services OpenAI User" on the resource.</summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>The whole answer — every request to the model and every tool call — is bounded by this
    /// (<c>Assistant:Timeout</c>); past it the person gets the "did you mean" card.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Tool calls allowed for one question (<c>Assistant:MaxToolCalls</c>); a model asking for more gets no answer shown.</summary>
    public int MaxToolCalls { get; set; } = 6;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);
}
