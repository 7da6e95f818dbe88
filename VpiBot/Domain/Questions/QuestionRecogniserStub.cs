namespace VpiBot.Domain.Questions;

// TEMPORARY: stands in for the recogniser being written on branch "recogniser"; deleted when it is merged.
public static class QuestionRecogniser
{
    public static Recognised Recognise(string text, string? locale)
    {
        var t = text.ToLowerInvariant();
        var intent = t.Contains("where are we") ? QuestionIntent.Status
            : t.Contains("my tasks") ? QuestionIntent.MyTasks
            : t.Contains("waiting") ? QuestionIntent.WaitingForMe
            : t.Contains("hasn't voted") ? QuestionIntent.NotVoted
            : t.Contains("report") ? QuestionIntent.NotYet
            : QuestionIntent.Unknown;
        return new Recognised(intent, new QuestionSlots(), intent == QuestionIntent.Unknown ? 0 : 1, "en");
    }

    public static IReadOnlyList<QuestionIntent> Nearest(string text, string? locale, int n = 3) =>
        [QuestionIntent.Status, QuestionIntent.WaitingForMe, QuestionIntent.MyTasks];
}
