namespace GtmGuard.Simulators.HubSpot;

/// <summary>A change to a stored record, as webhook subscriptions see it.</summary>
internal sealed record HubSpotChange(HubSpotChangeKind Kind, HubSpotRecord Record, string? Property, string? Value, DateTimeOffset At);

internal enum HubSpotChangeKind
{
    Created,
    PropertyChanged,
    Archived,
}
