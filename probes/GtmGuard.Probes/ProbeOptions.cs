using System.ComponentModel.DataAnnotations;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Probes;

/// <summary>The probe service (section <c>Probes</c>): where it listens, how often it probes, the dashboard's window.</summary>
public sealed class ProbeOptions
{
    public const string Section = "Probes";

    /// <summary>Where the dashboard, <c>/api/health</c>, <c>/metrics</c> and the health endpoints listen (loopback only).</summary>
    [Required]
    public string Url { get; set; } = "http://127.0.0.1:5120";

    /// <summary>Time between probe rounds; the first round runs at start.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The window the dashboard's success rate, latency and errors cover by default.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest window <c>/api/health?window=</c> may ask for; vendor calls are kept this long.</summary>
    public TimeSpan MaxWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>One check (with the vendor client's own retries) gives up after this long.</summary>
    /// <remarks>
    /// Longer than a vendor call's attempt timeout (<c>Sync:Vendors:*:Resilience:AttemptTimeout</c>, 30 s): a vendor that
    /// hangs then fails its attempt as a timeout, which the request metrics count, before the check gives up; a check
    /// that gave up first would cancel the attempt as its caller, counted nowhere, and a hung vendor would look healthy.
    /// </remarks>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Below this success rate an integration is failing (shown red).</summary>
    [Range(0.0, 1.0)]
    public double SuccessThreshold { get; set; } = 0.95;

    /// <summary>The token check fetches a refreshable credential anew each round, proving the refresh still works.</summary>
    public bool ForceTokenRefresh { get; set; } = true;

    /// <summary>How often the browser page polls <c>/api/health</c>.</summary>
    public TimeSpan DashboardRefresh { get; set; } = TimeSpan.FromSeconds(2);

    public IntegrationProbeOptions HubSpot { get; set; } = new();

    public SalesforceProbeOptions Salesforce { get; set; } = new();

    public IntegrationProbeOptions Outreach { get; set; } = new();

    public IntegrationProbeOptions Clay { get; set; } = new();

    public IntegrationProbeOptions For(VendorId integration) => integration switch
    {
        VendorId.HubSpot => HubSpot,
        VendorId.Salesforce => Salesforce,
        VendorId.Outreach => Outreach,
        VendorId.Clay => Clay,
        _ => throw new ArgumentOutOfRangeException(nameof(integration), integration, null),
    };
}
