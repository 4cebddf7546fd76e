using GtmGuard.Sync.Vendors.HubSpot;

namespace GtmGuard.Sync.Tests.Vendors.HubSpot;

/// <summary>Deterministic contact inputs.</summary>
internal static class HubSpotContacts
{
    public static List<HubSpotContactInput> Make(int count, string prefix = "lead", string? company = "Acme") =>
        Enumerable.Range(1, count)
            .Select(i => new HubSpotContactInput(
                $"{prefix}{i:D4}@example.com",
                new Dictionary<string, string?> { ["firstname"] = $"First{i}", ["lastname"] = $"Last{i}", ["company"] = company }))
            .ToList();
}
