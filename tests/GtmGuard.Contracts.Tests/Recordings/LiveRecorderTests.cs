using GtmGuard.Contracts.Recordings;
using GtmGuard.Contracts.Tests.Conformance;
using GtmGuard.Contracts.Validation;
using GtmGuard.Simulators.HubSpot;
using Microsoft.Extensions.Logging.Abstractions;

namespace GtmGuard.Contracts.Tests.Recordings;

public sealed class LiveRecorderTests
{
    [Fact]
    public async Task LiveSampling_OfALoopbackSimulator_GetsTheSafeOperations_AndIsClean()
    {
        var options = new HubSpotOptions { Port = 0 };
        await using var simulator = new HubSpotSimulator(options, ConformanceHarness.Settings(), ConformanceHarness.NewClock(), NullLoggerFactory.Instance);
        simulator.Start();
        using var http = new HttpClient();

        var recording = await LiveRecorder.RecordAsync(http, new Uri(simulator.BaseUrl + "/"), await ConformanceHarness.Snapshots, "hubspot", options.PrivateAppToken);
        var report = new ContractChecker(await ConformanceHarness.Snapshots).Check(recording);

        var exchange = Assert.Single(recording.Exchanges);
        Assert.Equal(200, exchange.Status);
        Assert.StartsWith(simulator.BaseUrl, exchange.Url, StringComparison.Ordinal);
        ConformanceHarness.AssertClean(report);
    }

    [Fact]
    public async Task CredentialsInTheLiveUrl_NeverReachTheRecording()
    {
        await using var simulator = new HubSpotSimulator(new HubSpotOptions { Port = 0 }, ConformanceHarness.Settings(), ConformanceHarness.NewClock(), NullLoggerFactory.Instance);
        simulator.Start();
        using var http = new HttpClient();
        var withCredentials = new UriBuilder(simulator.BaseUrl + "/") { UserName = "apiuser", Password = "s3cr3t-token" }.Uri;

        var recording = await LiveRecorder.RecordAsync(http, withCredentials, await ConformanceHarness.Snapshots, "hubspot", token: null);

        var exchange = Assert.Single(recording.Exchanges);
        Assert.DoesNotContain("s3cr3t-token", exchange.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-token", exchange.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("apiuser", exchange.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveSampling_WithoutAToken_RecordsTheVendorsUnauthorizedAnswer()
    {
        await using var simulator = new HubSpotSimulator(new HubSpotOptions { Port = 0 }, ConformanceHarness.Settings(), ConformanceHarness.NewClock(), NullLoggerFactory.Instance);
        simulator.Start();
        using var http = new HttpClient();

        var recording = await LiveRecorder.RecordAsync(http, new Uri(simulator.BaseUrl + "/"), await ConformanceHarness.Snapshots, "hubspot", token: null);

        Assert.Equal(401, Assert.Single(recording.Exchanges).Status);
        ConformanceHarness.AssertClean(new ContractChecker(await ConformanceHarness.Snapshots).Check(recording));
    }

    [Fact]
    public async Task LiveSampling_OfAnUnknownVendor_IsAClearError()
    {
        using var http = new HttpClient();
        var snapshots = await ConformanceHarness.Snapshots;

        var error = await Assert.ThrowsAsync<RecordingException>(() => LiveRecorder.RecordAsync(http, new Uri("http://127.0.0.1:9/"), snapshots, "zendesk", null));

        Assert.Contains("zendesk", error.Message, StringComparison.Ordinal);
    }
}
