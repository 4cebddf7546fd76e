using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>The event time of the latest change applied to one record.</summary>
public sealed record Watermark(VendorId Vendor, string RecordKey, DateTimeOffset OccurredAt, string? EventId, DateTimeOffset UpdatedAt);
