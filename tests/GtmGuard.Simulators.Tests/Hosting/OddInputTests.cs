using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Tests.HubSpot;
using GtmGuard.Simulators.Tests.Outreach;
using GtmGuard.Simulators.Tests.Salesforce;

namespace GtmGuard.Simulators.Tests.Hosting;

/// <summary>Input that once stalled or broke a simulator: each now gets an answer, and the simulator keeps working.</summary>
public sealed class OddInputTests
{
    [Fact]
    public async Task ASoqlLikePatternOfManyWildcards_AnswersPromptly_InsteadOfStallingTheStore()
    {
        await using var host = await SalesforceTestHost.StartAsync();
        await host.LoginAsync();
        await host.CreateAsync("Contact", new { LastName = new string('a', 40) });
        var query = Uri.EscapeDataString("SELECT Id FROM Contact WHERE LastName LIKE '%a%a%a%a%a%a%a%a%a%a%a%a%a%a%b'");

        // A backtracking matcher needs hours for this; the guard only keeps a regression from hanging the run.
        using var response = await host.Http.GetAsync($"{SalesforceTestHost.Data}/query?q={query}").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonObject>())!["totalSize"]!.GetValue<int>());
    }

    [Fact]
    public async Task ASubscriptionIdFreedByADeletion_IsNotHandedToTheNextSubscription()
    {
        await using var host = HubSpotTestHost.Start();
        var target = new { targetUrl = "http://127.0.0.1:9/hook", secret = "s" };
        var first = await IdAsync(await host.ControlAsync(HttpMethod.Post, "/webhooks/subscriptions", target));
        var second = await IdAsync(await host.ControlAsync(HttpMethod.Post, "/webhooks/subscriptions", target));
        Assert.Equal(HttpStatusCode.OK, (await host.ControlAsync(HttpMethod.Delete, $"/webhooks/subscriptions/{first}")).StatusCode);

        var third = await IdAsync(await host.ControlAsync(HttpMethod.Post, "/webhooks/subscriptions", target));
        var listed = (await (await host.ControlAsync(HttpMethod.Get, "/webhooks/subscriptions")).Content.ReadFromJsonAsync<JsonArray>())!;

        Assert.NotEqual(second, third);
        Assert.Equal(new[] { second, third }.Order(StringComparer.Ordinal), listed.Select(s => s!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("filter[id][gt]=9223372036854775807")]
    [InlineData("filter[updatedAt][gt]=9999-12-31T23:59:59.9999999Z")]
    [InlineData("filter[updatedAt][lt]=0001-01-01T00:00:00Z")]
    public async Task AnOutreachFilterBoundAtTheEndOfItsType_MatchesNothing_InsteadOfFailingOrMatchingAll(string filter)
    {
        await using var host = await OutreachTestHost.StartAsync();
        await host.CreateProspectAsync("ada@example.com");

        using var response = await host.SendAsync(HttpMethod.Get, "/api/v2/prospects?" + filter, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await OutreachTestHost.Json(response))["data"]!.AsArray());
    }

    [Fact]
    public async Task ABodyWithInvalidUtf8_IsTheVendorsBadRequest_AndStoresNothing()
    {
        await using var host = HubSpotTestHost.Start();
        using var content = new ByteArrayContent([.. "{\"properties\":{\"email\":\"a@example.com\",\"firstname\":\""u8, 0xFF, 0xFE, .. "\"}}"u8]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await host.Http.PostAsync("/crm/v3/objects/contacts", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, host.Simulator.StateSummary()["contacts"]);
    }

    private static async Task<string> IdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }
}
