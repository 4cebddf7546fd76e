namespace GtmGuard.Probes.Checks;

/// <summary>How one check of one integration ended; <see cref="Outcome"/> is the vendor outcome label, never a record's data.</summary>
public sealed record CheckResult(string Check, bool Success, TimeSpan Duration, DateTimeOffset At, string Outcome, string? Error);
