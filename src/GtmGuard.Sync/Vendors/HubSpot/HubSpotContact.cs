namespace GtmGuard.Sync.Vendors.HubSpot;

/// <summary>A HubSpot contact as read back: its record id and the requested properties.</summary>
public sealed record HubSpotContact(string Id, IReadOnlyDictionary<string, string?> Properties)
{
    public string? Email => Properties.GetValueOrDefault("email");
}
