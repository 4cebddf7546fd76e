using GtmGuard.Sync.Quotas;

namespace GtmGuard.Sync.Vendors.Clay;

/// <summary>Clay publishes no numbers (vendor-facts §4.3): both limits are the engine's own choice, to be set per workspace.</summary>
public sealed class ClayQuotaOptions : VendorQuotaOptions
{
    /// <summary>Public API calls per <see cref="ApiWindow"/> (rolling).</summary>
    public int ApiLimit { get; set; } = 10;

    public TimeSpan ApiWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Webhook submissions per <see cref="WebhookWindow"/> (rolling).</summary>
    public int WebhookLimit { get; set; } = 10;

    public TimeSpan WebhookWindow { get; set; } = TimeSpan.FromSeconds(1);
}
