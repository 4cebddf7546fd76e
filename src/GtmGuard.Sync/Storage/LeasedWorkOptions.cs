using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Sync.Storage;

/// <summary>What every worker draining leased work from the store (inbox events, outbox writes) is configured with.</summary>
public abstract class LeasedWorkOptions
{
    /// <summary>Off for a process that only receives or stages work (another process, on the same store, drains it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often idle workers look for due work (new work wakes them at once where it can).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim holds; work whose worker died is handed out again after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts before work that keeps failing is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay after the first failure; doubles with every further failure up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before attempt <paramref name="failures"/> + 1.</summary>
    public TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks((long)Math.Min(RetryMaxDelay.Ticks, RetryBaseDelay.Ticks * Math.Pow(2, Math.Max(0, failures - 1))));
}
