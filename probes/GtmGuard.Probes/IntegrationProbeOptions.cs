using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Probes;

/// <summary>One integration's probes (<c>Probes:{HubSpot,Salesforce,Outreach,Clay}</c>).</summary>
public class IntegrationProbeOptions
{
    /// <summary>False stops probing the integration; its vendor calls still show on the dashboard.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The record the read check looks up: an email (HubSpot, Outreach) or an external id (Salesforce).</summary>
    [Required]
    public string Canary { get; set; } = "gtmguard-canary@example.com";

    /// <summary>When set, a canary the vendor does not have fails the read check; otherwise an answered lookup is enough.</summary>
    public bool RequireCanary { get; set; }

    /// <summary>Opt-in: each round writes a stamp to <see cref="Sandbox"/> and reads it back.</summary>
    public bool WriteAndVerify { get; set; }

    /// <summary>The sandbox record write-and-verify owns: an email (HubSpot, Outreach, Clay row) or an external id (Salesforce).</summary>
    [Required]
    public string Sandbox { get; set; } = "gtmguard-probe-sandbox@example.com";
}
