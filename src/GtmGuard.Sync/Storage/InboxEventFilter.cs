using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>Which inbox events to list, in arrival order.</summary>
public sealed record InboxEventFilter(VendorId? Vendor = null, InboxEventState? State = null, long AfterSequence = 0, int Limit = 100);
