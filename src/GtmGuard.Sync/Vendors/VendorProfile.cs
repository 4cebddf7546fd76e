using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Vendors;

/// <summary>What the handler chain of one vendor needs: the account, its quota policy and the resilience settings.</summary>
internal sealed record VendorProfile(VendorId Vendor, string Account, QuotaPolicy Quota, VendorResilienceOptions Resilience);
