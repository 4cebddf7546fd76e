using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Simulators.Clay;

/// <summary>Clay simulator settings (section <c>Simulators:Clay</c>). Keys and tokens are the simulator's public demo values, not secrets.</summary>
public sealed class ClayOptions
{
    public const string Section = "Simulators:Clay";

    public bool Enabled { get; set; } = true;

    /// <summary>0 picks a free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5104;

    /// <summary>The Public API key (<c>clay-api-key</c> header); a public demo value, safe to commit.</summary>
    [Required]
    public string ApiKey { get; set; } = "gtmguard-clay-demo-api-key";

    [Required]
    public string UserId { get; set; } = "u_gtmguard";

    public string UserName { get; set; } = "GtmGuard Demo";

    [Required]
    public string WorkspaceId { get; set; } = "ws_gtmguard";

    /// <summary>Seeds the fake enrichment data and the no-match draw: same seed and input, same output.</summary>
    public int Seed { get; set; } = 20_240_601;

    /// <summary>Tables with a webhook source; when empty the simulator serves <see cref="ClayTableOptions.Default"/> (<c>leads</c>).</summary>
    public List<ClayTableOptions> Tables { get; set; } = [];

    /// <summary>How long after a row arrives its enrichment finishes.</summary>
    public TimeSpan EnrichmentDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of rows for which enrichment finds nothing (decided per row, deterministically).</summary>
    [Range(0.0, 1.0)]
    public double NoMatchRate { get; set; } = 0.1;

    /// <summary>Credits the workspace can spend; 40,000 is the Growth plan's monthly Actions.</summary>
    [Range(0, long.MaxValue)]
    public long CreditBudget { get; set; } = 40_000;

    /// <summary>Credits one successful enrichment costs (one Action per enrichment).</summary>
    [Range(0, int.MaxValue)]
    public int CreditsPerEnrichment { get; set; } = 1;

    /// <summary>Lifetime submissions (rows) a webhook source accepts; deleting rows does not give them back.</summary>
    [Range(1, int.MaxValue)]
    public int SubmissionCapPerSource { get; set; } = 50_000;

    /// <summary>Delays before each callback retry; null means 1 s, 5 s, 30 s. Applies to every table's HTTP API callback.</summary>
    public TimeSpan[]? CallbackRetryDelays { get; set; }

    /// <summary>A callback with no answer within this time counts as failed (the HTTP API column's response timeout).</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Public API calls allowed per <see cref="PublicApiPer"/>; Clay does not publish its per-workspace number.</summary>
    [Range(1, int.MaxValue)]
    public int PublicApiRequests { get; set; } = 20;

    public TimeSpan PublicApiPer { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The configured tables, or the default <c>leads</c> table when none are.</summary>
    internal IReadOnlyList<ClayTableOptions> EffectiveTables => Tables.Count > 0 ? Tables : [ClayTableOptions.Default()];

    internal IReadOnlyList<TimeSpan> EffectiveRetryDelays => CallbackRetryDelays ?? [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];
}
