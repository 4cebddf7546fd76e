using System.Net;
using System.Net.Http.Json;

namespace GtmGuard.Simulators.Tests.Clay;

public sealed class ClayCreditsTests
{
    private static readonly object AllRows = new { query = new { tables = new[] { new { id = ClayTestHost.TableId } } } };

    [Fact]
    public async Task ExhaustedCredits_LeaveLaterRowsUnenriched()
    {
        await using var host = ClayTestHost.Start(o => (o.CreditBudget, o.CreditsPerEnrichment) = (4, 2));
        await host.Submit(new[] { new { email = "a@x.io" }, new { email = "b@x.io" }, new { email = "c@x.io" } });

        host.FinishEnrichment();
        var rows = await host.Rows();

        Assert.Equal(["enriched", "enriched", "out_of_credits"], rows.Select(r => r!["status"]!.GetValue<string>()));
        Assert.Null(rows[2]!["enrichment"]);
    }

    [Fact]
    public async Task ExhaustedCredits_MakeThePublicApiAnswer402_ButMeStillAnswers()
    {
        await using var host = ClayTestHost.Start(o => o.CreditBudget = 1);
        await host.Submit(new { email = "a@x.io" });
        host.FinishEnrichment();

        var query = await host.PublicApi(HttpMethod.Post, "/tables/query", AllRows);
        var body = await ClayTestHost.Json(query);
        var me = await host.PublicApi(HttpMethod.Get, "/me");

        Assert.Equal(HttpStatusCode.PaymentRequired, query.StatusCode);
        Assert.Contains("credits", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(body);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task ToppingUpCredits_LetsThePublicApiAnswerAgain()
    {
        await using var host = ClayTestHost.Start(o => o.CreditBudget = 0);

        var topUp = await host.Http.PutAsJsonAsync("/__gtmguard/credits", new { budget = 10 });
        var query = await host.PublicApi(HttpMethod.Post, "/tables/query", AllRows);

        Assert.Equal(HttpStatusCode.OK, topUp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
    }

    [Fact]
    public async Task NoMatchRows_CostNoCredits()
    {
        await using var host = ClayTestHost.Start(o => o.NoMatchRate = 1);
        await host.Submit(new[] { new { email = "a@x.io" }, new { email = "b@x.io" } });

        host.FinishEnrichment();
        var credits = await host.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/__gtmguard/credits");

        Assert.All(await host.Rows(), r => Assert.Equal("no_match", r!["status"]!.GetValue<string>()));
        Assert.Equal(0, credits!["used"]!.GetValue<long>());
    }
}
