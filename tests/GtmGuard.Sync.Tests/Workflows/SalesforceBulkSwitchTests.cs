using System.Globalization;
using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Tests.Workflows;

/// <summary>
/// The enrichment workflow's Salesforce writes: sObject Collections below <c>Sync:Workflows:BulkThreshold</c>, Bulk API 2.0
/// at or above it (a low threshold here; 2,000 by default), end to end through Clay, the intake and the outbox; the same
/// leads again create nothing and change no record.
/// </summary>
public sealed class SalesforceBulkSwitchTests : IAsyncLifetime
{
    private const int Threshold = 6;
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkflowTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Sync:Workflows:BulkThreshold"] = Threshold.ToString(CultureInfo.InvariantCulture),
        // Writes wait in the outbox until the test sends them, so one pass sees every lead at once.
        ["Sync:Workflows:Outbox:Enabled"] = "false",
        ["Sync:Workflows:Qualified"] = "false",
        ["Sync:Workflows:OptOut"] = "false",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private int SalesforceRequests(string pathPart) =>
        _host.Salesforce.Server.LogEntries.Count(e => e.RequestMessage.Path.Contains(pathPart, StringComparison.Ordinal));

    private async Task<Dictionary<string, string>> SalesforceLeadsAsync() =>
        (await WorkflowTestHost.StateAsync(_host.Salesforce, "Lead")).ToDictionary(l => l!["External_Id__c"]!.GetValue<string>(), l => l!["Id"]!.GetValue<string>());

    /// <summary>Submits the leads, waits until every enriched row has staged its two writes, then sends them in one pass.</summary>
    private async Task RunAsync(List<IReadOnlyDictionary<string, object?>> leads)
    {
        var completedBefore = (await _host.Store.ListOutboxAsync(OutboxItemState.Completed, 10_000, default)).Count;
        await _host.Submitter.SubmitAsync(leads, default);
        await _host.UntilAsync(async () => (await _host.Store.ListOutboxAsync(OutboxItemState.Pending, 10_000, default)).Count == 2 * leads.Count, "every row staged its writes");
        var sent = await _host.Clock.PumpAsync(_host.Outbox.SendOnceAsync(default), TimeSpan.FromMilliseconds(250));
        Assert.Equal(2 * leads.Count, sent);
        Assert.Equal(completedBefore + (2 * leads.Count), (await _host.Store.ListOutboxAsync(OutboxItemState.Completed, 10_000, default)).Count);
    }

    [Theory]
    [InlineData(Threshold + 4, true)]
    [InlineData(Threshold - 2, false)]
    public async Task LeadsAtOrAboveTheThreshold_GoThroughBulkApi_BelowThroughCollections_AndARerunCreatesNothing(int count, bool bulk)
    {
        var leads = WorkflowTestHost.Leads(count);

        await RunAsync(leads);
        var first = await SalesforceLeadsAsync();
        var jobs = SalesforceRequests("/jobs/ingest");
        var collections = SalesforceRequests("/composite/sobjects/");

        Assert.Equal(leads.Select(l => (string)l["email"]!).Order(), first.Keys.Order());
        Assert.Equal(count, (await WorkflowTestHost.StateAsync(_host.HubSpot, "contacts")).Count);
        Assert.Equal(bulk, jobs > 0);
        Assert.Equal(!bulk, collections > 0);

        // The same input again: Clay enriches it again, the engine writes again, Salesforce and HubSpot gain nothing.
        await RunAsync(leads);

        Assert.Equal(first, await SalesforceLeadsAsync());
        Assert.Equal(count, (await WorkflowTestHost.StateAsync(_host.HubSpot, "contacts")).Count);
        Assert.Equal(bulk, SalesforceRequests("/jobs/ingest") > jobs);
        Assert.Equal(!bulk, SalesforceRequests("/composite/sobjects/") > collections);
        Assert.Empty(await _host.Store.ListDeadLettersAsync(new DeadLetterFilter(), default));
        if (bulk)
        {
            // The second job's results say every row was an update of an existing record.
            var results = _host.Salesforce.Server.LogEntries.Where(e => e.RequestMessage.Path.EndsWith("/successfulResults", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, results.Count);
            var csv = WorkflowTestHostBody(results[^1]);
            var created = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[1].Trim('"', '\r')).ToList();
            Assert.Equal(Enumerable.Repeat("false", count), created);
        }
    }

    private static string WorkflowTestHostBody(WireMock.Logging.ILogEntry entry) =>
        entry.ResponseMessage.BodyData is { } body
            ? body.BodyAsString ?? (body.BodyAsBytes is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty)
            : string.Empty;
}
