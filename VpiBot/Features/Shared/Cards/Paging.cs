using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Shared.Cards;

/// <summary>A list shown a page at a time (so no card comes near Teams' 40 KB): which page, what it says, its buttons.</summary>
public sealed record Paging(int Page, int Pages, int Count, int PageSize)
{
    /// <summary>The page asked for, kept within the pages there are (a card clicked after the list shrank).</summary>
    public static Paging Of(int count, int page, int pageSize)
    {
        var pages = Math.Max(1, (count + pageSize - 1) / pageSize);
        return new Paging(Math.Clamp(page, 1, pages), pages, count, pageSize);
    }

    public IEnumerable<T> Items<T>(IEnumerable<T> all) => all.Skip((Page - 1) * PageSize).Take(PageSize);

    /// <summary>"Page 2 of 3 (23 in all), newest first." or <paramref name="empty"/>.</summary>
    public JsonObject Summary(string empty, CultureInfo culture) =>
        Paragraph(Count == 0 ? empty : Text.Get("List.Page", culture, Page, Pages, Count));

    /// <summary>Previous and Next, where there is such a page.</summary>
    public IEnumerable<JsonNode> Buttons<TData>(Func<int, TData> pageData, CultureInfo culture) where TData : ICardData =>
        new[]
        {
            Page > 1 ? Execute(Text.Get("List.Previous", culture), pageData(Page - 1), primary: false) : null,
            Page < Pages ? Execute(Text.Get("List.Next", culture), pageData(Page + 1), primary: false) : null,
        }.OfType<JsonNode>();
}
