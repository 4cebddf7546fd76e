using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Workflows.Outbox;

/// <summary>Sends one kind of outbox write to its vendor; several writes of the same kind may go in one call.</summary>
internal interface IOutboxOperation
{
    VendorId Vendor { get; }

    string Operation { get; }

    /// <summary>Sends the writes and returns one result per write, in any order.</summary>
    Task<IReadOnlyList<OutboxResult>> SendAsync(IReadOnlyList<OutboxItem> items, CancellationToken cancellationToken);

    /// <summary>
    /// True when the vendor refuses a whole batch for one invalid record (HubSpot's batch endpoints answer one 400):
    /// the writes a refusal covers are then sent again in halves, so only the invalid ones are dead-lettered.
    /// </summary>
    bool RejectsWholeBatch => false;
}
