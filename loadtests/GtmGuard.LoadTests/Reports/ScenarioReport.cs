using GtmGuard.LoadTests.Metrics;
using GtmGuard.LoadTests.Reconciliation;

namespace GtmGuard.LoadTests.Reports;

/// <summary>The results of one scenario run: what the report files and the thresholds read.</summary>
public sealed record ScenarioReport
{
    /// <summary>The names thresholds may use, in the order the reports list them.</summary>
    public static readonly IReadOnlyList<string> MetricNames =
    [
        "records_per_sec", "ceiling_records_per_sec", "ceiling_ratio", "records", "submitted",
        "p50_ms", "p95_ms", "p99_ms", "max_ms", "e2e_p50_ms", "e2e_p95_ms", "e2e_p99_ms", "e2e_max_ms",
        "requests", "rate_limited", "rate_limited_after_first_window", "retries", "errors", "dead_letters",
        "lost", "duplicated", "stale", "dropped", "peak_memory_mb", "peak_managed_heap_mb", "simulators_peak_memory_mb", "duration_s",
    ];

    public required string Scenario { get; init; }

    public required string Description { get; init; }

    public required string LoadModel { get; init; }

    public required double DurationSeconds { get; init; }

    public required long Submitted { get; init; }

    public required long Records { get; init; }

    public required double RecordsPerSecond { get; init; }

    public required Ceiling? Ceiling { get; init; }

    public double CeilingRatio => Ceiling is { RecordsPerSecond: > 0 } c ? Math.Round(RecordsPerSecond / c.RecordsPerSecond, 4) : 0;

    public required LatencySummary RequestLatency { get; init; }

    public required LatencySummary EndToEndLatency { get; init; }

    public required IReadOnlyList<(double Percentile, double Millis)> RequestLatencyCurve { get; init; }

    public required IReadOnlyList<(double Percentile, double Millis)> EndToEndLatencyCurve { get; init; }

    public required long Requests { get; init; }

    public required IReadOnlyDictionary<string, long> CallsByOperation { get; init; }

    public required long RateLimited { get; init; }

    public required long RateLimitedAfterFirstWindow { get; init; }

    public required long Retries { get; init; }

    public required IReadOnlyDictionary<string, long> Errors { get; init; }

    public required long DeadLetters { get; init; }

    public required long Dropped { get; init; }

    public required double PeakMemoryMb { get; init; }

    public required double PeakManagedHeapMb { get; init; }

    /// <summary>Peak working set of the simulators' own process (0 when they ran in the runner's, counted in <see cref="PeakMemoryMb"/>).</summary>
    public double SimulatorsPeakMemoryMb { get; init; }

    public required ReconciliationResult Reconciliation { get; init; }

    public required IReadOnlyList<TimelineSecond> Timeline { get; init; }

    /// <summary>Scenario-specific figures (e.g. Salesforce API calls per mode), shown as given.</summary>
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();

    /// <summary>Every threshold-able metric by name.</summary>
    public IReadOnlyDictionary<string, double> Metrics() => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["records_per_sec"] = Math.Round(RecordsPerSecond, 2),
        ["ceiling_records_per_sec"] = Ceiling?.RecordsPerSecond ?? 0,
        ["ceiling_ratio"] = CeilingRatio,
        ["records"] = Records,
        ["submitted"] = Submitted,
        ["p50_ms"] = RequestLatency.P50Ms,
        ["p95_ms"] = RequestLatency.P95Ms,
        ["p99_ms"] = RequestLatency.P99Ms,
        ["max_ms"] = RequestLatency.MaxMs,
        ["e2e_p50_ms"] = EndToEndLatency.P50Ms,
        ["e2e_p95_ms"] = EndToEndLatency.P95Ms,
        ["e2e_p99_ms"] = EndToEndLatency.P99Ms,
        ["e2e_max_ms"] = EndToEndLatency.MaxMs,
        ["requests"] = Requests,
        ["rate_limited"] = RateLimited,
        ["rate_limited_after_first_window"] = RateLimitedAfterFirstWindow,
        ["retries"] = Retries,
        ["errors"] = Errors.Values.Sum(),
        ["dead_letters"] = DeadLetters,
        ["lost"] = Reconciliation.Lost,
        ["duplicated"] = Reconciliation.Duplicated,
        ["stale"] = Reconciliation.Stale,
        ["dropped"] = Dropped,
        ["peak_memory_mb"] = Math.Round(PeakMemoryMb, 1),
        ["peak_managed_heap_mb"] = Math.Round(PeakManagedHeapMb, 1),
        ["simulators_peak_memory_mb"] = Math.Round(SimulatorsPeakMemoryMb, 1),
        ["duration_s"] = Math.Round(DurationSeconds, 2),
    };
}

/// <summary>
/// The most records/s the vendor's configured quota allows, and how it follows from the policy, e.g. HubSpot's
/// 100 requests per 10 s × 100 records per batch = 1,000 records/s.
/// </summary>
public sealed record Ceiling(double RecordsPerSecond, string Derivation)
{
    public static Ceiling From(int requests, TimeSpan per, int recordsPerRequest, string policy) =>
        new(requests / per.TotalSeconds * recordsPerRequest, $"{policy}: {requests:N0} requests per {per.TotalSeconds:0.##} s × {recordsPerRequest:N0} records per request");
}
