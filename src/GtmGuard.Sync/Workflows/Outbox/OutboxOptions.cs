using System.ComponentModel.DataAnnotations;
using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Workflows.Outbox;

/// <summary>How the outbox of vendor writes is drained (section <c>Sync:Workflows:Outbox</c>).</summary>
public sealed class OutboxOptions : LeasedWorkOptions
{
    // Vendor batches (Bulk API 2.0 jobs above all) can take minutes; the lease must outlast them.
    public OutboxOptions() => LeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>Writes claimed per pass; batches to one vendor operation are sent together (HubSpot 100, Salesforce 200 or Bulk).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 400;
}
