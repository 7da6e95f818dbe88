using VpiBot.Features.Shared;

namespace VpiBot.Features.Questions;

/// <summary>Plain-language questions: whatever is typed that is no command (see <see cref="QuestionHandlers"/>).</summary>
public static class QuestionRoutes
{
    public static IServiceCollection AddQuestions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddQuestionAssistant(configuration);

    public static void Map(VpiRoutes routes) => routes
        .Questions<QuestionHandlers>((h, turn, text, ct) => h.AskAsync(turn, text, ct))
        // the answer is a command's, which checks its own access for the VPI the card names
        .OpenCard<QuestionHandlers, AskQuestion>((h, turn, data, ct) => h.AskIntentAsync(turn, data, ct))
        .OpenCard<QuestionHandlers, AskInVpi>((h, turn, data, ct) => h.AskInVpiAsync(turn, data, ct));
}
