using System.ComponentModel.DataAnnotations;
using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Webhooks;

/// <summary>How the inbox is processed (section <c>Sync:Inbox</c>); handlers are cancelled at 80% of the lease.</summary>
public sealed class InboxProcessorOptions : LeasedWorkOptions
{
    public const string Section = "Sync:Inbox";

    /// <summary>Concurrent workers; one record's events are never handled by two at once.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 2;

    /// <summary>Events one worker claims at a time.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;
}
