using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Resources;
using VpiBot.Storage;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Outbox.Cards;

/// <summary>The state of a VPI's outbox, newest problems first, a bounded number of lines so the card stays small.</summary>
public static class OutboxCard
{
    public const int MaxLines = 20;

    public static JsonObject Build(OutboxSummary summary, IReadOnlyList<Member> roster, CultureInfo culture)
    {
        string NameOf(string? aadObjectId) =>
            roster.FirstOrDefault(m => string.Equals(m.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase))?.Name ?? aadObjectId ?? "?";
        string When(DateTimeOffset at) => at.ToString("d MMM yyyy HH:mm 'UTC'", culture);
        string Recipient(OutboxDelivery? d) => d?.Kind switch
        {
            DeliveryKind.Member => NameOf(d.MemberAadObjectId),
            DeliveryKind.Home => Text.Get("Outbox.ToChannel", culture),
            DeliveryKind.Update => Text.Get("Outbox.ToPostedCard", culture),
            _ => Text.Get("Outbox.ToEveryone", culture),
        };

        var body = new List<JsonNode?>
        {
            Heading(Text.Get("Outbox.Title", culture)),
            Paragraph(Text.Get("Outbox.Pending", culture, summary.Pending)),
            Subheading(Text.Get("Outbox.Failed", culture, summary.Failed.Count)),
        };
        var failed = summary.Failed.OrderByDescending(f => f.FailedAt).ToList();
        body.AddRange(failed.Take(MaxLines).Select(f =>
            UserText(Text.Get("Outbox.FailedLine", culture, When(f.FailedAt), Recipient(f.Job.Delivery), f.Reason), subtle: true)));
        if (failed.Count > MaxLines)
        {
            body.Add(Paragraph(Text.Get("Outbox.More", culture, failed.Count - MaxLines)));
        }
        body.Add(Subheading(Text.Get("Outbox.Unreachable", culture, summary.Unreachable.Count)));
        var unreachable = summary.Unreachable.OrderByDescending(u => u.Since).ToList();
        body.AddRange(unreachable.Take(MaxLines).Select(u =>
            UserText(Text.Get("Outbox.UnreachableLine", culture, u.Name ?? NameOf(u.AadObjectId), When(u.Since)))));
        if (unreachable.Count > MaxLines)
        {
            body.Add(Paragraph(Text.Get("Outbox.More", culture, unreachable.Count - MaxLines)));
        }
        return Card(body);
    }
}
