using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Simulators.Clay;

/// <summary>One Clay table: its webhook source and, optionally, an HTTP API column that posts each enriched row to <see cref="CallbackUrl"/>.</summary>
public sealed class ClayTableOptions
{
    /// <summary>Table id, e.g. <c>t_leads</c>; the Public API's <c>tables/query</c> refers to it.</summary>
    [Required]
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>The last segment of the source's webhook URL (<c>POST /v3/sources/webhook/{WebhookSourceId}</c>).</summary>
    [Required]
    public string WebhookSourceId { get; set; } = string.Empty;

    /// <summary>When set, submissions must carry it in <c>x-clay-webhook-auth</c>.</summary>
    public string? WebhookAuthToken { get; set; }

    /// <summary>Where the HTTP API column posts enriched rows; loopback only unless webhooks allow external targets.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>The column's "Request limit": at most this many callbacks per <see cref="CallbackPer"/>.</summary>
    [Range(1, int.MaxValue)]
    public int CallbackRequests { get; set; } = 10;

    /// <summary>The column's "Duration (ms)" of the request limit.</summary>
    public TimeSpan CallbackPer { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Headers the HTTP API column sends with each callback (configured per column in Clay, e.g. an Authorization header).</summary>
    public Dictionary<string, string> CallbackHeaders { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The table served when none is configured, so <c>gtmguard up</c> works out of the box.</summary>
    public static ClayTableOptions Default() => new()
    {
        Id = "t_leads",
        Name = "leads",
        WebhookSourceId = "pull-in-data-from-a-webhook-6c1d5f0e-4b0a-4c7e-9a53-0d3f1b2c4e5a",
    };
}
