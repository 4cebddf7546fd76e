using System.Net;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Outreach;

public sealed class OutreachProspectListTests : IAsyncLifetime
{
    private OutreachTestHost _host = null!;

    public async Task InitializeAsync() => _host = await OutreachTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonObject> ListAsync(string pathAndQuery)
    {
        using var response = await _host.Api.GetAsync(pathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OutreachTestHost.Json(response);
    }

    private static long[] Ids(JsonObject document) => document["data"]!.AsArray().Select(d => OutreachTestHost.Id(d!)).ToArray();

    /// <summary>Three prospects updated at 09:00, 09:30 and 10:00 (the access token lasts until 11:00).</summary>
    private async Task<long[]> ThreeProspectsHalfAnHourApartAsync()
    {
        var ids = new List<long>();
        foreach (var name in new[] { "ada", "grace", "katherine" })
        {
            ids.Add(OutreachTestHost.Id(await _host.CreateProspectAsync($"{name}@example.com")));
            _host.Clock.Advance(TimeSpan.FromMinutes(30));
        }

        return [.. ids];
    }

    [Fact]
    public async Task FilterByEmail_FindsTheProspect_IgnoringCase()
    {
        await _host.CreateProspectAsync("ada@example.com");
        var grace = await _host.CreateProspectAsync("grace@example.com");

        var document = await ListAsync("/api/v2/prospects?filter[emails]=Grace@Example.com");

        Assert.Equal([OutreachTestHost.Id(grace)], Ids(document));
        Assert.Equal(1, document["meta"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task FilterByEmails_AcceptsACommaSeparatedList()
    {
        var ada = await _host.CreateProspectAsync("ada@example.com");
        await _host.CreateProspectAsync("grace@example.com");
        var katherine = await _host.CreateProspectAsync("katherine@example.com");

        var document = await ListAsync("/api/v2/prospects?filter%5Bemails%5D=ada%40example.com,katherine%40example.com");

        Assert.Equal([OutreachTestHost.Id(ada), OutreachTestHost.Id(katherine)], Ids(document));
    }

    [Fact]
    public async Task FilterByUpdatedAt_RangeForm_IncludesTheStartAndRunsToInfinity()
    {
        var ids = await ThreeProspectsHalfAnHourApartAsync();

        var document = await ListAsync("/api/v2/prospects?filter[updatedAt]=2026-11-27T09:30:00Z..inf");

        Assert.Equal(ids[1..], Ids(document));
    }

    [Fact]
    public async Task FilterByUpdatedAt_ClosedRange_IncludesBothEnds()
    {
        var ids = await ThreeProspectsHalfAnHourApartAsync();

        var document = await ListAsync("/api/v2/prospects?filter[updatedAt]=neginf..2026-11-27T09:30:00Z");

        Assert.Equal(ids[..2], Ids(document));
    }

    [Theory]
    [InlineData("gte", 1)]
    [InlineData("gt", 2)]
    [InlineData("lte", 0)]
    [InlineData("lt", 0)]
    public async Task FilterByUpdatedAt_OperatorForm_ComparesAgainstTheGivenTime(string op, int firstIndex)
    {
        var ids = await ThreeProspectsHalfAnHourApartAsync();
        var expected = op.StartsWith('g') ? ids[firstIndex..] : op == "lte" ? ids[..2] : ids[..1];

        var document = await ListAsync($"/api/v2/prospects?newFilterSyntax=true&filter[updatedAt][{op}]=2026-11-27T09:30:00%2B00:00");

        Assert.Equal(expected, Ids(document));
    }

    [Fact]
    public async Task FilterByExternalIdAndOptedOut_CombineAsAnd()
    {
        await _host.CreateProspectAsync("ada@example.com", new() { ["externalId"] = "hs-1" });
        var grace = await _host.CreateProspectAsync("grace@example.com", new() { ["externalId"] = "hs-2", ["optedOut"] = true });
        await _host.CreateProspectAsync("katherine@example.com", new() { ["externalId"] = "hs-2" });

        var document = await ListAsync("/api/v2/prospects?filter[externalId]=hs-2&filter[optedOut]=true");

        Assert.Equal([OutreachTestHost.Id(grace)], Ids(document));
    }

    [Fact]
    public async Task CursorPaging_FollowingLinksNext_VisitsEveryProspectOnce()
    {
        var created = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(OutreachTestHost.Id(await _host.CreateProspectAsync($"p{i}@example.com")));
        }

        var seen = new List<long>();
        var pages = 0;
        string? next = "/api/v2/prospects?page[size]=3";
        while (next is not null)
        {
            var document = await ListAsync(next);
            Assert.Equal(7, document["meta"]!["count"]!.GetValue<int>());
            seen.AddRange(Ids(document));
            next = document["links"]!["next"]?.GetValue<string>();
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(created, seen);
    }

    [Fact]
    public async Task CursorPaging_SortedByUpdatedAtDescending_KeepsTheOrderAcrossPages()
    {
        var ids = await ThreeProspectsHalfAnHourApartAsync();

        var first = await ListAsync("/api/v2/prospects?sort=-updatedAt&page[size]=2");
        var second = await ListAsync(first["links"]!["next"]!.GetValue<string>());

        Assert.Equal([ids[2], ids[1]], Ids(first));
        Assert.Equal([ids[0]], Ids(second));
        Assert.Null(second["links"]!["next"]);
    }

    [Fact]
    public async Task CursorPaging_SurvivesADeletionBetweenPages()
    {
        var ids = await ThreeProspectsHalfAnHourApartAsync();
        var first = await ListAsync("/api/v2/prospects?page[size]=1");

        using var deleted = await _host.Api.DeleteAsync($"/api/v2/prospects/{ids[0]}");
        var second = await ListAsync(first["links"]!["next"]!.GetValue<string>());

        Assert.Equal([ids[1]], Ids(second));
    }

    [Fact]
    public async Task DefaultPageSize_Is50()
    {
        for (var i = 0; i < 51; i++)
        {
            await _host.CreateProspectAsync($"p{i}@example.com");
        }

        var document = await ListAsync("/api/v2/prospects");

        Assert.Equal(50, Ids(document).Length);
        Assert.NotNull(document["links"]!["next"]);
        Assert.Equal(51, document["meta"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task PageSize1000_IsAllowed_But1001_Is400()
    {
        using var allowed = await _host.Api.GetAsync("/api/v2/prospects?page[size]=1000");
        using var tooLarge = await _host.Api.GetAsync("/api/v2/prospects?page[size]=1001");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("page[size]", (await OutreachTestHost.FirstError(tooLarge))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountFalse_LeavesOutMetaCount()
    {
        await _host.CreateProspectAsync("ada@example.com");

        var document = await ListAsync("/api/v2/prospects?count=false");

        Assert.Single(Ids(document));
        Assert.Null(document["meta"]);
    }

    [Fact]
    public async Task UnknownFilter_Is400NamingIt()
    {
        using var response = await _host.Api.GetAsync("/api/v2/prospects?filter[favouriteColour]=blue");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("filter[favouriteColour]", (await OutreachTestHost.FirstError(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACursorFromAnotherSort_Is400()
    {
        await ThreeProspectsHalfAnHourApartAsync();
        var first = await ListAsync("/api/v2/prospects?page[size]=1");
        var after = new Uri(first["links"]!["next"]!.GetValue<string>()).Query.Split('&').Single(p => p.StartsWith("page%5Bafter%5D=", StringComparison.Ordinal));

        using var response = await _host.Api.GetAsync("/api/v2/prospects?sort=-id&" + after);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
