using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Workflows;

namespace GtmGuard.Sync.Tests.Workflows;

/// <summary>HubSpot contacts scoring at or above the threshold become Outreach prospects in the configured sequence, once.</summary>
public sealed class QualifiedLeadWorkflowTests : IAsyncLifetime
{
    private WorkflowTestHost _host = null!;
    private HttpClient _hubSpot = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkflowTestHost.StartAsync(new Dictionary<string, string?> { ["Sync:Workflows:SequenceId"] = "2", ["Sync:Workflows:QualifiedThreshold"] = "70" });
        _hubSpot = WorkflowTestHost.Client(_host.HubSpot.BaseUrl, new HubSpotOptions().PrivateAppToken);
    }

    public async Task DisposeAsync()
    {
        _hubSpot.Dispose();
        await _host.DisposeAsync();
    }

    internal static async Task<string> CreateContactAsync(HttpClient hubSpot, string email, int score)
    {
        using var response = await hubSpot.PostAsJsonAsync("/crm/v3/objects/contacts", new { properties = new { email, firstname = "Grace", lastname = "Hopper", lead_score = score.ToString(CultureInfo.InvariantCulture) } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    internal static async Task<List<JsonNode>> ProspectsAsync(WorkflowTestHost host, string email) =>
        (await WorkflowTestHost.StateAsync(host.Outreach, "prospects"))
            .Where(p => p!["attributes"]!["emails"]!.AsArray().Any(e => e!.GetValue<string>() == email))
            .Select(p => p!)
            .ToList();

    internal static async Task<List<JsonNode>> SequenceStatesAsync(WorkflowTestHost host, long prospectId) =>
        (await WorkflowTestHost.StateAsync(host.Outreach, "sequenceStates"))
            .Where(s => s!["relationships"]!["prospect"]!["data"]!["id"]!.GetValue<long>() == prospectId)
            .Select(s => s!)
            .ToList();

    [Fact]
    public async Task AContactScoringAboveTheThreshold_IsEnrolledInTheSequence_OnceEvenWhenItsScoreChangesAgain()
    {
        var qualifiedId = await CreateContactAsync(_hubSpot, "qualified@analytical.io", 85);
        await CreateContactAsync(_hubSpot, "cold@analytical.io", 20);

        await _host.UntilAsync(async () => (await ProspectsAsync(_host, "qualified@analytical.io")).Count == 1, "the qualified contact becomes a prospect");
        await _host.SettleAsync();
        var prospect = (await ProspectsAsync(_host, "qualified@analytical.io")).Single();
        var prospectId = prospect["id"]!.GetValue<long>();
        var states = await SequenceStatesAsync(_host, prospectId);

        Assert.Empty(await ProspectsAsync(_host, "cold@analytical.io"));
        Assert.Equal(2, Assert.Single(states)["relationships"]!["sequence"]!["data"]!["id"]!.GetValue<long>());
        Assert.NotNull(await _host.Store.GetLastSuccessfulRunAsync(WorkflowNames.Qualified, default));

        // A new qualifying score for the same contact enrolls nobody new and creates no second prospect.
        using (var changed = await _hubSpot.PatchAsJsonAsync($"/crm/v3/objects/contacts/{qualifiedId}", new { properties = new { lead_score = "95" } }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        await _host.UntilAsync(async () => (await _host.Store.ListInboxEventsAsync(new InboxEventFilter(Limit: 1000), default)).Any(e => e.Payload.Contains("\"95\"", StringComparison.Ordinal) && e.State == InboxEventState.Applied), "the score change is applied");
        await _host.SettleAsync();

        Assert.Single(await ProspectsAsync(_host, "qualified@analytical.io"));
        Assert.Single(await SequenceStatesAsync(_host, prospectId));
        Assert.Empty(await _host.Store.ListDeadLettersAsync(new DeadLetterFilter(), default));
    }
}
