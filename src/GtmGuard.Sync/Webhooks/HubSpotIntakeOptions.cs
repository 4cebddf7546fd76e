namespace GtmGuard.Sync.Webhooks;

/// <summary>HubSpot webhook intake (section <c>Sync:Intake:HubSpot</c>).</summary>
public sealed class HubSpotIntakeOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Environment variable holding the app's client secret, which HubSpot signs deliveries with.</summary>
    public string? ClientSecretEnv { get; set; }

    /// <summary>File holding the app's client secret (used when <see cref="ClientSecretEnv"/> is not set).</summary>
    public string? ClientSecretFile { get; set; }

    /// <summary>Deliveries older (or further in the future) than this are refused; HubSpot documents 5 minutes.</summary>
    public TimeSpan MaxTimestampAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Accept the legacy v1 signature (<c>X-HubSpot-Signature</c>) when a delivery has no v3 signature. v1 has no timestamp,
    /// so a captured delivery can be replayed forever (dedup by event id still stops it being applied twice).
    /// </summary>
    public bool AcceptV1Signatures { get; set; }
}
