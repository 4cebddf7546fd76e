using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Tests.Vendors.Salesforce;

/// <summary>The Salesforce client against the real Salesforce simulator, authenticated with the JWT bearer flow.</summary>
public sealed class SalesforceClientTests
{
    private const string Collections = SalesforceSyncHost.Data + "/composite/sobjects/Contact/External_Id__c";

    [Fact]
    public async Task Upsert_NewThenSameExternalId_CreatesOnceThenUpdates()
    {
        await using var host = SalesforceSyncHost.Start();
        var fields = new Dictionary<string, object?> { ["LastName"] = "Lovelace", ["Email"] = "ada@example.com" };

        var first = await host.Client.UpsertAsync("Contact", "External_Id__c", "ext-ada", fields);
        var second = await host.Client.UpsertAsync("Contact", "External_Id__c", "ext-ada", fields);

        Assert.True(first.IsSuccess, first.Error);
        Assert.True(first.Value!.Created);
        Assert.False(second.Value!.Created);
        Assert.Equal(first.Value.Id, second.Value.Id);
        Assert.Single(await host.StateAsync("Contact"));
        Assert.Single(host.Requests(SalesforceSyncHost.TokenPath));
    }

    [Fact]
    public async Task UpsertMany_BelowTheBulkThreshold_UsesCollectionsOf200_AndARerunCreatesNothing()
    {
        await using var host = SalesforceSyncHost.Start();
        var contacts = SalesforceSyncHost.Contacts(450);

        var first = await host.Client.UpsertManyAsync("Contact", "External_Id__c", contacts);
        var second = await host.Client.UpsertManyAsync("Contact", "External_Id__c", contacts);

        Assert.True(first.IsSuccess, first.Records.FirstOrDefault(r => !r.IsSuccess)?.Error);
        Assert.False(first.UsedBulkApi);
        Assert.Equal(450, first.CreatedCount);
        Assert.True(second.IsSuccess);
        Assert.Equal(0, second.CreatedCount);
        Assert.Equal(6, host.Requests(Collections).Count);
        Assert.Equal(450, (await host.StateAsync("Contact")).Count);
    }

    [Fact]
    public async Task UpsertMany_ARecordMissingARequiredField_FailsAloneAsValidation()
    {
        await using var host = SalesforceSyncHost.Start();
        var contacts = SalesforceSyncHost.Contacts(3).Append(SalesforceSyncHost.Contact(4, lastName: null)).ToList();

        var result = await host.Client.UpsertManyAsync("Contact", "External_Id__c", contacts);

        Assert.Equal(VendorOutcome.Validation, result.Outcome);
        Assert.Equal(3, result.Records.Count(r => r.IsSuccess));
        var failed = Assert.Single(result.Records, r => !r.IsSuccess);
        Assert.Equal("ext-00004", failed.ExternalId);
        Assert.Contains("REQUIRED_FIELD_MISSING", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertMany_AtTheBulkThreshold_RunsOneBulkJob_AndARerunCreatesNothing()
    {
        await using var host = SalesforceSyncHost.Start(settings: new Dictionary<string, string?> { ["Sync:Vendors:Salesforce:BulkThreshold"] = "60" });
        var contacts = SalesforceSyncHost.Contacts(75).Append(SalesforceSyncHost.Contact(76, lastName: null)).ToList();

        var first = await host.Clock.PumpAsync(host.Client.UpsertManyAsync("Contact", "External_Id__c", contacts), TimeSpan.FromSeconds(1));
        var second = await host.Clock.PumpAsync(host.Client.UpsertManyAsync("Contact", "External_Id__c", contacts.Take(75)), TimeSpan.FromSeconds(1));

        Assert.True(first.UsedBulkApi);
        Assert.StartsWith("750", first.BulkJobId, StringComparison.Ordinal);
        Assert.Equal(75, first.CreatedCount);
        Assert.Equal(VendorOutcome.Validation, Assert.Single(first.Records, r => !r.IsSuccess).Outcome);
        Assert.Equal(75, first.Records.Count(r => r.IsSuccess && r.Id is not null));
        Assert.True(second.IsSuccess);
        Assert.Equal(0, second.CreatedCount);
        Assert.Empty(host.Requests(Collections));
        Assert.Equal(75, (await host.StateAsync("Contact")).Count);
    }

    [Fact]
    public async Task UpdateField_SetsHasOptedOutOfEmail_AndIsIdempotent()
    {
        await using var host = SalesforceSyncHost.Start();
        await host.Client.UpsertManyAsync("Contact", "External_Id__c", SalesforceSyncHost.Contacts(2));

        var first = await host.Client.UpdateFieldAsync("Contact", "External_Id__c", "ext-00001", "HasOptedOutOfEmail", true);
        var second = await host.Client.UpdateFieldAsync("Contact", "External_Id__c", "ext-00001", "HasOptedOutOfEmail", true);
        var query = await host.Client.QueryAsync("SELECT External_Id__c, HasOptedOutOfEmail FROM Contact WHERE HasOptedOutOfEmail = true");

        Assert.True(first.IsSuccess, first.Error);
        Assert.True(second.IsSuccess, second.Error);
        Assert.Equal("ext-00001", Assert.Single(query.Value!.Records)["External_Id__c"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateField_UnknownExternalId_IsNotFound_AndCreatesNothing()
    {
        await using var host = SalesforceSyncHost.Start();

        var result = await host.Client.UpdateFieldAsync("Contact", "External_Id__c", "ext-ghost", "HasOptedOutOfEmail", true);

        Assert.Equal(VendorOutcome.NotFound, result.Outcome);
        Assert.Empty(await host.StateAsync("Contact"));
    }

    [Fact]
    public async Task Query_FollowsNextRecordsUrl_UntilDone()
    {
        await using var host = SalesforceSyncHost.Start(settings: new Dictionary<string, string?> { ["Sync:Vendors:Salesforce:QueryBatchSize"] = "200" });
        await host.Client.UpsertManyAsync("Contact", "External_Id__c", SalesforceSyncHost.Contacts(450));

        var result = await host.Client.QueryAsync("SELECT Id, External_Id__c FROM Contact");

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(450, result.Value!.Records.Count);
        Assert.Equal(450, result.Value.TotalSize);
        Assert.Equal(450, result.Value.Records.Select(r => r["External_Id__c"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(2, host.Simulator.Server.LogEntries.Count(e => e.RequestMessage.Path.StartsWith(SalesforceSyncHost.Data + "/query/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Query_MalformedSoql_IsValidation()
    {
        await using var host = SalesforceSyncHost.Start();

        var result = await host.Client.QueryAsync("SELEKT nothing");

        Assert.Equal(VendorOutcome.Validation, result.Outcome);
        Assert.Contains("MALFORMED_QUERY", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredSession_SignsANewAssertionOnce_AndReplays()
    {
        await using var host = SalesforceSyncHost.Start();
        await host.Client.UpsertAsync("Contact", "External_Id__c", "ext-1", new Dictionary<string, object?> { ["LastName"] = "One" });
        await host.ControlAsync(HttpMethod.Post, "/tokens/expire");

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            host.Client.UpsertAsync("Contact", "External_Id__c", $"ext-{i}", new Dictionary<string, object?> { ["LastName"] = $"L{i}" })));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error));
        Assert.Equal(2, host.Requests(SalesforceSyncHost.TokenPath).Count);
        Assert.Contains(401, host.Statuses(SalesforceSyncHost.Data));
    }

    [Fact]
    public async Task RefreshTokenFlow_Works_WithTheSecretFromAFile()
    {
        await using var host = SalesforceSyncHost.Start(refreshToken: true);

        var result = await host.Client.UpsertAsync("Contact", "External_Id__c", "ext-r", new Dictionary<string, object?> { ["LastName"] = "Refresh" });

        Assert.True(result.IsSuccess, result.Error);
        Assert.Contains("grant_type=refresh_token", host.Requests(SalesforceSyncHost.TokenPath).Single().RequestMessage.Body, StringComparison.Ordinal);
    }
}
