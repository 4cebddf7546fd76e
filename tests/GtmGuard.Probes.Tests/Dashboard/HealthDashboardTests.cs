using System.Collections.Concurrent;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GtmGuard.Probes.Tests.Dashboard;

public sealed class HealthDashboardTests : IClassFixture<ChromiumFixture>
{
    private const string FailingBackground = "rgb(253, 226, 225)";
    private static readonly string[] Integrations = ["hubspot", "salesforce", "outreach", "clay"];

    private readonly ChromiumFixture _chromium;

    public HealthDashboardTests(ChromiumFixture chromium)
    {
        _chromium = chromium;

        // Web-first assertions wait for the page's next refresh; a loaded CI machine needs more than the 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    [Fact]
    public async Task Dashboard_ShowsEveryIntegration_FailingHubSpotInRed_AndUpdatesWithTraffic()
    {
        await using var host = await ProbeTestHost.StartAsync();
        await host.WaitUntilReadyAsync();
        await ProbeTestHost.SetChaosAsync(host.HubSpot, new { seed = 3, rules = new[] { new { operation = "*", fault = "serverError", probability = 1.0 } } });
        await host.RunRoundAsync("hubspot");
        host.App.Services.GetRequiredService<SyncMetrics>().Record(VendorId.Salesforce, SyncedRecordResult.Written, 5);
        await using var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 520 } });
        var page = await context.NewPageAsync();
        // Playwright raises Request on its own thread while the page keeps polling, so the list must be thread-safe.
        var requested = new ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(request.Url);

        await page.GotoAsync(host.BaseUrl.AbsoluteUri);
        var rows = page.Locator("#health tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);

        Assert.Equal(Integrations, await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.integration)"));
        var hubSpot = page.Locator("tr[data-integration=hubspot]");
        await Assertions.Expect(hubSpot).ToHaveClassAsync("failing");
        // Web-first assertions retry: the page re-renders rows on every refresh, so a one-shot read can hit a detached row.
        await Assertions.Expect(hubSpot).ToHaveCSSAsync("background-color", FailingBackground);
        await Assertions.Expect(hubSpot).ToHaveCSSAsync("color", "rgb(185, 28, 28)");
        await Assertions.Expect(hubSpot.Locator("[data-field=errors]")).ToContainTextAsync("server_error");
        await Assertions.Expect(hubSpot.Locator("[data-field=lastSync]")).ToHaveTextAsync("never");
        await Assertions.Expect(page.Locator("tr[data-integration=salesforce] [data-field=lastSync]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+ s ago$"));
        foreach (var healthy in Integrations.Skip(1))
        {
            var row = page.Locator($"tr[data-integration={healthy}]");
            await Assertions.Expect(row).ToHaveClassAsync("healthy");
            await Assertions.Expect(row).Not.ToHaveCSSAsync("background-color", FailingBackground);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("health-dashboard.png"), FullPage = true });

        // More traffic: HubSpot recovers over several clean rounds and Salesforce's call count grows, without a reload.
        var salesforceCalls = page.Locator("tr[data-integration=salesforce] [data-field=requests]");
        var callsBefore = int.Parse(await salesforceCalls.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var rateBefore = await hubSpot.Locator("[data-field=successRate]").InnerTextAsync();
        await ProbeTestHost.ClearChaosAsync(host.HubSpot);
        for (var round = 0; round < 3; round++)
        {
            await host.RunRoundAsync();
        }

        await Assertions.Expect(salesforceCalls).Not.ToHaveTextAsync(callsBefore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(hubSpot.Locator("[data-field=successRate]")).Not.ToHaveTextAsync(rateBefore);
        Assert.True(int.Parse(await salesforceCalls.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) > callsBefore);
        await page.CloseAsync();
        Assert.All(requested, url => Assert.StartsWith(host.BaseUrl.AbsoluteUri, url, StringComparison.Ordinal));
        Assert.Contains(requested, url => url.EndsWith("/assets/dashboard.js", StringComparison.Ordinal));
    }
}
