using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>A kind of inbox event: the vendor that sent it and its event type (e.g. HubSpot <c>contact.creation</c>).</summary>
public sealed record InboxEventKind(VendorId Vendor, string EventType);
