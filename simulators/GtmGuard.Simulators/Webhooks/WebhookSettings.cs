using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Simulators.Webhooks;

/// <summary>Outbound webhook delivery settings shared by every simulator (section <c>Simulators:Webhooks</c>).</summary>
public sealed class WebhookSettings
{
    /// <summary>Divides every retry delay, so a 24-hour retry schedule can run in seconds in tests (e.g. 1440 → 1 minute).</summary>
    [Range(1, 10_000_000)]
    public double TimeCompression { get; set; } = 1;

    /// <summary>Deliveries in flight at once per simulator (HubSpot's default is 10).</summary>
    [Range(1, 1000)]
    public int MaxConcurrentDeliveries { get; set; } = 10;

    /// <summary>How often the delivery worker looks for due deliveries.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Attempts kept in the delivery log (<c>GET /__gtmguard/webhooks/deliveries</c>).</summary>
    [Range(1, 1_000_000)]
    public int DeliveryLogSize { get; set; } = 10_000;

    /// <summary>Subscribers must be on loopback unless this is set: the simulators never call out to other hosts by default.</summary>
    public bool AllowExternalTargets { get; set; }
}
