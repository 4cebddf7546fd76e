using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Clay;

public sealed class ClayWebhookSourceTests
{
    [Fact]
    public async Task Submit_OneObject_CreatesOneRowWithItsFields()
    {
        await using var host = ClayTestHost.Start();

        var response = await host.Submit(new { email = "ada@analytical.io", first_name = "Ada" });
        var body = await ClayTestHost.Json(response);
        var rows = await host.Rows();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body["rows"]!.GetValue<int>());
        Assert.NotNull(body["message"]);
        var row = Assert.Single(rows)!;
        Assert.Equal("ada@analytical.io", row["fields"]!["email"]!.GetValue<string>());
        Assert.Equal("queued", row["status"]!.GetValue<string>());
        Assert.StartsWith("r_", row["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Array_CreatesOneRowPerElement()
    {
        await using var host = ClayTestHost.Start();

        var response = await host.Submit(new[] { new { email = "a@x.io" }, new { email = "b@x.io" }, new { email = "c@x.io" } });
        var body = await ClayTestHost.Json(response);
        var rows = await host.Rows();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, body["rows"]!.GetValue<int>());
        Assert.Equal(["a@x.io", "b@x.io", "c@x.io"], rows.Select(r => r!["fields"]!["email"]!.GetValue<string>()));
        Assert.Equal(3, rows.Select(r => r!["id"]!.GetValue<string>()).Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Submit_WithoutTheSourcesToken_Is401AndCreatesNoRow(string? token)
    {
        await using var host = ClayTestHost.Start(table: t => t.WebhookAuthToken = "s3cret-token");

        var response = await host.Submit(new { email = "a@x.io" }, token);
        var body = await ClayTestHost.Json(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("x-clay-webhook-auth", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await host.Rows());
    }

    [Fact]
    public async Task Submit_WithTheSourcesToken_IsAccepted()
    {
        await using var host = ClayTestHost.Start(table: t => t.WebhookAuthToken = "s3cret-token");

        var response = await host.Submit(new { email = "a@x.io" }, "s3cret-token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await host.Rows());
    }

    [Fact]
    public async Task Submit_PastTheLifetimeCap_IsRefusedWithAClearMessage()
    {
        await using var host = ClayTestHost.Start(o => o.SubmissionCapPerSource = 3);
        await host.Submit(new[] { new { n = 1 }, new { n = 2 }, new { n = 3 } });

        var response = await host.Submit(new { n = 4 });
        var body = await ClayTestHost.Json(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This webhook source has reached its limit of 3 submissions. Create a new webhook source.", body["message"]!.GetValue<string>());
        Assert.Equal(3, (await host.Rows()).Count);
    }

    [Fact]
    public void DefaultCap_IsFiftyThousandSubmissionsPerSource()
    {
        var options = new GtmGuard.Simulators.Clay.ClayOptions();

        var cap = options.SubmissionCapPerSource;

        Assert.Equal(50_000, cap);
    }

    [Fact]
    public async Task Submit_ArrayThatWouldCrossTheCap_IsRefusedWhole()
    {
        await using var host = ClayTestHost.Start(o => o.SubmissionCapPerSource = 3);
        await host.Submit(new { n = 1 });

        var response = await host.Submit(new[] { new { n = 2 }, new { n = 3 }, new { n = 4 } });
        var body = await ClayTestHost.Json(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Create a new webhook source", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await host.Rows());
    }

    [Fact]
    public async Task DeletingRows_DoesNotGiveSubmissionsBack()
    {
        await using var host = ClayTestHost.Start(o => o.SubmissionCapPerSource = 2);
        await host.Submit(new[] { new { n = 1 }, new { n = 2 } });
        var deleted = await host.Http.DeleteAsync($"/__gtmguard/tables/{ClayTestHost.TableId}/rows");

        var response = await host.Submit(new { n = 3 });

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty(await host.Rows());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Submit_ToAnUnknownSource_Is404WithAMessage()
    {
        await using var host = ClayTestHost.Start();

        var response = await host.Submit(new { email = "a@x.io" }, sourceId: "pull-in-data-from-a-webhook-nope");
        var body = await ClayTestHost.Json(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not found", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithANonObjectElement_Is400AndStoresNothing()
    {
        await using var host = ClayTestHost.Start();

        var response = await host.SubmitRaw("""[{"email":"a@x.io"}, 42]""");
        var body = await ClayTestHost.Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Element 1", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await host.Rows());
    }

    [Fact]
    public async Task Submissions_CostNoCredits()
    {
        await using var host = ClayTestHost.Start(o => o.EnrichmentDelay = TimeSpan.FromHours(1));

        await host.Submit(Enumerable.Range(1, 5).Select(i => new { email = $"p{i}@x.io" }).ToArray());
        var credits = await host.Http.GetFromJsonAsync<JsonObject>("/__gtmguard/credits");

        Assert.Equal(0, credits!["used"]!.GetValue<long>());
    }

    [Fact]
    public async Task DefaultConfiguration_ServesTheLeadsTable()
    {
        await using var simulator = new GtmGuard.Simulators.Clay.ClaySimulator(
            new GtmGuard.Simulators.Clay.ClayOptions { Port = 0 }, Hosting.SimulatorFactory.Settings(), Hosting.SimulatorFactory.NewClock(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        simulator.Start();
        using var http = new HttpClient();

        var response = await http.PostAsJsonAsync(simulator.Credentials["webhookUrl:t_leads"], new { email = "a@x.io" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, simulator.StateSummary()["rows"]);
    }
}
