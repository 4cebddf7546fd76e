using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Sync.Webhooks;

/// <summary>The webhook intake's address, limits and per-vendor verification (section <c>Sync:Intake</c>).</summary>
public sealed class WebhookIntakeOptions
{
    public const string Section = "Sync:Intake";

    /// <summary>Where the intake listens; loopback only (put a reverse proxy in front to receive from vendors).</summary>
    [Required]
    public string Url { get; set; } = "http://127.0.0.1:5110";

    /// <summary>
    /// The address vendors post to, as they see it (e.g. <c>https://hooks.example.com</c> behind a proxy). HubSpot signs the
    /// full URL it called, so verification rebuilds it from this plus the request's path and query; unset, from the request.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Bodies larger than this are refused with 413 before anything is verified or stored.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Most deliveries committed in one inbox transaction (group commit): everything waiting, up to this many, shares one
    /// commit and one fsync, and each is acknowledged after it.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxAppendBatch { get; set; } = 512;

    /// <summary>
    /// Inbox batches that may be between their commit and their acknowledgement at once. With 2, the next batch commits
    /// while the previous one waits for its fsync (taken outside the store's write lock); 1 commits strictly one after another.
    /// </summary>
    [Range(1, 16)]
    public int CommitsInFlight { get; set; } = 2;

    /// <summary>Deliveries that may wait for a commit; beyond this the intake answers 503 with Retry-After instead of queueing more.</summary>
    [Range(1, 1_000_000)]
    public int AppendQueueCapacity { get; set; } = 8192;

    public HubSpotIntakeOptions HubSpot { get; set; } = new();

    public OutreachIntakeOptions Outreach { get; set; } = new();

    public ClayIntakeOptions Clay { get; set; } = new();
}
