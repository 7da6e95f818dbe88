using VpiBot.Domain.Meetings;
using VpiBot.Domain.Questions;

namespace VpiBot.Tests.Domain.Questions;

/// <summary>
/// Arabic and Russian as people type them: the spellings a reader takes for the same word (hamza or not, ة or ه,
/// tashkeel, tatweel, Arabic-Indic digits; ё or е), the article and prefixes glued to Arabic words, numbered items in
/// both scripts, and the language read from the script whatever the Teams locale.
/// </summary>
public sealed class ArabicAndRussianQuestionsTests
{
    [Theory]
    [InlineData("أإآ", "ااا")]
    [InlineData("مَهَامِّي", "مهامي")]
    [InlineData("مهـــامي", "مهامي")]
    [InlineData("التوصية", "التوصيه")]
    [InlineData("مستوى", "مستوي")]
    [InlineData("التوصية٣؟", "التوصيه 3")]
    [InlineData("۱۲", "12")]
    [InlineData("ещё Ёлка", "еще елка")]
    public void Arabic_and_Russian_are_folded_as_readers_read_them(string typed, string folded) =>
        Assert.Equal(folded, QuestionText.Fold(typed).Trim());

    [Theory]
    [InlineData("ما هي مهامي؟")]
    [InlineData("ما هى مهامى")]
    [InlineData("مَا هِيَ مَهَامِي؟")]
    [InlineData("ما هـي مهـامـي")]
    [InlineData("وما هي مهامي")]
    public void An_arabic_question_reads_alike_however_it_is_spelled(string text)
    {
        var r = QuestionRecogniser.Recognise(text, "ar-SA");
        Assert.Equal("ar", r.Language);
        Assert.Equal(QuestionIntent.MyTasks, r.Intent);
    }

    [Theory]
    [InlineData("متى الاجتماع القادم؟")]
    [InlineData("متى اجتماع قادم")]
    [InlineData("وموعد الاجتماع القادم؟")]
    [InlineData("بالنسبة للاجتماع القادم، متى؟")]
    public void Arabic_words_match_with_and_without_the_article_and_prefixes(string text) =>
        Assert.Equal(QuestionIntent.NextMeeting, QuestionRecogniser.Recognise(text, "ar-SA").Intent);

    [Fact]
    public void An_arabic_prefix_is_not_stripped_from_a_word_that_is_itself_known()
    {
        // "لوحة" (dashboard) starts with ل; read as typed, not as "وحة".
        var r = QuestionRecogniser.Recognise("هل توجد لوحة معلومات؟", "ar-SA");
        Assert.Equal(QuestionIntent.Tools, r.Intent);
        Assert.Equal(BotTool.Dashboard, r.Slots.Feature);
    }

    [Theory]
    [InlineData("ما نتيجة التوصية ٣؟", 3, ItemKind.Recommendation)]
    [InlineData("نتيجة التوصية رقم 3", 3, ItemKind.Recommendation)]
    [InlineData("نتيجة R3", 3, ItemKind.Recommendation)]
    [InlineData("ماذا حدث للأولوية #4", 4, ItemKind.Priority)]
    [InlineData("حالة P4", 4, ItemKind.Priority)]
    [InlineData("أين وصلت الأولوية رقم تسعة", 9, ItemKind.Priority)]
    [InlineData("كيف تسير المهمة ٢", 2, ItemKind.Task)]
    [InlineData("рекомендация № 3 принята?", 3, ItemKind.Recommendation)]
    [InlineData("результат Р3", 3, ItemKind.Recommendation)]
    [InlineData("результат R3", 3, ItemKind.Recommendation)]
    [InlineData("что случилось с приоритетом 4?", 4, ItemKind.Priority)]
    [InlineData("где сейчас приоритет девять", 9, ItemKind.Priority)]
    [InlineData("как идёт задача номер 2", 2, ItemKind.Task)]
    [InlineData("кто будет на встрече 2", 2, ItemKind.Meeting)]
    public void Numbers_are_read_in_arabic_and_russian(string text, int number, ItemKind kind)
    {
        var slots = QuestionRecogniser.Recognise(text, null).Slots;
        Assert.Equal(number, slots.Number);
        Assert.Equal(kind, slots.NumberKind);
    }

    [Theory]
    [InlineData("статус VPI?", "en-US", "ru", QuestionIntent.Status)]
    [InlineData("кто не проголосовал по R3?", "en-US", "ru", QuestionIntent.NotVoted)]
    [InlineData("какие задачи просрочены по UNTOC", "fr-FR", "ru", QuestionIntent.Overdue)]
    [InlineData("ما هو وضع VPI حاليا", "en-US", "ar", QuestionIntent.Status)]
    [InlineData("من لم يصوت على R3؟", "es-ES", "ar", QuestionIntent.NotVoted)]
    [InlineData("what is overdue in the VPI?", "ru-RU", "en", QuestionIntent.Overdue)]
    [InlineData("quelles sont mes tâches ?", "ar-SA", "fr", QuestionIntent.MyTasks)]
    public void The_language_is_read_from_the_text_even_with_latin_words_in_it(string text, string locale, string language, QuestionIntent intent)
    {
        var r = QuestionRecogniser.Recognise(text, locale);
        Assert.Equal(language, r.Language);
        Assert.Equal(intent, r.Intent);
    }

    [Theory]
    [InlineData("R3?", "ar-SA", "ar")]
    [InlineData("R3?", "ru-RU", "ru")]
    public void The_arabic_and_russian_locales_break_ties(string text, string locale, string language) =>
        Assert.Equal(language, QuestionRecogniser.Recognise(text, locale).Language);

    [Theory]
    [InlineData("من يمثل جامعة غانا؟", "جامعة غانا")]
    [InlineData("من هو جهة الاتصال لدينا في وزارة العدل من فضلك", "وزارة العدل")]
    [InlineData("مَن يُمثّل جامعة غانا؟", "جامعة غانا")]
    [InlineData("من يمثـــل جامعة غانا", "جامعة غانا")]
    [InlineData("кто представляет Университет Ганы?", "Университет Ганы")]
    [InlineData("кто работает в УНП ООН, пожалуйста", "УНП ООН")]
    public void The_organisation_is_kept_as_typed_in_arabic_and_russian(string text, string organisation)
    {
        var r = QuestionRecogniser.Recognise(text, null);
        Assert.Equal(QuestionIntent.Organisation, r.Intent);
        Assert.Equal(organisation, r.Slots.Text);
    }

    [Theory]
    [InlineData("كيف الطقس في فيينا؟")]
    [InlineData("احكي لي نكتة")]
    [InlineData("какая погода в Вене?")]
    [InlineData("расскажи анекдот")]
    public void Off_topic_arabic_and_russian_is_unknown(string text)
    {
        var r = QuestionRecogniser.Recognise(text, null);
        Assert.Equal(QuestionIntent.Unknown, r.Intent);
        Assert.Equal(3, QuestionRecogniser.Nearest(text, null).Count);
    }
}
