using System.Net;
using System.Net.Http.Json;
using GtmGuard.Simulators.Tests.Webhooks;
using GtmGuard.Simulators.Webhooks;

namespace GtmGuard.Simulators.Tests.Clay;

public sealed class ClayCallbackTests : IDisposable
{
    private readonly WebhookReceiver _receiver = new();

    public void Dispose() => _receiver.Dispose();

    [Fact]
    public async Task EnrichedRow_IsPostedToTheCallback_AsOneJsonObjectWithItsIdStatusAndEnrichment()
    {
        await using var host = ClayTestHost.Start(table: t => t.CallbackUrl = _receiver.Url.ToString());
        await host.Submit(new { email = "ada@analytical.io", source = "website" });

        host.FinishEnrichment();
        await host.AdvanceUntil(() => _receiver.Received.Count == 1, TimeSpan.FromMilliseconds(100));
        var delivery = _receiver.Received[0];
        var row = (await host.Rows())[0]!;

        Assert.StartsWith("application/json", delivery.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("ada@analytical.io", delivery.Json["email"]!.GetValue<string>());
        Assert.Equal("website", delivery.Json["source"]!.GetValue<string>());
        Assert.Equal(row["id"]!.GetValue<string>(), delivery.Json["clay_row_id"]!.GetValue<string>());
        Assert.Equal("enriched", delivery.Json["clay_status"]!.GetValue<string>());
        Assert.Equal("analytical.io", delivery.Json["enrichment"]!["company_domain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Callbacks_RespectTheColumnsRateLimit_SpreadingDeliveriesOverTheWindow()
    {
        await using var host = ClayTestHost.Start(table: t => (t.CallbackUrl, t.CallbackRequests, t.CallbackPer) = (_receiver.Url.ToString(), 2, TimeSpan.FromSeconds(1)));
        await host.Submit(Enumerable.Range(1, 6).Select(i => new { email = $"p{i}@x.io" }).ToArray());

        host.FinishEnrichment();
        await host.AdvanceUntil(() => _receiver.Received.Count == 6, TimeSpan.FromMilliseconds(100));
        var attempts = host.Simulator.Webhooks!.Log.Snapshot().OrderBy(a => a.At).ToList();

        Assert.True(attempts[^1].At - attempts[0].At >= TimeSpan.FromSeconds(2), $"spread {attempts[^1].At - attempts[0].At}");
        for (var i = 2; i < attempts.Count; i++)
        {
            Assert.True(attempts[i].At - attempts[i - 2].At >= TimeSpan.FromSeconds(0.99), $"3 deliveries within one second at {i}");
        }
    }

    [Fact]
    public async Task FailedCallback_IsRetriedOnTheSchedule()
    {
        await using var host = ClayTestHost.Start(
            o => o.CallbackRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)],
            t => t.CallbackUrl = _receiver.Url.ToString());
        _receiver.AnswerWith(500);
        await host.Submit(new { email = "a@x.io" });

        host.FinishEnrichment();
        await host.AdvanceUntil(() => _receiver.Received.Count == 2, TimeSpan.FromMilliseconds(100));
        var log = host.Simulator.Webhooks!.Log.Snapshot();

        Assert.Equal([WebhookDeliveryAttempt.Failed, WebhookDeliveryAttempt.Delivered], log.Select(a => a.Outcome));
        Assert.Equal(500, log[0].Status);
        Assert.True(log[1].At - log[0].At >= TimeSpan.FromSeconds(1));
        Assert.Equal(_receiver.Received[0].Body, _receiver.Received[1].Body);
    }

    [Fact]
    public async Task CallbackUrl_CanBeSetAtRunTime_WithHeadersAndARateLimit()
    {
        await using var host = ClayTestHost.Start();
        var set = await host.Http.PutAsJsonAsync(
            $"/__gtmguard/tables/{ClayTestHost.TableId}/callback",
            new { url = _receiver.Url.ToString(), requests = 5, perMilliseconds = 500, headers = new Dictionary<string, string> { ["Authorization"] = "Bearer sync-token" } });
        await host.Submit(new { email = "a@x.io" });

        host.FinishEnrichment();
        await host.AdvanceUntil(() => _receiver.Received.Count == 1, TimeSpan.FromMilliseconds(100));
        var tables = await host.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/__gtmguard/tables");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("Bearer sync-token", _receiver.Received[0].Headers["Authorization"]);
        Assert.Equal(500, tables![0]!["callback"]!["perMilliseconds"]!.GetValue<double>());
    }

    [Fact]
    public async Task OutOfCreditRows_AreNotCalledBack()
    {
        await using var host = ClayTestHost.Start(o => o.CreditBudget = 1, t => t.CallbackUrl = _receiver.Url.ToString());
        await host.Submit(new[] { new { email = "a@x.io" }, new { email = "b@x.io" } });

        host.FinishEnrichment();
        await host.AdvanceUntil(() => _receiver.Received.Count == 1, TimeSpan.FromMilliseconds(100));
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(200);

        Assert.Single(_receiver.Received);
        Assert.Equal("a@x.io", _receiver.Received[0].Json["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task CallbackToANonLoopbackUrl_IsRefusedByTheControlEndpoint()
    {
        await using var host = ClayTestHost.Start();

        var response = await host.Http.PutAsJsonAsync($"/__gtmguard/tables/{ClayTestHost.TableId}/callback", new { url = "http://203.0.113.9/hook" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
