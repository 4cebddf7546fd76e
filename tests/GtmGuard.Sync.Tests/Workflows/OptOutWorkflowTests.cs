using System.Net;
using System.Net.Http.Json;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors.Salesforce;
using GtmGuard.Sync.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Sync.Tests.Workflows;

/// <summary>An Outreach reply with opt-out takes the prospect out of its sequences and flags it in HubSpot and Salesforce.</summary>
public sealed class OptOutWorkflowTests : IAsyncLifetime
{
    private const string Email = "optout@analytical.io";

    private WorkflowTestHost _host = null!;
    private HttpClient _hubSpot = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkflowTestHost.StartAsync();
        _hubSpot = WorkflowTestHost.Client(_host.HubSpot.BaseUrl, new HubSpotOptions().PrivateAppToken);
    }

    public async Task DisposeAsync()
    {
        _hubSpot.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task AnOptOutReply_RemovesTheSequenceStates_AndSetsTheOptOutFlagsInHubSpotAndSalesforce()
    {
        // Arrange a person known everywhere: a qualified HubSpot contact (so enrolled in Outreach) and a Salesforce lead.
        var salesforce = _host.App.Services.GetRequiredService<SalesforceClient>();
        var lead = await salesforce.UpsertAsync("Lead", "External_Id__c", Email, new Dictionary<string, object?> { ["Email"] = Email, ["LastName"] = "Out", ["Company"] = "Acme" });
        Assert.True(lead.IsSuccess, lead.Error);
        await QualifiedLeadWorkflowTests.CreateContactAsync(_hubSpot, Email, 90);
        await _host.UntilAsync(async () => (await QualifiedLeadWorkflowTests.ProspectsAsync(_host, Email)) is [var p] && (await QualifiedLeadWorkflowTests.SequenceStatesAsync(_host, p["id"]!.GetValue<long>())).Count == 1, "the contact is enrolled");
        await _host.SettleAsync();
        var prospectId = (await QualifiedLeadWorkflowTests.ProspectsAsync(_host, Email)).Single()["id"]!.GetValue<long>();

        using var outreach = WorkflowTestHost.Client(_host.Outreach.BaseUrl, null);
        using (var reply = await outreach.PostAsJsonAsync($"/__gtmguard/prospects/{prospectId}/reply", new { optOut = true }))
        {
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }

        await _host.UntilAsync(async () => (await QualifiedLeadWorkflowTests.SequenceStatesAsync(_host, prospectId)).Count == 0, "the sequence states are deleted");
        await _host.SettleAsync();
        var contact = (await WorkflowTestHost.StateAsync(_host.HubSpot, "contacts")).Single(c => c!["properties"]!["email"]!.GetValue<string>() == Email)!;
        var sfLead = (await WorkflowTestHost.StateAsync(_host.Salesforce, "Lead")).Single(l => l!["External_Id__c"]!.GetValue<string>() == Email)!;

        Assert.Equal("true", contact["properties"]!["hs_email_optout"]!.GetValue<string>());
        Assert.True(sfLead["HasOptedOutOfEmail"]!.GetValue<bool>());
        Assert.NotNull(await _host.Store.GetLastSuccessfulRunAsync(WorkflowNames.OptOut, default));
        Assert.Empty(await _host.Store.ListDeadLettersAsync(new DeadLetterFilter(), default));
    }

    [Fact]
    public async Task AnOptOut_ReachesASalesforceLeadMadeOutsideTheSync_ByItsOwnId()
    {
        // A lead created by hand: the opted-out email, but no external id of ours.
        const string handmade = "handmade@example.com";
        var options = new GtmGuard.Simulators.Salesforce.SalesforceOptions();
        using var raw = WorkflowTestHost.Client(_host.Salesforce.BaseUrl, null);
        using var token = await raw.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
            ["refresh_token"] = options.RefreshToken,
        }));
        var accessToken = (await token.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["access_token"]!.GetValue<string>();
        using var salesforce = WorkflowTestHost.Client(_host.Salesforce.BaseUrl, accessToken);
        using (var created = await salesforce.PostAsJsonAsync("/services/data/v62.0/sobjects/Lead", new { LastName = "Hand", Company = "Acme", Email = handmade }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await _host.Store.EnqueueOutboxAsync(
            [new OutboxWrite(WorkflowNames.OptOut, GtmGuard.Sync.Vendors.VendorId.Salesforce, GtmGuard.Sync.Workflows.OptOut.SalesforceOptOutOperation.Name, "optout:" + handmade, $$"""{"sObject":"Lead","externalIdField":"External_Id__c","externalId":"{{handmade}}","email":"{{handmade}}"}""")],
            default);
        await _host.SettleAsync();

        var lead = (await WorkflowTestHost.StateAsync(_host.Salesforce, "Lead")).Single(l => l!["Email"]?.GetValue<string>() == handmade)!;
        Assert.True(lead["HasOptedOutOfEmail"]!.GetValue<bool>());
    }
}
