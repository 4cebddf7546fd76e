using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Clay;

public sealed class ClayEnrichmentTests
{
    [Fact]
    public async Task Enrichment_HappensOnlyAfterTheDelay()
    {
        await using var host = ClayTestHost.Start(o => o.EnrichmentDelay = TimeSpan.FromSeconds(2));
        await host.Submit(new { email = "ada@analytical.io" });

        host.Clock.Advance(TimeSpan.FromMilliseconds(1999));
        var before = (await host.Rows())[0]!;
        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var after = (await host.Rows())[0]!;

        Assert.Equal("queued", before["status"]!.GetValue<string>());
        Assert.Null(before["enrichment"]);
        Assert.Equal("enriched", after["status"]!.GetValue<string>());
        Assert.NotNull(after["enrichment"]!["company_name"]);
    }

    [Fact]
    public async Task Enrichment_HasEveryFieldInRange()
    {
        await using var host = ClayTestHost.Start();
        await host.Submit(new { email = "grace@navy.mil", first_name = "Grace", last_name = "Hopper" });

        host.FinishEnrichment();
        var enrichment = (await host.Rows())[0]!["enrichment"]!;

        Assert.Equal("navy.mil", enrichment["company_domain"]!.GetValue<string>());
        Assert.Equal("Navy", enrichment["company_name"]!.GetValue<string>());
        Assert.Equal("Grace Hopper", enrichment["full_name"]!.GetValue<string>());
        Assert.StartsWith("https://www.linkedin.com/in/grace-hopper-", enrichment["linkedin_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(enrichment["lead_score"]!.GetValue<int>(), 0, 100);
        Assert.InRange(enrichment["employee_count"]!.GetValue<int>(), 1, 100_000);
        Assert.False(string.IsNullOrWhiteSpace(enrichment["industry"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(enrichment["title"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(enrichment["seniority"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SameSeedAndInput_GiveIdenticalEnrichment_WhateverTheArrivalOrder()
    {
        object[] people = [new { email = "a@free.example" }, new { email = "b@gmail.com" }, new { linkedin_url = "https://www.linkedin.com/in/someone" }];
        await using var first = ClayTestHost.Start(o => o.Seed = 7);
        await using var second = ClayTestHost.Start(o => o.Seed = 7);

        await first.Submit(people);
        await second.Submit(people.Reverse().ToArray());
        first.FinishEnrichment();
        second.FinishEnrichment();

        var one = ByKey(await first.Rows());
        var two = ByKey(await second.Rows());
        Assert.Equal(3, one.Count);
        Assert.All(one, pair => Assert.Equal(pair.Value, two[pair.Key]));
    }

    [Fact]
    public async Task DifferentSeed_GivesDifferentData()
    {
        var people = Enumerable.Range(1, 5).Select(i => new { email = $"person{i}@gmail.com" }).ToArray();
        await using var first = ClayTestHost.Start(o => o.Seed = 7);
        await using var second = ClayTestHost.Start(o => o.Seed = 8);

        await first.Submit(people);
        await second.Submit(people);
        first.FinishEnrichment();
        second.FinishEnrichment();

        var one = ByKey(await first.Rows());
        var two = ByKey(await second.Rows());
        Assert.All(one, pair => Assert.NotEqual(pair.Value, two[pair.Key]));
    }

    [Fact]
    public async Task NoMatchRate_IsRoughlyHonoured_AndTheSameRowsFindNothingEveryRun()
    {
        var people = Enumerable.Range(1, 1000).Select(i => new { email = $"lead{i}@company{i % 37}.io" }).ToArray();
        await using var first = ClayTestHost.Start(o => o.NoMatchRate = 0.2);
        await using var second = ClayTestHost.Start(o => o.NoMatchRate = 0.2);

        await first.Submit(people);
        await second.Submit(people.Reverse().ToArray());
        first.FinishEnrichment();
        second.FinishEnrichment();

        var misses = NoMatches(await first.Rows());
        Assert.InRange(misses.Count, 160, 240);
        Assert.Equal(misses.Order(), NoMatches(await second.Rows()).Order());
    }

    private static HashSet<string> NoMatches(JsonArray rows) =>
        rows.Where(r => r!["status"]!.GetValue<string>() == "no_match").Select(r => r!["fields"]!["email"]!.GetValue<string>()).ToHashSet();

    private static Dictionary<string, string> ByKey(JsonArray rows) =>
        rows.ToDictionary(r => r!["fields"]!.ToJsonString(), r => r!["enrichment"]!.ToJsonString());
}
