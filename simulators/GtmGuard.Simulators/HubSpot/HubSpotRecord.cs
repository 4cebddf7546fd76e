namespace GtmGuard.Simulators.HubSpot;

/// <summary>A stored CRM object; property values are strings, as HubSpot keeps them.</summary>
public sealed class HubSpotRecord
{
    public required string Id { get; init; }

    public required Dictionary<string, string> Properties { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool Archived { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }
}
