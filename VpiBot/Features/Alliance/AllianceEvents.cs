using System.Globalization;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Features.Alliance.Cards;
using VpiBot.Notifications;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Alliance;

/// <summary>
/// Someone registered (or gave a new contact to) an organisation for its contact. Owes: the organisation's card sent
/// 1:1 to the contact, to check its details and give or refuse consent to its listing in WhatsOn.
/// <paramref name="BotId"/> and <paramref name="ServiceUrl"/> are how the bot opens the 1:1 chat.
/// </summary>
public sealed record ContactAskedForConsent(string VpiId, int Number, string ContactAadObjectId, string Culture, string BotId, string ServiceUrl) : IVpiEvent;

/// <summary>What the consent card renders from: the organisation's number.</summary>
public sealed record OrganisationRef(int Number);

/// <summary>The delivery a consent request owes, to the contact as they are on the roster when it is handled.</summary>
public sealed class AllianceNotifications(VpiStore vpis) : IVpiEventHandler<ContactAskedForConsent>
{
    /// <summary>The tracking key of an organisation's consent cards sent 1:1.</summary>
    public static string Track(int number) => "organisation|" + number.ToString("D6", CultureInfo.InvariantCulture) + "|consent";

    public async Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(ContactAskedForConsent e, CancellationToken ct) =>
        (await vpis.GetMembersAsync(e.VpiId, ct)).FirstOrDefault(m => string.Equals(m.AadObjectId, e.ContactAadObjectId, StringComparison.OrdinalIgnoreCase)) is { } contact
            ? [OutboxDelivery.ToMember(contact, e.BotId, e.ServiceUrl, ConsentCardView.ViewName, new OrganisationRef(e.Number), e.Culture, Track(e.Number))]
            : [];
}

/// <summary>The consent card: the organisation as its contact sees it (details, Agree / Do not list, Edit), saying who registered it.</summary>
public sealed class ConsentCardView(OrganisationStore organisations, VpiStore vpis) : IMessageView
{
    public const string ViewName = "alliance.consent";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        if (await organisations.GetAsync(vpi.Id, args.Deserialize<OrganisationRef>(VpiStore.Json)!.Number, ct) is not { Item: var o })
        {
            return null;
        }
        var roster = await vpis.GetMembersAsync(vpi.Id, ct);
        var contact = roster.FirstOrDefault(m => o.IsContact(m.AadObjectId));
        if (contact is null)
        {
            return null; // no longer on the roster: nobody to ask
        }
        var c = Text.Culture(culture);
        var by = roster.FirstOrDefault(m => string.Equals(m.AadObjectId, o.RegisteredBy, StringComparison.OrdinalIgnoreCase))?.Name ?? o.RegisteredByName;
        return OutboxMessage.OfCard(OrganisationCard.Build(vpi, o, contact.Name, OrganisationViewer.Of(o, contact), c,
            Text.Get("Organisation.AskConsent", c, by, OrganisationParts.Label(o.Number, c))));
    }
}
