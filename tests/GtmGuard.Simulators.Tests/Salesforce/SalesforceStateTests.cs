using System.Net;
using System.Text;
using GtmGuard.Simulators.Salesforce;
using GtmGuard.Simulators.Salesforce.Bulk;

namespace GtmGuard.Simulators.Tests.Salesforce;

public sealed class SalesforceStateTests : IAsyncLifetime
{
    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SalesforceTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StateSummary_CountsLiveRecordsPerTypeAndJobs()
    {
        await _host.CreateAsync("Contact", new { LastName = "A" });
        var deleted = await _host.CreateAsync("Contact", new { LastName = "B" });
        await _host.CreateAsync("Account", new { Name = "Acme" });
        (await _host.Http.DeleteAsync($"{SalesforceTestHost.Data}/sobjects/Contact/{deleted}")).Dispose();
        (await _host.SendJsonAsync(HttpMethod.Post, $"{SalesforceTestHost.Data}/jobs/ingest", """{"object":"Lead","operation":"insert"}""")).Dispose();

        var summary = _host.Simulator.StateSummary();

        Assert.Equal(1, summary["Contact"]);
        Assert.Equal(0, summary["Lead"]);
        Assert.Equal(1, summary["Account"]);
        Assert.Equal(1, summary[SalesforceSimulator.IngestJobsKey]);
    }

    [Fact]
    public async Task StateDumpControlEndpoint_ReturnsRecordsOfOneType()
    {
        await _host.CreateAsync("Lead", new { LastName = "Dumped", Company = "Acme" });

        using var response = await _host.Anonymous.GetAsync("/__gtmguard/state/lead");
        var dump = (await response.JsonAsync()).AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Dumped", dump.Single()!["LastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task StateDumpControlEndpoint_PagesWithOffsetAndLimit_InCreationOrder()
    {
        foreach (var name in new[] { "P0", "P1", "P2", "P3", "P4" })
        {
            await _host.CreateAsync("Lead", new { LastName = name, Company = "Acme" });
        }

        var pages = new List<string[]>();
        foreach (var offset in new[] { 0, 2, 4, 6 })
        {
            using var response = await _host.Anonymous.GetAsync($"/__gtmguard/state/lead?offset={offset}&limit=2");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add((await response.JsonAsync()).AsArray().Select(r => r!["LastName"]!.GetValue<string>()).ToArray());
        }

        Assert.Equal([["P0", "P1"], ["P2", "P3"], ["P4"], []], pages);
    }

    [Fact]
    public async Task StateDumpControlEndpoint_WithAnOffsetAndNoLimit_ReturnsEveryRecordFromTheOffsetOn()
    {
        foreach (var name in new[] { "P0", "P1", "P2" })
        {
            await _host.CreateAsync("Lead", new { LastName = name, Company = "Acme" });
        }

        using var response = await _host.Anonymous.GetAsync("/__gtmguard/state/lead?offset=1");
        var names = (await response.JsonAsync()).AsArray().Select(r => r!["LastName"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["P1", "P2"], names);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=many")]
    [InlineData("offset=-1&limit=10")]
    public async Task StateDumpControlEndpoint_RefusesABadPage_SayingWhatIsAllowed(string query)
    {
        using var response = await _host.Anonymous.GetAsync("/__gtmguard/state/lead?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit one from 1 to 100000", (await response.JsonAsync())["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void StateDump_OfUnknownType_IsNull()
    {
        var dump = _host.Simulator.StateDump("Opportunity");

        Assert.Null(dump);
    }

    [Fact]
    public async Task Reset_ForgetsRecordsJobsAndRestartsIdCounters()
    {
        await _host.CreateAsync("Contact", new { LastName = "A" });
        using var job = await _host.SendJsonAsync(HttpMethod.Post, $"{SalesforceTestHost.Data}/jobs/ingest", """{"object":"Lead","operation":"insert"}""");
        var jobId = (await job.JsonAsync())["id"]!.GetValue<string>();
        await _host.Http.PutAsync($"{SalesforceTestHost.Data}/jobs/ingest/{jobId}/batches", new StringContent("LastName,Company\nX,Y\n", Encoding.UTF8, "text/csv"));
        (await _host.SendJsonAsync(HttpMethod.Patch, $"{SalesforceTestHost.Data}/jobs/ingest/{jobId}", """{"state":"UploadComplete"}""")).Dispose();

        using var reset = await _host.Anonymous.PostAsync("/__gtmguard/reset", null);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await _host.CreateAsync("Contact", new { LastName = "B" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, _host.Simulator.StateSummary()["Lead"]);
        Assert.Equal(0, _host.Simulator.StateSummary()[SalesforceSimulator.IngestJobsKey]);
        Assert.Equal("003GT0000000001YAA", again);
    }

    [Fact]
    public async Task Info_ListsCredentialsForClients()
    {
        using var response = await _host.Anonymous.GetAsync("/__gtmguard/info");
        var credentials = (await response.JsonAsync())["credentials"]!;

        Assert.Equal(_host.Options.ClientId, credentials["clientId"]!.GetValue<string>());
        Assert.Equal(_host.Simulator.BaseUrl + "/services/oauth2/token", credentials["tokenUrl"]!.GetValue<string>());
        Assert.EndsWith("private.pem", credentials["jwtPrivateKeyPath"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

public sealed class SalesforceIdsTests
{
    [Theory]
    [InlineData("001D000000IqhSL", "001D000000IqhSLIAZ")]
    [InlineData("001D000000IqhSLIAZ", "001D000000IqhSLIAZ")]
    [InlineData("001d000000iqhsliaz", null)]
    [InlineData("001D000000IqhSLAAA", null)]
    [InlineData("001D000000IqhS", null)]
    [InlineData("001D000000IqhS!", null)]
    public void TryNormalize_ChecksTheChecksumSuffix(string input, string? expected)
    {
        var ok = SalesforceIds.TryNormalize(input, out var id);

        Assert.Equal(expected is not null, ok);
        Assert.Equal(expected ?? string.Empty, id);
    }

    [Fact]
    public void DefaultOrgAndUserIds_AreValidIds()
    {
        var options = new SalesforceOptions();

        Assert.True(SalesforceIds.TryNormalize(options.OrgId, out _));
        Assert.True(SalesforceIds.TryNormalize(options.UserId, out _));
    }

    [Fact]
    public void BulkJobIds_UseThe750Prefix()
    {
        using var jobs = new BulkIngestJobs(null!, TimeProvider.System, TimeSpan.FromSeconds(1));

        var id = jobs.NextId();

        Assert.Equal("750GT0000000001YAA", id);
    }
}
