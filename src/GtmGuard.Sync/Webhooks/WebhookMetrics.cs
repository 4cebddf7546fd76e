using GtmGuard.Sync.Vendors;
using Prometheus;

namespace GtmGuard.Sync.Webhooks;

/// <summary>The webhook intake's and inbox processor's metrics, declared once: <c>gtmguard_webhook_events_total{vendor,result}</c>.</summary>
public sealed class WebhookMetrics
{
    private readonly Counter _events;

    /// <summary>Metrics in prometheus-net's default registry (what <c>/metrics</c> exposes).</summary>
    public WebhookMetrics()
        : this(Metrics.DefaultRegistry)
    {
    }

    /// <summary>Metrics in a registry of the caller's (tests use their own so counts start at zero).</summary>
    public WebhookMetrics(CollectorRegistry registry)
    {
        _events = Metrics.WithCustomRegistry(registry).CreateCounter(
            "gtmguard_webhook_events_total",
            "Webhook events by vendor and what became of them: accepted, duplicate, stale, bad_signature, malformed, applied, dead_lettered.",
            new CounterConfiguration { LabelNames = ["vendor", "result"] });

        // Every series exists from the start, so rate() and absent() work before the first event.
        foreach (var vendor in Enum.GetValues<VendorId>())
        {
            foreach (var result in Enum.GetValues<WebhookEventResult>())
            {
                _events.WithLabels(vendor.Label(), Label(result));
            }
        }
    }

    public void Record(VendorId vendor, WebhookEventResult result, int count = 1)
    {
        if (count > 0)
        {
            _events.WithLabels(vendor.Label(), Label(result)).Inc(count);
        }
    }

    /// <summary>The current count of one series.</summary>
    public double Count(VendorId vendor, WebhookEventResult result) => _events.WithLabels(vendor.Label(), Label(result)).Value;

    /// <summary>The <c>result</c> label: <c>accepted</c>, <c>duplicate</c>, <c>stale</c>, <c>bad_signature</c>, <c>malformed</c>, <c>applied</c>, <c>dead_lettered</c>.</summary>
    public static string Label(WebhookEventResult result) => result switch
    {
        WebhookEventResult.Accepted => "accepted",
        WebhookEventResult.Duplicate => "duplicate",
        WebhookEventResult.Stale => "stale",
        WebhookEventResult.BadSignature => "bad_signature",
        WebhookEventResult.Malformed => "malformed",
        WebhookEventResult.Applied => "applied",
        WebhookEventResult.DeadLettered => "dead_lettered",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };
}
