namespace GtmGuard.Sync.Vendors.HubSpot;

/// <summary>A contact to upsert, keyed by email; property values are strings as HubSpot stores them.</summary>
public sealed record HubSpotContactInput(string Email, IReadOnlyDictionary<string, string?> Properties);
