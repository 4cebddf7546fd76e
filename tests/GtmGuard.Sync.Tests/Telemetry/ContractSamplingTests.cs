using System.Text;
using GtmGuard.Sync.Tests.Vendors.HubSpot;
using GtmGuard.Sync.Vendors.HubSpot;
using Prometheus;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace GtmGuard.Sync.Tests.Telemetry;

/// <summary>Live contract sampling inside the vendor clients: drifted vendor responses show up in the drift metric.</summary>
public sealed class ContractSamplingTests
{
    private static string SnapshotsDirectory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GtmGuard.sln")))
            {
                return Path.Combine(folder.FullName, "contracts");
            }
        }

        throw new InvalidOperationException("GtmGuard.sln not found above the test binaries.");
    }

    private static HubSpotSyncHost StartSampling() => HubSpotSyncHost.Start(settings: new Dictionary<string, string?>
    {
        ["Sync:Contracts:SnapshotsDirectory"] = SnapshotsDirectory(),
        ["Sync:Contracts:SampleRate"] = "1",
    });

    private static async Task<double> Findings(CollectorRegistry registry, string severity)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray())
            .Split('\n')
            .Where(line => line.StartsWith("gtmguard_contract_drift_findings_total{", StringComparison.Ordinal)
                && line.Contains("vendor=\"hubspot\"", StringComparison.Ordinal)
                && line.Contains($"severity=\"{severity}\"", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ConformantResponses_CountNoFindings()
    {
        await using var host = StartSampling();

        var upsert = await host.Client.UpsertContactsAsync([new HubSpotContactInput("clean@example.com", new Dictionary<string, string?> { ["firstname"] = "Clean" })]);
        var read = await host.Client.GetContactByEmailAsync("clean@example.com");

        Assert.True(read.IsSuccess, read.Outcome.ToString());
        Assert.NotNull(upsert);
        Assert.Equal(0, await Findings(host.Registry, "breaking"));
    }

    [Fact]
    public async Task ADriftedVendorResponse_IsCountedAsBreaking_AndTheCallStillSucceeds()
    {
        await using var host = StartSampling();
        await host.Client.UpsertContactsAsync([new HubSpotContactInput("drift@example.com", new Dictionary<string, string?> { ["firstname"] = "Drift" })]);
        // The vendor changes shape: archived becomes a string and createdAt disappears.
        host.Simulator.Server
            .Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/crm/v3/objects/contacts/*")).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"id":"1000000001","properties":{"email":"drift@example.com"},"updatedAt":"2026-11-27T09:00:00.000Z","archived":"no"}"""));

        var read = await host.Client.GetContactByEmailAsync("drift@example.com");

        Assert.True(read.IsSuccess, read.Outcome.ToString());
        Assert.True(await Findings(host.Registry, "breaking") >= 1);
    }
}
