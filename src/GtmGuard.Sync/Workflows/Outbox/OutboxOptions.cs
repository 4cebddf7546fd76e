using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Sync.Workflows.Outbox;

/// <summary>How the outbox of vendor writes is drained (section <c>Sync:Workflows:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Off for a process that only stages writes (another process, on the same store, sends them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Writes claimed per pass; batches to one vendor operation are sent together (HubSpot 100, Salesforce 200 or Bulk).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 400;

    /// <summary>How often the worker looks for due writes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a write that keeps failing transiently is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before attempt <paramref name="failures"/> + 1.</summary>
    public TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks((long)Math.Min(RetryMaxDelay.Ticks, RetryBaseDelay.Ticks * Math.Pow(2, Math.Max(0, failures - 1))));
}
