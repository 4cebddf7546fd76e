using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>HubSpot simulator settings (section <c>Simulators:HubSpot</c>). Credentials are the simulator's public demo values.</summary>
public sealed class HubSpotOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>0 picks a free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5102;

    [Required]
    public string ClientId { get; set; } = "gtmguard-hubspot-client";

    [Required]
    public string ClientSecret { get; set; } = "gtmguard-hubspot-secret";

    /// <summary>A refresh token the simulator accepts from the start.</summary>
    [Required]
    public string RefreshToken { get; set; } = "gtmguard-hubspot-refresh";

    /// <summary>An authorization code the simulator accepts for the authorization_code grant.</summary>
    [Required]
    public string AuthorizationCode { get; set; } = "gtmguard-hubspot-code";

    [Required]
    public string RedirectUri { get; set; } = "http://127.0.0.1:5110/oauth/hubspot/callback";

    /// <summary>A static private-app token (never expires on a timer).</summary>
    [Required]
    public string PrivateAppToken { get; set; } = "pat-na1-00000000-0000-4000-8000-000000000000";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(1800);

    public long PortalId { get; set; } = 62515;

    public long AppId { get; set; } = 1001;

    public string[] Scopes { get; set; } = ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.companies.read", "crm.objects.companies.write"];

    /// <summary>Rate-limit tier: <c>starter</c> (100/10 s, 250k/day), <c>professional</c> (190/10 s, 625k/day), <c>enterprise</c> (190/10 s, 1M/day), <c>oauth</c> (110/10 s).</summary>
    public string Tier { get; set; } = "starter";

    /// <summary>Overrides the tier's 10-second limit.</summary>
    [Range(1, int.MaxValue)]
    public int? TenSecondLimit { get; set; }

    /// <summary>Overrides the tier's daily limit.</summary>
    [Range(1, long.MaxValue)]
    public long? DailyLimit { get; set; }

    /// <summary>Search API: requests per second per token.</summary>
    [Range(1, int.MaxValue)]
    public int SearchPerSecondLimit { get; set; } = 5;

    /// <summary>Contact properties the portal defines, beyond the built-in ones.</summary>
    public string[] CustomProperties { get; set; } = ["lead_score", "hs_email_optout", "external_id", "clay_enriched", "outreach_prospect_id"];

    /// <summary>Custom properties with unique values ("hasUniqueValue"): deduplicated like email and usable as <c>idProperty</c>.</summary>
    public string[] UniqueProperties { get; set; } = ["external_id"];
}
