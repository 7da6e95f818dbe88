using Microsoft.Extensions.Time.Testing;
using VpiBot.Protocol.Connector;

namespace VpiBot.Tests.Protocol;

/// <summary>
/// With N live instances each paces at 1/N of every Teams limit (rounded down, at least 1), so the deployment as a
/// whole stays within them. https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
/// </summary>
public sealed class TeamsRateLimiterShareTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_share_divides_every_limit_rounding_down_and_keeps_at_least_one()
    {
        Assert.Equal([3, 4, 30, 900], TeamsRateLimiter.ShareOf(TeamsRateLimiter.PerConversation, 2).Select(w => w.Limit));
        Assert.Equal([25], TeamsRateLimiter.ShareOf(TeamsRateLimiter.PerTenant, 2).Select(w => w.Limit));
        Assert.Equal([1, 1, 6, 180], TeamsRateLimiter.ShareOf(TeamsRateLimiter.PerConversation, 10).Select(w => w.Limit));
        Assert.Equal([7, 8, 60, 1800], TeamsRateLimiter.ShareOf(TeamsRateLimiter.PerConversation, 0).Select(w => w.Limit));
        Assert.Equal(TeamsRateLimiter.PerConversation.Select(w => w.Span), TeamsRateLimiter.ShareOf(TeamsRateLimiter.PerConversation, 3).Select(w => w.Span));
    }

    [Fact]
    public void One_of_two_instances_sends_at_most_25_per_second_to_a_tenant()
    {
        var limiter = new TeamsRateLimiter(new FakeTimeProvider(T0));
        limiter.SetInstances(2);

        var delays = Enumerable.Range(0, 50).Select(i => limiter.Reserve("tenant", "conversation-" + i)).ToList();

        Assert.Equal(25, delays.Count(d => d == TimeSpan.Zero));
        Assert.All(delays.Skip(25), d => Assert.True(d >= TimeSpan.FromSeconds(1), $"{d}"));
        Assert.Equal(2, limiter.Instances);
    }

    [Fact]
    public void One_of_two_instances_sends_at_most_3_per_second_to_a_conversation()
    {
        var limiter = new TeamsRateLimiter(new FakeTimeProvider(T0));
        limiter.SetInstances(2);

        var delays = Enumerable.Range(0, 4).Select(_ => limiter.Reserve("tenant", "conversation")).ToList();

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], delays.Take(3));
        Assert.True(delays[3] >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Back_to_one_instance_the_whole_limit_is_used_again()
    {
        var limiter = new TeamsRateLimiter(new FakeTimeProvider(T0));
        limiter.SetInstances(3);
        limiter.SetInstances(0);

        var delays = Enumerable.Range(0, 50).Select(i => limiter.Reserve("tenant", "conversation-" + i)).ToList();

        Assert.All(delays, d => Assert.Equal(TimeSpan.Zero, d));
        Assert.Equal(1, limiter.Instances);
    }
}
