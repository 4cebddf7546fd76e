using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Tests.Workflows;

/// <summary>
/// The standard chaos scenario, time-compressed: 10% 500/503 and 5% 429 on every vendor API, tokens expiring every few
/// seconds, 20% duplicate and 30% reordered webhooks, and a 3-second Salesforce outage. Afterwards every simulator is
/// reconciled against the expected end state: nothing lost, nothing duplicated, every validation failure dead-lettered.
/// </summary>
public sealed class StandardChaosTests : IAsyncLifetime
{
    private const int Leads = 20;
    private const string Invalid = "invalid-company@analytical.io";

    private const string ApiFaults = """
        {"operation":"*","fault":"serverError","probability":0.05},
        {"operation":"*","fault":"unavailable","probability":0.05},
        {"operation":"*","fault":"rateLimit","probability":0.05}
        """;

    private const string WebhookFaults = """
        "webhooks":[{"effect":"duplicate","probability":0.2,"window":"2s"},{"effect":"reorder","probability":0.3,"window":"2s"}]
        """;

    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkflowTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Inbox:Workers"] = "3" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task ChaosAsync(VendorSimulator simulator, string plan)
    {
        using var http = WorkflowTestHost.Client(simulator.BaseUrl, null);
        using var response = await http.PutAsync("/__gtmguard/chaos", new StringContent(plan, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"chaos on {simulator.Name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Email(JsonNode contact) => contact["properties"]!["email"]!.GetValue<string>();

    [Fact]
    public async Task UnderStandardChaos_EveryLeadEndsOnceInEachCrm_QualifiedOnesOnceInOutreach_AndOnlyTheInvalidOneIsDeadLettered()
    {
        await ChaosAsync(_host.HubSpot, $$"""{"seed":1234,"rules":[{{ApiFaults}}],"events":[{"at":"5s","every":"5s","action":"expireTokens"}],{{WebhookFaults}}}""");
        await ChaosAsync(_host.Salesforce, $$"""{"seed":1235,"rules":[{{ApiFaults}},{"operation":"*","fault":"unavailable","from":"2s","to":"5s"}],"events":[{"at":"4s","every":"4s","action":"expireTokens"}]}""");
        await ChaosAsync(_host.Outreach, $$"""{"seed":1236,"rules":[{{ApiFaults}}],"events":[{"at":"5s","every":"5s","action":"expireTokens"}],{{WebhookFaults}}}""");
        await ChaosAsync(_host.Clay, $$"""{"seed":1237,{{WebhookFaults}}}""");
        var leads = WorkflowTestHost.Leads(Leads - 1);
        leads.Add(new Dictionary<string, object?> { ["email"] = Invalid, ["last_name"] = "Long", ["company"] = new string('x', 300) });

        await _host.Submitter.SubmitAsync(leads, default);
        await _host.UntilAsync(async () => (await WorkflowTestHost.StateAsync(_host.HubSpot, "contacts")).Count >= Leads, "every lead reached HubSpot", maxSteps: 6000);
        await _host.SettleAsync();

        var contacts = (await WorkflowTestHost.StateAsync(_host.HubSpot, "contacts")).Select(c => c!).ToList();
        var sfLeads = (await WorkflowTestHost.StateAsync(_host.Salesforce, "Lead")).Select(l => l!).ToList();
        var prospects = (await WorkflowTestHost.StateAsync(_host.Outreach, "prospects")).Select(p => p!).ToList();
        var states = (await WorkflowTestHost.StateAsync(_host.Outreach, "sequenceStates")).Select(s => s!).ToList();
        var letters = await _host.Store.ListDeadLettersAsync(new DeadLetterFilter(), default);
        var expected = leads.Select(l => (string)l["email"]!).Order().ToList();
        var qualified = contacts
            .Where(c => double.TryParse(c["properties"]!["lead_score"]?.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score >= 70)
            .Select(Email)
            .Order()
            .ToList();
        var prospectEmails = prospects.SelectMany(p => p["attributes"]!["emails"]!.AsArray().Select(e => e!.GetValue<string>())).Order().ToList();

        // HubSpot: every lead once. Salesforce: every valid lead once, the invalid one refused and dead-lettered.
        Assert.Equal(expected, contacts.Select(Email).Order());
        Assert.Equal(expected.Where(e => e != Invalid), sfLeads.Select(l => l["External_Id__c"]!.GetValue<string>()).Order());
        var letter = Assert.Single(letters);
        Assert.Equal((VendorId.Salesforce, "validation"), (letter.Vendor, letter.ErrorType));
        Assert.Contains(Invalid, letter.Request.Body, StringComparison.Ordinal);

        // Outreach: each qualified contact exactly once, in exactly one sequence; nobody else.
        Assert.Equal(qualified, prospectEmails);
        Assert.Equal(prospects.Count, states.Count);
        Assert.Equal(prospects.Select(p => p["id"]!.GetValue<long>()).Order(), states.Select(s => s["relationships"]!["prospect"]!["data"]!["id"]!.GetValue<long>()).Order());
        Assert.Empty(await _host.Store.ListOutboxAsync(OutboxItemState.Pending, 10, default));
        Assert.Single(await _host.Store.ListOutboxAsync(OutboxItemState.Failed, 10, default));

        // The chaos really happened: faults answered on the APIs, duplicate webhooks recognised.
        var faults = new[] { _host.HubSpot, (VendorSimulator)_host.Salesforce, _host.Outreach }
            .SelectMany(s => s.Server.LogEntries)
            .Count(e => Convert.ToInt32(e.ResponseMessage.StatusCode, CultureInfo.InvariantCulture) is 429 or 500 or 503);
        Assert.True(faults > 0, "no fault was injected");
        Assert.Contains(await _host.Store.ListInboxEventsAsync(new InboxEventFilter(Limit: 10_000), default), e => e.State == InboxEventState.Duplicate);

        // No credential the sync core used appears in its logs or dead letters, faults and token refreshes included.
        var written = _host.Logs.All + string.Join('\n', letters.Select(l => $"{l.Request} {l.Request.Body} {l.Response?.Body} {l.ErrorMessage}"));
        Assert.All(_host.Secrets, secret => Assert.DoesNotContain(secret, written, StringComparison.Ordinal));
        Assert.NotEmpty(_host.Logs.Lines);
    }
}
