using System.Text.Json.Nodes;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Workflows;

namespace GtmGuard.Sync.Tests.Workflows;

/// <summary>Leads go into the Clay simulator, come back enriched through the intake, and land in HubSpot and Salesforce.</summary>
public sealed class EnrichmentWorkflowTests : IAsyncLifetime
{
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkflowTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(JsonArray Contacts, JsonArray Leads)> CrmStateAsync() =>
        (await WorkflowTestHost.StateAsync(_host.HubSpot, "contacts"), await WorkflowTestHost.StateAsync(_host.Salesforce, "Lead"));

    private static string? Text(JsonNode? node) => node?.GetValueKind() is System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString();

    private static Dictionary<string, string> Snapshot(JsonArray records, Func<JsonNode, string?> key, params string[][] paths) =>
        records.ToDictionary(r => key(r!)!, r => string.Join("|", paths.Select(p => Text(p.Aggregate(r, (n, s) => n?[s])))));

    [Fact]
    public async Task SubmittedLeads_AreUpsertedIntoHubSpotAndSalesforce_AndARerunChangesNothing()
    {
        var leads = WorkflowTestHost.Leads(5);

        await _host.Submitter.SubmitAsync(leads, default);
        await _host.UntilAsync(async () => (await CrmStateAsync()) is { Contacts.Count: 5, Leads.Count: 5 }, "5 contacts and 5 leads exist");
        await _host.SettleAsync();
        var (contacts, sfLeads) = await CrmStateAsync();
        var hubSpotBefore = Snapshot(contacts, c => Text(c["properties"]?["email"]), ["properties", "firstname"], ["properties", "lastname"], ["properties", "company"], ["properties", "clay_enriched"], ["properties", "lead_score"]);
        var salesforceBefore = Snapshot(sfLeads, l => Text(l["External_Id__c"]), ["Id"], ["Email"], ["LastName"], ["Company"], ["Title"]);

        Assert.Equal(leads.Select(l => (string)l["email"]!).Order(), hubSpotBefore.Keys.Order());
        Assert.All(contacts, c => Assert.Equal("true", Text(c!["properties"]!["clay_enriched"])));
        Assert.All(contacts, c => Assert.NotNull(Text(c!["properties"]!["company"])));
        Assert.Equal(leads.Select(l => (string)l["email"]!).Order(), salesforceBefore.Keys.Order());
        Assert.All(sfLeads, l => Assert.False(string.IsNullOrEmpty(Text(l!["Company"]))));
        Assert.NotNull(await _host.Store.GetLastSuccessfulRunAsync(WorkflowNames.Enrichment, default));
        Assert.Empty(await _host.Store.ListDeadLettersAsync(new DeadLetterFilter(), default));

        // The same leads again: Clay enriches them again, the CRMs end exactly as they were.
        await _host.Submitter.SubmitAsync(leads, default);
        await _host.SettleAsync();
        var (contactsAfter, sfLeadsAfter) = await CrmStateAsync();

        Assert.Equal(hubSpotBefore, Snapshot(contactsAfter, c => Text(c["properties"]?["email"]), ["properties", "firstname"], ["properties", "lastname"], ["properties", "company"], ["properties", "clay_enriched"], ["properties", "lead_score"]));
        Assert.Equal(salesforceBefore, Snapshot(sfLeadsAfter, l => Text(l["External_Id__c"]), ["Id"], ["Email"], ["LastName"], ["Company"], ["Title"]));
        Assert.Empty(await _host.Store.ListOutboxAsync(OutboxItemState.Failed, 10, default));
    }

    [Fact]
    public async Task ALeadSalesforceRefuses_IsDeadLetteredWithItsRedactedRequestAndResponse_AndReplayRequeuesIt()
    {
        var lead = new Dictionary<string, object?> { ["email"] = "toolong@analytical.io", ["last_name"] = "Long", ["company"] = new string('x', 300) };

        await _host.Submitter.SubmitAsync([lead], default);
        await _host.UntilAsync(async () => (await _host.Store.ListDeadLettersAsync(new DeadLetterFilter(Vendor: VendorId.Salesforce), default)).Count == 1, "the Salesforce write is dead-lettered");
        var letter = (await _host.Store.ListDeadLettersAsync(new DeadLetterFilter(Vendor: VendorId.Salesforce), default)).Single();
        var full = (await _host.Store.GetDeadLetterAsync(letter.Id, default))!;

        Assert.Equal(WorkflowNames.Enrichment, full.Workflow);
        Assert.Equal("validation", full.ErrorType);
        Assert.Equal(DeadLetterSource.Outbox, full.Source);
        Assert.Contains("toolong@analytical.io", full.Request.Body, StringComparison.Ordinal);
        Assert.NotNull(full.Response);
        Assert.Contains("STRING_TOO_LONG", full.Response!.Body ?? full.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("PATCH", full.Request.Method);
        Assert.StartsWith(_host.Salesforce.BaseUrl + "/services/data/", full.Request.Url, StringComparison.Ordinal);
        Assert.Equal("[REDACTED]", full.Request.Headers["Authorization"]);
        Assert.Contains("application/json", full.Response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains((await WorkflowTestHost.StateAsync(_host.HubSpot, "contacts")), c => c!["properties"]!["email"]!.GetValue<string>() == "toolong@analytical.io");

        Assert.True(await _host.Store.ReplayDeadLetterAsync(letter.Id, default));
        await _host.UntilAsync(async () => (await _host.Store.ListDeadLettersAsync(new DeadLetterFilter(Vendor: VendorId.Salesforce), default)).Count == 1
            && (await _host.Store.ListDeadLettersAsync(new DeadLetterFilter(Vendor: VendorId.Salesforce, IncludeReplayed: true), default)).Count == 2, "the replayed write fails again and is dead-lettered anew");
    }
}
