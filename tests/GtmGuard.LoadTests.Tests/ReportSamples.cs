using GtmGuard.LoadTests.Metrics;
using GtmGuard.LoadTests.Reconciliation;
using GtmGuard.LoadTests.Reports;

namespace GtmGuard.LoadTests.Tests;

/// <summary>Scenario reports with chosen values, for tests of what reads them.</summary>
internal static class ReportSamples
{
    public static ScenarioReport Scenario(string name, double recordsPerSecond, long lost) => new()
    {
        Scenario = name,
        Description = "sample",
        LoadModel = "open, constant 1000/s, 60 s",
        DurationSeconds = 60,
        Submitted = 60_000,
        Records = 59_000,
        RecordsPerSecond = recordsPerSecond,
        Ceiling = Ceiling.From(100, TimeSpan.FromSeconds(10), 100, "HubSpot starter"),
        RequestLatency = new LatencySummary(600, 10, 20, 30, 40),
        EndToEndLatency = new LatencySummary(59_000, 100, 200, 300, 400),
        RequestLatencyCurve = [(50, 10), (99, 30)],
        EndToEndLatencyCurve = [(50, 100), (99, 300)],
        Requests = 600,
        CallsByOperation = new Dictionary<string, long> { ["gtmguard.hubspot:contacts.batch.upsert"] = 600 },
        RateLimited = 2,
        RateLimitedAfterFirstWindow = 0,
        Retries = 2,
        Errors = new Dictionary<string, long> { ["rate_limited"] = 2 },
        DeadLetters = 0,
        Dropped = 0,
        PeakMemoryMb = 200,
        PeakManagedHeapMb = 80,
        Reconciliation = new ReconciliationResult("HubSpot contacts", 60_000, 60_000 - lost, lost, 0, 0, []),
        Timeline = [new TimelineSecond { Second = 0, Completed = 900 }, new TimelineSecond { Second = 1, Completed = 1000, RateLimited = 2 }],
    };
}
