using GtmGuard.Contracts.Recordings;
using GtmGuard.Contracts.Reports;
using GtmGuard.Contracts.Snapshots;
using GtmGuard.Contracts.Tests.Snapshots;
using GtmGuard.Contracts.Validation;
using GtmGuard.Simulators.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Contracts.Tests.Conformance;

/// <summary>
/// Shared by the conformance tests: the repository's snapshots, a fake clock, simulator settings with a journal big
/// enough for a whole run, and the check of a WireMock journal (a simulator's, or a webhook sink's) against the snapshots.
/// </summary>
internal static class ConformanceHarness
{
    private static readonly Lazy<Task<SnapshotSet>> LoadedSnapshots = new(() => SnapshotLoader.LoadDirectoryAsync(RepoPaths.Contracts));

    public static Task<SnapshotSet> Snapshots => LoadedSnapshots.Value;

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public static SimulatorSettings Settings(string? stateDirectory = null)
    {
        var settings = new SimulatorSettings { MappingsFolder = null, RequestJournalSize = 5000, StateDirectory = stateDirectory ?? TempDirectory("state") };
        settings.Webhooks.TimeCompression = 1440;
        return settings;
    }

    public static string TempDirectory(string name) =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gtmguard-contracts-tests", name + "-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Exports <c>GET /__admin/requests</c> of the server at <paramref name="baseUrl"/> to a file and checks it.</summary>
    public static async Task<ContractReport> CheckJournalAsync(string baseUrl, string? vendor = null, string? webhookVendor = null)
    {
        var file = await ExportJournalAsync(baseUrl);
        var recording = WireMockJournalReader.Read(file, vendor, webhookVendor);
        Assert.NotEmpty(recording.Exchanges);
        // Some requests are bad on purpose (to get the vendor's 4xx); what is checked is everything the simulator sends.
        return new ContractChecker(await Snapshots, checkRejectedRequests: false).Check(recording);
    }

    public static async Task<string> ExportJournalAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var json = await http.GetStringAsync("/__admin/requests");
        var file = Path.Combine(TempDirectory("journal"), "requests.json");
        await File.WriteAllTextAsync(file, json);
        return file;
    }

    /// <summary>Zero findings of any severity, with the report as the failure message.</summary>
    public static void AssertClean(ContractReport report)
    {
        var text = new StringWriter();
        ReportWriter.Write(report, ReportFormat.Table, text);
        Assert.True(report.Findings.Count == 0, text.ToString());
    }

    /// <summary>Every operation and webhook of the vendor's snapshots was exercised (bar <paramref name="except"/>).</summary>
    public static async Task AssertCoversAsync(ContractReport report, string vendor, params string[] except)
    {
        var seen = report.Operations.Where(o => o.Vendor == vendor).Select(o => o.Operation).ToHashSet(StringComparer.Ordinal);
        var documented = (await Snapshots).ForVendor(vendor).SelectMany(s => s.Operations).Select(o => o.Id).Distinct(StringComparer.Ordinal);
        var missed = documented.Except(seen).Except(except).Order(StringComparer.Ordinal).ToList();
        Assert.True(missed.Count == 0, $"{vendor} operations never exercised: {string.Join(", ", missed)}");
    }

    /// <summary>Advances the fake clock in small steps until <paramref name="condition"/> holds (webhook timers run on it).</summary>
    public static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> condition, TimeSpan step)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
            if (!condition())
            {
                clock.Advance(step);
            }
        }

        Assert.True(condition(), "condition not met in time");
    }
}
