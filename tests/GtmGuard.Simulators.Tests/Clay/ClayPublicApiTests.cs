using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Tests.Clay;

public sealed class ClayPublicApiTests
{
    [Fact]
    public async Task Me_WithTheApiKey_ReturnsTheUserAndWorkspace()
    {
        await using var host = ClayTestHost.Start();

        var response = await host.PublicApi(HttpMethod.Get, "/me");
        var body = await ClayTestHost.Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(host.Options.UserId, body["user"]!["id"]!.GetValue<string>());
        Assert.Equal(host.Options.UserName, body["user"]!["name"]!.GetValue<string>());
        Assert.False(body["user"]!["cli_onboarded"]!.GetValue<bool>());
        Assert.Equal(host.Options.WorkspaceId, body["workspace"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-key")]
    public async Task Me_WithoutAValidKey_Is401AuthenticationFailed(string? key)
    {
        await using var host = ClayTestHost.Start();

        var response = await host.PublicApi(HttpMethod.Get, "/me", apiKey: key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Authentication failed"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TablesQuery_ReturnsFilteredRowsAsCells_AndPagesWithACursor()
    {
        await using var host = ClayTestHost.Start();
        await host.Submit(Enumerable.Range(1, 5).Select(i => new { email = $"p{i}@x.io", score = i }).ToArray());
        host.FinishEnrichment();
        var query = new { tables = new[] { new { id = ClayTestHost.TableId } }, filter = new { field = "score", op = ">=", value = 2 } };

        var first = await ClayTestHost.Json(await host.PublicApi(HttpMethod.Post, "/tables/query", new { query, limit = 3 }));
        var second = await ClayTestHost.Json(await host.PublicApi(HttpMethod.Post, "/tables/query", new { query, limit = 3, cursor = first["cursor"]!.GetValue<string>() }));

        Assert.Equal(["p2@x.io", "p3@x.io", "p4@x.io"], Emails(first));
        Assert.Equal(["p5@x.io"], Emails(second));
        Assert.Null(second["cursor"]);
        var record = first["data"]![0]!;
        Assert.Equal("success", record["email"]!["status"]!.GetValue<string>());
        Assert.Equal("success", record["enrichment"]!["status"]!.GetValue<string>());
        Assert.Equal("x.io", record["enrichment"]!["fields"]!["company_domain"]!.GetValue<string>());
        Assert.Equal("number", first["fields"]!["score"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task TablesQuery_BeforeEnrichment_ShowsTheEnrichmentCellAsQueued()
    {
        await using var host = ClayTestHost.Start();
        await host.Submit(new { email = "a@x.io" });

        var body = await ClayTestHost.Json(await host.PublicApi(HttpMethod.Post, "/tables/query", new { query = new { tables = new[] { new { id = ClayTestHost.TableId } } } }));

        Assert.Equal("queued", body["data"]![0]!["enrichment"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TablesQuery_ForAnUnknownTable_Is404()
    {
        await using var host = ClayTestHost.Start();

        var response = await host.PublicApi(HttpMethod.Post, "/tables/query", new { query = new { tables = new[] { new { id = "t_missing" } } } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("t_missing", (await ClayTestHost.Json(response))["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicApi_OverTheWorkspaceLimit_Is429WithRetryAfter()
    {
        await using var host = ClayTestHost.Start(o => (o.PublicApiRequests, o.PublicApiPer) = (2, TimeSpan.FromSeconds(10)));
        await host.PublicApi(HttpMethod.Get, "/me");
        await host.PublicApi(HttpMethod.Get, "/me");

        var response = await host.PublicApi(HttpMethod.Get, "/me");
        var body = await ClayTestHost.Json(response);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("10", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Contains("Rate limit", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rateLimit", 429)]
    [InlineData("serverError", 500)]
    [InlineData("unavailable", 503)]
    [InlineData("validation", 400)]
    [InlineData("unauthorized", 401)]
    public async Task Chaos_AnswersInClaysShape(string fault, int status)
    {
        await using var host = ClayTestHost.Start();
        var chaos = await host.Http.PutAsJsonAsync("/__gtmguard/chaos", new { rules = new[] { new { operation = "*", fault, probability = 1.0 } } });

        var api = await host.PublicApi(HttpMethod.Get, "/me");
        var webhook = await host.Submit(new { email = "a@x.io" });

        Assert.Equal(HttpStatusCode.OK, chaos.StatusCode);
        foreach (var response in new[] { api, webhook })
        {
            Assert.Equal(status, (int)response.StatusCode);
            var body = await ClayTestHost.Json(response);
            Assert.Single(body);
            Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
        }

        Assert.True(status != 429 || api.Headers.Contains("Retry-After"));
    }

    private static IEnumerable<string> Emails(JsonObject page) =>
        page["data"]!.AsArray().Select(r => r!["email"]!["value"]!.GetValue<string>());
}
