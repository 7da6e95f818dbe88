using VpiBot.Domain;

namespace VpiBot.Tests.Support;

/// <summary>What the card-size tests build their largest cards from: text in the language that costs most bytes, and Ghana's VPI at the High level.</summary>
public static class LargestCards
{
    /// <summary>Arabic text of exactly <paramref name="length"/> characters (two or more UTF-8 bytes each).</summary>
    public static string Arabic(int length) => string.Concat(Enumerable.Repeat("مكافحة الجريمة المنظمة ", length / 23 + 1))[..length];

    /// <summary>Ghana's VPI (a GUID-long id, as real ones are), in Accra's time zone.</summary>
    public static readonly Vpi Ghana = new("0f8fad5b-d9cb-469f-a165-70867728950e", "GH", "t", Instrument.Untoc, ReviewCluster.Prevention, CollaborationLevel.High,
        new VpiHome("19:c@thread.tacv2", "https://smba.trafficmanager.net/amer/", null, null, true),
        new Dictionary<VpiStage, DateOnly>(), new HashSet<string>(), "f", DateTimeOffset.UnixEpoch, TimeZone: "Africa/Accra");
}
