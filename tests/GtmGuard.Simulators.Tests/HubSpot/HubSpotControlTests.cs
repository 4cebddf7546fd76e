using System.Net;
using System.Net.Http.Json;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotAssert;
using static GtmGuard.Simulators.Tests.HubSpot.HubSpotTestHost;

namespace GtmGuard.Simulators.Tests.HubSpot;

public sealed class HubSpotControlTests : HubSpotSimulatorTests
{
    [Fact]
    public async Task StateContacts_DumpsEveryContactIncludingArchivedOnes()
    {
        var kept = await Host.CreateContactAsync(new { email = "kept@example.com", firstname = "Kept" });
        var gone = await Host.CreateContactAsync(new { email = "gone@example.com" });
        await Host.Http.DeleteAsync($"{Contacts}/{gone["id"]}");

        var response = await Host.ControlAsync(HttpMethod.Get, "/state/contacts");

        var dump = (await JsonAsync(response)).AsArray();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, dump.Count);
        var keptDump = dump.Single(c => Text(c, "id") == kept["id"]!.GetValue<string>());
        Assert.Equal("Kept", Text(keptDump!["properties"], "firstname"));
        Assert.True(dump.Single(c => Text(c, "id") == gone["id"]!.GetValue<string>())!["archived"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StateContacts_PagesWithOffsetAndLimit_LiveInCreationOrderThenArchived(bool archiveOne)
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Host.CreateContactAsync(new { email = $"page{i}@example.com" }))["id"]!.GetValue<string>());
        }

        if (archiveOne)
        {
            await Host.Http.DeleteAsync($"{Contacts}/{ids[1]}");
            ids.Add(ids[1]);
            ids.RemoveAt(1);
        }

        var pages = new List<string[]>();
        foreach (var offset in new[] { 0, 2, 4, 6 })
        {
            var response = await Host.ControlAsync(HttpMethod.Get, $"/state/contacts?offset={offset}&limit=2");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add((await JsonAsync(response)).AsArray().Select(c => Text(c, "id")!).ToArray());
        }

        Assert.Equal([ids[0..2].ToArray(), ids[2..4].ToArray(), ids[4..5].ToArray(), []], pages);
    }

    [Fact]
    public async Task StateSummary_CountsRecordsPerObjectType()
    {
        await Host.CreateContactAsync(new { email = "one@example.com" });

        var body = await JsonObjectAsync(await Host.ControlAsync(HttpMethod.Get, "/state"));

        Assert.Equal(1, body["objects"]!["contacts"]!.GetValue<int>());
        Assert.Equal(0, body["objects"]!["companies"]!.GetValue<int>());
    }

    [Fact]
    public async Task StateOfUnknownType_Returns404()
    {
        var response = await Host.ControlAsync(HttpMethod.Get, "/state/unicorns");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Reset_ForgetsEveryRecord_ButKeepsCredentials()
    {
        var created = await Host.CreateContactAsync(new { email = "temp@example.com" });

        var reset = await Host.ControlAsync(HttpMethod.Post, "/reset");
        var read = await Host.Http.GetAsync($"{Contacts}/{created["id"]}");
        var recreated = await Host.Http.PostAsJsonAsync(Contacts, new { properties = new { email = "temp@example.com" } });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recreated.StatusCode);
        Assert.Empty((await JsonAsync(await Host.ControlAsync(HttpMethod.Get, "/state/companies"))).AsArray());
    }

    [Fact]
    public async Task Info_ListsCredentialsAndOperations()
    {
        var body = await JsonObjectAsync(await Host.ControlAsync(HttpMethod.Get, "/info"));

        Assert.Equal(Host.Options.PrivateAppToken, Text(body["credentials"], "privateAppToken"));
        Assert.Contains(body["operations"]!.AsArray(), o => Text(o, "operation") == "contacts.batch.upsert");
    }
}
