using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Meetings;
using VpiBot.Features.Meetings.Cards;
using VpiBot.Tests.Support;
using Xunit.Abstractions;

namespace VpiBot.Tests.Features.Meetings;

/// <summary>
/// The meeting cards at their limits: 200 invitees (the most) with 60-character Arabic names, the longest title and
/// agenda, every presence and reply group full. Each card stays under Teams' 40 KB and names at most 12 people a group.
/// </summary>
public sealed class MeetingCardSizeTests(ITestOutputHelper output)
{
    /// <summary>Every card is measured in each of the six languages: a longer language must not push it past 40 KB.</summary>
    private static readonly CultureInfo[] Readers = [.. VpiBot.Protocol.Languages.Supported.Select(l => VpiBot.Protocol.Languages.For(l))];
    private static string Arabic(int length) => LargestCards.Arabic(length);
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Vpi Ghana = LargestCards.Ghana;

    private static readonly IReadOnlyList<Invitee> Invitees = [.. Enumerable.Range(0, MeetingPlan.MaxInvitees).Select(i =>
        new Invitee($"person{i:D3}.with.a.long.address@ministry-of-justice.example.gov.gh", Arabic(60), i % 3 != 0, i < 180 ? $"aad-{i}" : null))];

    private static Meeting Meeting(MeetingStatus status)
    {
        var plan = new MeetingPlan(MeetingKind.AdvisoryBoard, Arabic(MeetingPlan.MaxTitle), Arabic(MeetingPlan.MaxAgenda), Invitees, 120,
            new DateOnly(2027, 3, 2), new DateOnly(2027, 5, 1), 10);
        var presences = Enum.GetValues<Presence>();
        var slots = Enumerable.Range(0, 3).Select(s => new Slot(Now.AddDays(s + 1), Now.AddDays(s + 1).AddHours(2),
            [.. Invitees.Select((i, n) => new AttendeePresence(i.Address, i.Required, presences[n % presences.Length]))])).ToList();
        var replies = Invitees.Select((i, n) => (i.Address, Reply: (MeetingReply)(n % 4))).ToDictionary(r => r.Address, r => r.Reply);
        return new Meeting(99_999, plan, status, status == MeetingStatus.Proposed ? slots : [], null, Now.AddDays(2), Now.AddDays(2).AddHours(2),
            "vpi-meetings@unodc.example.org", "AAMkAGI2TG93AAA=", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_1%40thread.v2/0",
            replies, Now, "f", Arabic(60), Now, 40);
    }

    private int Report(string what, JsonObject card)
    {
        CardAssert.ValidAdaptiveCard(card);
        var bytes = CardAssert.MessageSizeInBytes(card);
        output.WriteLine($"{what}: {bytes / 1024.0:0.0} KB");
        return bytes;
    }

    [Fact]
    public void The_proposal_of_three_times_for_200_invitees_fits_and_names_at_most_12_a_group()
    {
        foreach (var reader in Readers)
        {
            var card = MeetingProposalCard.Build(Ghana, Meeting(MeetingStatus.Proposed), reader);
            Report("proposal", card);
            var text = CardReading.Visible(card);
            if (reader.Name == "en") Assert.Contains("and 28 more", text); // 40 free of 200, 12 named  // the English wording; the size holds in every language
            Assert.Equal(3, card.ToJsonString().Split("\"verb\":\"meeting.book\"").Length - 1);
        }
    }

    [Fact]
    public void The_meeting_card_with_200_replies_fits()
    {
        foreach (var reader in Readers)
        {
            var m = Meeting(MeetingStatus.Booked);
            var card = MeetingCard.Build(Ghana, new MeetingShown(m, [.. Enumerable.Range(0, 60).Select(i => $"29:{i}")], Now), canManage: true, reader);
            Report("meeting", card);
            if (reader.Name == "en") Assert.Contains("Accepted 50 · Tentative 50 · Declined 50 · No reply 50", CardReading.Visible(card));  // the English wording; the size holds in every language
            Assert.Equal(60, card["refresh"]!["userIds"]!.AsArray().Count);
        }
    }

    [Fact]
    public void The_form_with_every_member_listed_and_the_longest_text_fits()
    {
        foreach (var reader in Readers)
        {
            var roster = Enumerable.Range(0, 300).Select(i => new Member($"aad-{i}", $"29:{i}", Arabic(60), $"p{i}@example.org", (VpiRole)(i % 3), Arabic(60),
                OrganisationType.Ngo, "f", Now)).ToList();
            var typed = new FindMeetingTimes(Ghana.Id, MeetingKind.AdvisoryBoard, Arabic(MeetingPlan.MaxTitle), Arabic(MeetingPlan.MaxAgenda),
                string.Join(",", roster.Take(150).Select(m => m.AadObjectId)), string.Join(",", roster.Skip(150).Select(m => m.AadObjectId)),
                new string('x', 2000), "120", "2027-03-02", "2027-05-01", "10");
            var card = MeetingFormCard.Build(Ghana, roster, typed, reader, [.. Enumerable.Repeat(Arabic(300), 5)]);
            Report("form", card);
            if (reader.Name == "en") Assert.Contains($"Only {MeetingFormCard.MaxMemberChoices} of the 300 members are listed", CardReading.Visible(card));
        }
    }
}
