using Xunit.Abstractions;
using static VpiBot.Tests.Browser.DashboardHost;

namespace VpiBot.Tests.Browser;

[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardHost host, ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        foreach (var who in All)
        {
            output.WriteLine(who.Key + " ME " + (await host.ApiAsync(who, "api/dashboard/me")).ToJsonString());
            output.WriteLine(who.Key + " VPI " + (await host.ApiAsync(who, "api/dashboard/vpis/" + host.VpiId)).ToJsonString());
        }
    }
}
