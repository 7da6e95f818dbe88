using VpiBot.Domain;
using VpiBot.Domain.Alliance;

namespace VpiBot.Tests.Domain.Alliance;

public sealed class AllianceRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static Member Person(string id, VpiRole role) => new(id, "29:" + id, "Name " + id, id + "@example.org", role, "Org", OrganisationType.Ngo, "f", Now);
    private static readonly Member Alice = Person("alice", VpiRole.Facilitator);
    private static readonly Member Chioma = Person("chioma", VpiRole.Alliance);
    private static readonly Member Femi = Person("femi", VpiRole.Alliance);
    private static readonly OrganisationDetails Details = new("Ghana Anti-Trafficking Coalition", OrganisationType.Ngo, "GH", "Accra", null, [UntocTheme.TraffickingInPersons]);

    [Fact]
    public void Registered_by_its_contact_the_consent_is_what_they_ticked_registered_by_a_facilitator_it_is_asked()
    {
        var own = AllianceRules.Register(1, Details, Chioma.AadObjectId, true, Chioma, Now);
        Assert.Equal((ConsentState.Given, "chioma", Now), (own.Consent.State, own.Consent.By, own.Consent.At!.Value));
        Assert.False(AllianceRules.AsksContact(own));
        Assert.Equal(ConsentState.Asked, AllianceRules.Register(1, Details, Chioma.AadObjectId, false, Chioma, Now).Consent.State);

        // a facilitator cannot consent for someone else, even by sending the toggle
        var forChioma = AllianceRules.Register(2, Details, Chioma.AadObjectId, true, Alice, Now);
        Assert.Equal(ConsentState.Asked, forChioma.Consent.State);
        Assert.True(AllianceRules.AsksContact(forChioma));
        Assert.False(forChioma.ConsentsToWhatsOn);
    }

    [Fact]
    public void Only_the_contact_answers_and_a_consent_taken_back_is_withdrawn_not_refused()
    {
        var o = AllianceRules.Register(1, Details, Chioma.AadObjectId, false, Alice, Now);
        Assert.Equal(AllianceRefusal.NotContact, AllianceRules.AnswerConsent(o, true, o.Revision, Alice, Now).Refusal);
        Assert.Equal(AllianceRefusal.NotContact, AllianceRules.AnswerConsent(o, true, o.Revision, Femi, Now).Refusal);
        Assert.Equal(AllianceRefusal.CardOutOfDate, AllianceRules.AnswerConsent(o, true, o.Revision + 1, Chioma, Now).Refusal);

        var given = AllianceRules.AnswerConsent(o, true, o.Revision, Chioma, Now).Organisation!;
        Assert.True(given.ConsentsToWhatsOn);
        var withdrawn = AllianceRules.AnswerConsent(given, false, given.Revision, Chioma, Now.AddDays(1)).Organisation!;
        Assert.Equal((ConsentState.Withdrawn, false, 3), (withdrawn.Consent.State, withdrawn.ConsentsToWhatsOn, withdrawn.Revision));
        Assert.Equal(ConsentState.Refused, AllianceRules.AnswerConsent(o, false, o.Revision, Chioma, Now).Organisation!.Consent.State);
    }

    [Fact]
    public void The_contact_and_facilitators_edit_only_a_facilitator_changes_the_contact_and_a_new_contact_is_asked_afresh()
    {
        var o = AllianceRules.Register(1, Details, Chioma.AadObjectId, true, Chioma, Now);
        var renamed = Details with { City = "Kumasi" };
        Assert.Equal(AllianceRefusal.NotContactOrFacilitator, AllianceRules.Edit(o, renamed, null, 1, Femi).Refusal);
        Assert.Equal(AllianceRefusal.CardOutOfDate, AllianceRules.Edit(o, renamed, null, 7, Chioma).Refusal);

        var byContact = AllianceRules.Edit(o, renamed, Femi.AadObjectId, 1, Chioma).Organisation!; // a contact cannot hand it over
        Assert.Equal(("Kumasi", "chioma", ConsentState.Given, 2), (byContact.Details.City, byContact.ContactAadObjectId, byContact.Consent.State, byContact.Revision));

        var handedOver = AllianceRules.Edit(byContact, renamed, Femi.AadObjectId, 2, Alice).Organisation!;
        Assert.Equal(("femi", ConsentState.Asked), (handedOver.ContactAadObjectId, handedOver.Consent.State)); // Chioma's consent was hers
        Assert.True(AllianceRules.AsksContact(handedOver));
    }

    [Fact]
    public void Names_compare_folded_and_types_are_counted_in_the_order_offered()
    {
        Assert.Equal(AllianceRules.FoldedName("ONG  Amis-du-Droit!"), AllianceRules.FoldedName("ong amis du droit"));
        Assert.Equal(AllianceRules.FoldedName("Université d'Abomey"), AllianceRules.FoldedName("UNIVERSITE D ABOMEY"));
        Assert.NotEqual(AllianceRules.FoldedName("جمعية الأمل"), AllianceRules.FoldedName("جمعية النور"));
        var orgs = new[] { OrganisationType.Academia, OrganisationType.Ngo, OrganisationType.Academia, OrganisationType.Other }
            .Select((t, i) => AllianceRules.Register(i + 1, Details with { Type = t }, "chioma", false, Chioma, Now));
        Assert.Equal([(OrganisationType.Ngo, 1), (OrganisationType.Academia, 2), (OrganisationType.Other, 1)], AllianceRules.CountByType(orgs));
    }

    [Fact]
    public void The_alliance_is_founded_only_with_an_organisation_registered()
    {
        var today = new DateOnly(2026, 11, 28);
        var vpi = new Vpi("v", "GH", "t", Instrument.Untoc, ReviewCluster.Prevention, CollaborationLevel.Minimum,
            new VpiHome("19:c@thread.tacv2", "https://smba.trafficmanager.net/amer/", "19:t@thread.tacv2", "19:c@thread.tacv2", true),
            Enum.GetValues<VpiStage>().Where(s => s < VpiStage.CivilSocietyAlliance).ToDictionary(s => s, _ => today), new HashSet<string>(), "f", Now);
        Assert.Equal(StageRefusal.NoAllianceOrganisation, StageRules.Complete(vpi, VpiStage.CivilSocietyAlliance, today, today, "f", "F", Now).Refusal);
        var (founded, refusal) = StageRules.Complete(vpi, VpiStage.CivilSocietyAlliance, today, today, "f", "F", Now, allianceOrganisations: 1);
        Assert.Null(refusal);
        Assert.Equal(today, founded!.CompletedStages[VpiStage.CivilSocietyAlliance]);
    }
}
