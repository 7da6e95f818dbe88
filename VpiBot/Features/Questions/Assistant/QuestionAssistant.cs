using VpiBot.Protocol;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Questions;

/// <summary>
/// The optional language-model assistant for questions the recogniser cannot place (<c>Assistant:…</c>). Off by
/// default: then it answers nothing, and the person gets the nearest questions instead.
/// </summary>
public sealed class QuestionAssistant
{
    /// <summary>The assistant's answer, or null when it is off or could not answer (the caller falls back).</summary>
    public Task<Answer?> AnswerAsync(Turn turn, string vpiId, string question, CancellationToken ct) => Task.FromResult<Answer?>(null);
}

public static class QuestionAssistantServices
{
    public static IServiceCollection AddQuestionAssistant(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<QuestionAssistant>();
}
