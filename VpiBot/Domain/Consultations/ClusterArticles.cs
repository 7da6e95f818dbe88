namespace VpiBot.Domain.Consultations;

/// <summary>
/// The articles of each instrument that each thematic cluster of the UNTOC Review Mechanism reviews: the questions a
/// consultation on the self-assessment questionnaire can be built from (titles: resources <c>Article.{Instrument}.{n}</c>).
/// </summary>
/// <remarks>
/// The grouping is the one of the thematic clusters and multi-year workplan appended to the Procedures and Rules for the
/// Functioning of the Mechanism (Conference of the Parties resolution 9/1, 2018, annex; review launched by resolution
/// 10/1, 2020; https://www.unodc.org/unodc/en/organized-crime/intro/review-mechanism-untoc/overview.html). The
/// Convention's four clusters are as the appendix lists them. The protocols' articles were placed by their subject
/// (criminalization and use of terms; prevention and protection; law enforcement; cooperation between States) from the
/// protocols' own article titles, as the appendix could not be read here: check them against the appendix before relying
/// on them.
/// </remarks>
public static class ClusterArticles
{
    private static readonly Dictionary<(Instrument, ReviewCluster), int[]> Articles = new()
    {
        [(Instrument.Untoc, ReviewCluster.Criminalization)] = [5, 6, 8, 9, 10, 15, 23],
        [(Instrument.Untoc, ReviewCluster.Prevention)] = [24, 25, 29, 30, 31],
        [(Instrument.Untoc, ReviewCluster.LawEnforcement)] = [7, 11, 19, 20, 22, 26, 27, 28],
        [(Instrument.Untoc, ReviewCluster.InternationalCooperation)] = [12, 13, 14, 16, 17, 18, 21],
        [(Instrument.TraffickingInPersons, ReviewCluster.Criminalization)] = [3, 5],
        [(Instrument.TraffickingInPersons, ReviewCluster.Prevention)] = [6, 7, 9],
        [(Instrument.TraffickingInPersons, ReviewCluster.LawEnforcement)] = [10, 11, 12],
        [(Instrument.TraffickingInPersons, ReviewCluster.InternationalCooperation)] = [8, 13],
        [(Instrument.SmugglingOfMigrants, ReviewCluster.Criminalization)] = [3, 5, 6],
        [(Instrument.SmugglingOfMigrants, ReviewCluster.Prevention)] = [14, 15, 16, 19],
        [(Instrument.SmugglingOfMigrants, ReviewCluster.LawEnforcement)] = [9, 11, 12],
        [(Instrument.SmugglingOfMigrants, ReviewCluster.InternationalCooperation)] = [7, 8, 10, 13, 17, 18],
        [(Instrument.Firearms, ReviewCluster.Criminalization)] = [3, 5],
        [(Instrument.Firearms, ReviewCluster.Prevention)] = [7, 8, 9, 11, 14],
        [(Instrument.Firearms, ReviewCluster.LawEnforcement)] = [12, 15],
        [(Instrument.Firearms, ReviewCluster.InternationalCooperation)] = [6, 10, 13],
    };

    /// <summary>The articles a cluster reviews for an instrument, in article order (none for an unknown pair).</summary>
    public static IReadOnlyList<int> Of(Instrument instrument, ReviewCluster cluster) =>
        Articles.TryGetValue((instrument, cluster), out var articles) ? articles : [];

    /// <summary>Every article of an instrument any cluster reviews.</summary>
    public static IEnumerable<int> All(Instrument instrument) =>
        Enum.GetValues<ReviewCluster>().SelectMany(c => Of(instrument, c)).Order();
}
