using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Sync.Webhooks;

/// <summary>How the inbox is processed (section <c>Sync:Inbox</c>).</summary>
public sealed class InboxProcessorOptions
{
    public const string Section = "Sync:Inbox";

    /// <summary>Off for a process that only receives (another process, on the same store, processes).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Concurrent workers; one record's events are never handled by two at once.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 2;

    /// <summary>Events one worker claims at a time.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    /// <summary>How often idle workers look for due events (new deliveries wake them at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim holds; an event whose worker died is handed out again after this. Handlers are cancelled at 80% of it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Handler attempts before an event is dead-lettered.</summary>
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
