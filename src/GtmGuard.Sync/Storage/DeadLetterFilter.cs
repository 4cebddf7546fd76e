using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>Which dead letters to list, newest first.</summary>
public sealed record DeadLetterFilter(string? Workflow = null, VendorId? Vendor = null, bool IncludeReplayed = false, int Limit = 100);
