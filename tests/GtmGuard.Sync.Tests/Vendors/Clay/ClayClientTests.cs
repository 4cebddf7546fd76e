using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Tests.Vendors.Clay;

/// <summary>The Clay client against the real Clay simulator.</summary>
public sealed class ClayClientTests
{
    [Fact]
    public async Task SubmitRows_OnePerRequest_WithTheSourceToken()
    {
        await using var host = ClaySyncHost.Start();

        var result = await host.Client.SubmitRowsAsync(ClaySyncHost.Rows(3));

        Assert.True(result.IsSuccess, string.Join("; ", result.Failures.Select(f => f.Error)));
        Assert.Equal(3, result.Submitted);
        Assert.Equal(3, (await host.StateAsync("rows")).Count);
        var requests = host.Requests(ClaySyncHost.WebhookPath);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(host.WebhookToken, r.RequestMessage.Headers!["x-clay-webhook-auth"].Single()));
    }

    [Fact]
    public async Task SubmitRows_IdenticalRowsInOneCall_AreSentOnce()
    {
        await using var host = ClaySyncHost.Start();
        var rows = ClaySyncHost.Rows(2).Concat(ClaySyncHost.Rows(2)).ToList();

        var result = await host.Client.SubmitRowsAsync(rows);

        Assert.Equal(2, result.Submitted);
        Assert.Equal(2, result.Duplicates);
        Assert.Equal(2, (await host.StateAsync("rows")).Count);
    }

    [Fact]
    public async Task SubmitRows_AFailure_NamesTheCallersRows_AfterIdenticalRowsWereSentOnce()
    {
        // The source takes one submission: A goes through, B is refused; A's copy is never sent.
        await using var host = ClaySyncHost.Start(simulator: o => o.SubmissionCapPerSource = 1);
        var a = new Dictionary<string, object?> { ["email"] = "a@example.com" };
        var b = new Dictionary<string, object?> { ["email"] = "b@example.com" };

        var result = await host.Client.SubmitRowsAsync([a, a, b]);

        var failure = Assert.Single(result.Failures);
        Assert.Equal([2], failure.Rows);
        Assert.Equal((1, 1), (result.Submitted, result.Duplicates));
    }

    [Fact]
    public async Task SubmitRows_AServerError_IsNotResent_SinceClayMayHaveAppendedTheRows()
    {
        await using var host = ClaySyncHost.Start();
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { rules = new[] { new { operation = "webhook.submit", fault = "serverError" } } });

        var result = await host.Client.SubmitRowsAsync(ClaySyncHost.Rows(1));

        Assert.Equal(VendorOutcome.ServerError, result.Outcome);
        Assert.Single(host.Requests(ClaySyncHost.WebhookPath));
    }

    [Fact]
    public async Task SubmitRows_ARateLimit_IsResent_SinceClayRefusedTheRows()
    {
        await using var host = ClaySyncHost.Start(settings: new Dictionary<string, string?> { ["Sync:Vendors:Clay:Resilience:MaxRetryAttempts"] = "8" });
        await host.ControlAsync(HttpMethod.Put, "/chaos", new { seed = 11, rules = new[] { new { operation = "webhook.submit", fault = "rateLimit", probability = 0.5 } } });

        var result = await host.Clock.PumpAsync(host.Client.SubmitRowsAsync(ClaySyncHost.Rows(6)), TimeSpan.FromMilliseconds(250));

        Assert.True(result.IsSuccess, string.Join("; ", result.Failures.Select(f => f.Error)));
        Assert.Contains(429, host.Statuses(ClaySyncHost.WebhookPath));
        Assert.Equal(6, (await host.StateAsync("rows")).Count);
    }

    [Fact]
    public async Task SubmitRows_InBatches_WhenConfigured()
    {
        await using var host = ClaySyncHost.Start(settings: new Dictionary<string, string?> { ["Sync:Vendors:Clay:WebhookBatchSize"] = "50" });

        var result = await host.Client.SubmitRowsAsync(ClaySyncHost.Rows(120));

        Assert.Equal(120, result.Submitted);
        Assert.Equal(3, host.Requests(ClaySyncHost.WebhookPath).Count);
        Assert.Equal(120, (await host.StateAsync("rows")).Count);
    }

    [Fact]
    public async Task SubmitRows_WrongSourceToken_IsUnauthorized()
    {
        await using var host = ClaySyncHost.Start(simulator: o => o.Tables[0].WebhookAuthToken = "another-token");

        var result = await host.Client.SubmitRowsAsync(ClaySyncHost.Rows(1));

        Assert.Equal(VendorOutcome.Unauthorized, result.Outcome);
        Assert.Empty(await host.StateAsync("rows"));
    }

    [Fact]
    public async Task GetMe_SendsTheApiKeyHeader_AndReadsUserAndWorkspace()
    {
        await using var host = ClaySyncHost.Start();

        var me = await host.Client.GetMeAsync();

        Assert.True(me.IsSuccess, me.Error);
        Assert.Equal(new GtmGuard.Sync.Vendors.Clay.ClayMe(host.SimulatorOptions.UserId, host.SimulatorOptions.UserName, host.SimulatorOptions.WorkspaceId), me.Value);
        Assert.Equal(host.SimulatorOptions.ApiKey, host.Requests("/public/v0/me").Single().RequestMessage.Headers!["clay-api-key"].Single());
    }

    [Fact]
    public async Task GetMe_WorkspaceLimitFromHeaders_KeepsCallsUnderIt()
    {
        await using var host = ClaySyncHost.Start(simulator: o => o.PublicApiRequests = 2);

        var results = await host.Clock.PumpAsync(
            Task.Run(async () =>
            {
                var outcomes = new List<VendorOutcome>();
                for (var i = 0; i < 6; i++)
                {
                    outcomes.Add((await host.Client.GetMeAsync()).Outcome);
                }

                return outcomes;
            }),
            TimeSpan.FromMilliseconds(200));

        Assert.All(results, o => Assert.Equal(VendorOutcome.Success, o));
        Assert.DoesNotContain(429, host.Statuses("/public/v0"));
    }
}
