namespace GtmGuard.Probes.Health;

/// <summary>The body of <c>/api/health</c>: every integration over one window.</summary>
public sealed record HealthReport(DateTimeOffset GeneratedAt, double WindowSeconds, double SuccessThreshold, double RefreshSeconds, IReadOnlyList<IntegrationHealth> Integrations);

/// <summary>
/// One integration over the window: every vendor call in the process (sync and probes), the latest probe results, the
/// last successful sync and the quota left. <see cref="Status"/> is <c>healthy</c>, <c>failing</c> (below the
/// threshold) or <c>no_data</c> (no call in the window).
/// </summary>
public sealed record IntegrationHealth(
    string Integration,
    string Status,
    int Requests,
    int Successes,
    double? SuccessRate,
    double AverageMs,
    double P95Ms,
    IReadOnlyDictionary<string, int> ErrorsByType,
    int Errors,
    DateTimeOffset? LastSuccessfulSync,
    IReadOnlyList<QuotaLeft> Quota,
    IReadOnlyList<ProbeStatus> Probes,
    string? ProbeUnavailable);

/// <summary>One quota window of the integration's account.</summary>
public sealed record QuotaLeft(string Account, string Window, long Limit, long Remaining);

/// <summary>The latest run of one check.</summary>
public sealed record ProbeStatus(string Check, bool Success, double DurationMs, DateTimeOffset At, string Outcome, string? Error);
