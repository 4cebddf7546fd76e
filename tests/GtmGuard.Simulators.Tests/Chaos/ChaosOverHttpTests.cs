using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Tests.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Simulators.Tests.Chaos;

/// <summary>Chaos injected through the control API reaches clients in the vendor's own shapes.</summary>
public sealed class ChaosOverHttpTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = SimulatorFactory.NewClock();
    private HubSpotSimulator _sim = null!;
    private HttpClient _http = null!;
    private HttpClient _control = null!;

    public Task InitializeAsync()
    {
        _sim = SimulatorFactory.HubSpot(_clock);
        _http = SimulatorFactory.Client(_sim, new HubSpotOptions().PrivateAppToken);
        _control = SimulatorFactory.Client(_sim);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _control.Dispose();
        await _sim.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PutPlan(string json) =>
        await _control.PutAsync("/__gtmguard/chaos", new StringContent(json, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("serverError", 500, "INTERNAL_ERROR")]
    [InlineData("unavailable", 503, "SERVICE_UNAVAILABLE")]
    [InlineData("validation", 400, "VALIDATION_ERROR")]
    [InlineData("unauthorized", 401, "EXPIRED_AUTHENTICATION")]
    public async Task InjectedFault_ComesBackInHubSpotsErrorShape(string fault, int status, string category)
    {
        await PutPlan($$"""{"seed":1,"rules":[{"operation":"contacts.list","fault":"{{fault}}"}]}""");

        var response = await _http.GetAsync("/crm/v3/objects/contacts");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("error", body!["status"]!.GetValue<string>());
        Assert.Equal(category, body["category"]!.GetValue<string>());
    }

    [Fact]
    public async Task InjectedRateLimit_Is429WithPolicyNameAndRateLimitHeaders()
    {
        await PutPlan("""{"rules":[{"fault":"rateLimit"}]}""");

        var response = await _http.GetAsync("/crm/v3/objects/contacts");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("RATE_LIMIT", body!["errorType"]!.GetValue<string>());
        Assert.Equal("TEN_SECONDLY_ROLLING", body["policyName"]!.GetValue<string>());
        Assert.True(response.Headers.Contains(HubSpotHeaders.Remaining));
    }

    [Fact]
    public async Task InjectedReset_BreaksTheConnection()
    {
        await PutPlan("""{"rules":[{"fault":"reset"}]}""");

        await Assert.ThrowsAnyAsync<HttpRequestException>(async () =>
        {
            using var response = await _http.GetAsync("/crm/v3/objects/contacts");
            await response.Content.ReadAsStringAsync();
        });
    }

    [Fact]
    public async Task InjectedMalformedBody_Is200WithTruncatedJson()
    {
        await PutPlan("""{"rules":[{"fault":"malformed"}]}""");

        var response = await _http.GetAsync("/crm/v3/objects/contacts");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(text));
    }

    [Fact]
    public async Task InjectedLatency_HoldsTheAnswerUntilTheClockHasMovedThatFar()
    {
        await PutPlan("""{"rules":[{"fault":"latency","latency":"2s"}]}""");

        var (response, advanced) = await AdvanceUntilAnswered(_http.GetAsync("/crm/v3/objects/contacts"), TimeSpan.FromMilliseconds(250));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(advanced >= TimeSpan.FromSeconds(2), $"answered after {advanced} of fake time");
    }

    [Fact]
    public async Task InjectedHang_AnswersOnlyAfterTheHoldTime()
    {
        await PutPlan("""{"rules":[{"fault":"hang","latency":"100s"}]}""");

        var (response, advanced) = await AdvanceUntilAnswered(_http.GetAsync("/crm/v3/objects/contacts"), TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(advanced >= TimeSpan.FromSeconds(100), $"answered after {advanced} of fake time");
    }

    /// <summary>Moves the fake clock in steps until the request completes; returns how much fake time that took.</summary>
    private async Task<(HttpResponseMessage Response, TimeSpan Advanced)> AdvanceUntilAnswered(Task<HttpResponseMessage> pending, TimeSpan step)
    {
        var advanced = TimeSpan.Zero;
        for (var i = 0; i < 200 && !pending.IsCompleted; i++)
        {
            await Task.WhenAny(pending, Task.Delay(20));
            if (!pending.IsCompleted)
            {
                _clock.Advance(step);
                advanced += step;
            }
        }

        return (await pending.WaitAsync(TimeSpan.FromSeconds(10)), advanced);
    }

    [Fact]
    public async Task SamePlanAndSeed_GiveTheSameStatusSequence()
    {
        const string plan = """{"seed":2024,"rules":[{"fault":"serverError","probability":0.3},{"fault":"rateLimit","probability":0.2}]}""";
        await PutPlan(plan);
        var first = await Statuses(40);
        await _control.PostAsync("/__gtmguard/quota/reset", null);
        await PutPlan(plan);

        var second = await Statuses(40);

        Assert.Equal(first, second);
        Assert.Contains(500, first);
        Assert.Contains(200, first);
    }

    [Fact]
    public async Task ChaosPlan_CanBeReadBackAndCleared()
    {
        await PutPlan("""{"name":"demo","seed":9,"rules":[{"operation":"contacts.*","fault":"unavailable","from":"45s","to":"75s"}]}""");

        var plan = await _control.GetFromJsonAsync<JsonObject>("/__gtmguard/chaos");
        await _control.DeleteAsync("/__gtmguard/chaos");
        var cleared = await _control.GetFromJsonAsync<JsonObject>("/__gtmguard/chaos");

        Assert.Equal("demo", plan!["name"]!.GetValue<string>());
        Assert.Equal("unavailable", plan["rules"]![0]!["fault"]!.GetValue<string>());
        Assert.Equal("45000ms", plan["rules"]![0]!["from"]!.GetValue<string>());
        Assert.Empty(cleared!["rules"]!.AsArray());
    }

    [Fact]
    public async Task InvalidPlan_Is400NamingTheFieldAndKeepsThePreviousPlan()
    {
        await PutPlan("""{"name":"kept","rules":[{"fault":"serverError","probability":0.1}]}""");

        var response = await PutPlan("""{"rules":[{"fault":"nope"}]}""");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var plan = await _control.GetFromJsonAsync<JsonObject>("/__gtmguard/chaos");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("rules[0].fault", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("kept", plan!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ControlApi_IsNotSubjectToChaos()
    {
        await PutPlan("""{"rules":[{"fault":"serverError"}]}""");

        var state = await _control.GetAsync("/__gtmguard/state");

        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
    }

    private async Task<List<int>> Statuses(int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var response = await _http.GetAsync("/crm/v3/objects/contacts");
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }
}
