using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Vendors.HubSpot;

namespace GtmGuard.Sync.Tests.Vendors.HubSpot;

public sealed class HubSpotClientTests
{
    [Fact]
    public async Task UpsertContacts_SameInputTwice_SecondRunCreatesNothing()
    {
        await using var host = HubSpotSyncHost.Start();
        var contacts = HubSpotContacts.Make(150);

        var first = await host.Client.UpsertContactsAsync(contacts);
        var second = await host.Client.UpsertContactsAsync(contacts);

        Assert.True(first.IsSuccess, string.Join("; ", first.Failures.Select(f => f.Error)));
        Assert.Equal(150, first.CreatedCount);
        Assert.True(second.IsSuccess);
        Assert.Equal(150, second.Contacts.Count);
        Assert.Equal(0, second.CreatedCount);
        Assert.Equal(150, (await host.StateAsync()).Count);
        Assert.Equal(first.Contacts.Select(c => c.Id).Order(), second.Contacts.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task UpsertContacts_MoreThanOneHundred_SplitsIntoBatchesOfOneHundred()
    {
        await using var host = HubSpotSyncHost.Start();

        var result = await host.Client.UpsertContactsAsync(HubSpotContacts.Make(250));

        Assert.True(result.IsSuccess);
        Assert.Equal(3, host.Requests(HubSpotSyncHost.ContactsPath + "/batch/upsert").Count);
        Assert.Equal(250, result.CreatedCount);
    }

    [Fact]
    public async Task UpsertContacts_RepeatedEmail_MergesIntoOneInput()
    {
        await using var host = HubSpotSyncHost.Start();
        var contacts = new[]
        {
            new HubSpotContactInput("Ann@Example.com", new Dictionary<string, string?> { ["firstname"] = "Ann", ["company"] = "Old" }),
            new HubSpotContactInput("ann@example.com", new Dictionary<string, string?> { ["company"] = "New" }),
        };

        var result = await host.Client.UpsertContactsAsync(contacts);
        var read = await host.Client.GetContactByEmailAsync("ann@example.com", ["firstname", "company"]);

        Assert.True(result.IsSuccess);
        Assert.Single(result.Contacts);
        Assert.Equal("Ann", read.Value!.Properties["firstname"]);
        Assert.Equal("New", read.Value.Properties["company"]);
    }

    [Fact]
    public async Task GetContactByEmail_WhenMissing_IsNotFound()
    {
        await using var host = HubSpotSyncHost.Start();

        var result = await host.Client.GetContactByEmailAsync("nobody@example.com");

        Assert.Equal(VendorOutcome.NotFound, result.Outcome);
        Assert.Equal(404, result.StatusCode);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task GetContacts_ReadsOneHundredPerCall_WithTheAskedProperties_AndLeavesOutUnknownIds()
    {
        await using var host = HubSpotSyncHost.Start();
        var written = await host.Client.UpsertContactsAsync(HubSpotContacts.Make(150));
        var ids = written.Contacts.Select(c => c.Id).Append("999999999").ToList();

        var read = await host.Client.GetContactsAsync(ids, ["email"]);

        Assert.True(read.IsSuccess, read.Error);
        Assert.Equal(written.Contacts.Select(c => c.Id).Order(), read.Value!.Select(c => c.Id).Order());
        Assert.Equal(written.Contacts.Select(c => c.Email).Order(StringComparer.Ordinal), read.Value!.Select(c => c.Email!).Order(StringComparer.Ordinal));
        Assert.Equal(2, host.Requests(HubSpotSyncHost.ContactsPath + "/batch/read").Count);
    }

    [Fact]
    public async Task SearchContacts_ByProperty_FindsEveryMatchAcrossPages()
    {
        await using var host = HubSpotSyncHost.Start();
        await host.Client.UpsertContactsAsync(HubSpotContacts.Make(120, "acme", company: "Acme"));
        await host.Client.UpsertContactsAsync(HubSpotContacts.Make(5, "other", company: "Other"));

        var result = await host.Client.SearchContactsAsync("company", "Acme", ["email", "company"]);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(120, result.Value!.Count);
        Assert.All(result.Value, c => Assert.Equal("Acme", c.Properties["company"]));
    }

    [Fact]
    public async Task UpdateContactByEmail_SetsOptOut_AndIsIdempotent()
    {
        await using var host = HubSpotSyncHost.Start();
        await host.Client.UpsertContactsAsync(HubSpotContacts.Make(1));
        var optOut = new Dictionary<string, string?> { ["hs_email_optout"] = "true" };

        var first = await host.Client.UpdateContactByEmailAsync("lead0001@example.com", optOut);
        var second = await host.Client.UpdateContactByEmailAsync("lead0001@example.com", optOut);
        var read = await host.Client.GetContactByEmailAsync("lead0001@example.com", ["hs_email_optout"]);

        Assert.True(first.IsSuccess, first.Error);
        Assert.True(second.IsSuccess, second.Error);
        Assert.Equal("true", read.Value!.Properties["hs_email_optout"]);
        Assert.Single(await host.StateAsync());
    }

    [Fact]
    public async Task UpdateContactByEmail_WhenMissing_IsNotFound()
    {
        await using var host = HubSpotSyncHost.Start();

        var result = await host.Client.UpdateContactByEmailAsync("ghost@example.com", new Dictionary<string, string?> { ["hs_email_optout"] = "true" });

        Assert.Equal(VendorOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task UpsertContacts_UnknownProperty_IsValidationForTheWholeBatch()
    {
        await using var host = HubSpotSyncHost.Start();
        var contacts = new[] { new HubSpotContactInput("x@example.com", new Dictionary<string, string?> { ["no_such_property"] = "1" }) };

        var result = await host.Client.UpsertContactsAsync(contacts);

        Assert.Equal(VendorOutcome.Validation, result.Outcome);
        Assert.Equal(["x@example.com"], result.Failures.Single().Emails);
        Assert.Contains("no_such_property", result.Failures[0].Error, StringComparison.Ordinal);
    }
}
