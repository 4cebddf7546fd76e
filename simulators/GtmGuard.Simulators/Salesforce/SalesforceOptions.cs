using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// Salesforce simulator settings (section <c>Simulators:Salesforce</c>).
/// The credential defaults are public demo values, documented and safe to commit: they only open this simulator.
/// </summary>
public sealed class SalesforceOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>0 picks a free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5101;

    /// <summary>The connected app's consumer key (public demo value).</summary>
    [Required]
    public string ClientId { get; set; } = "3MVG9gtmguard.simulator.consumer.key";

    /// <summary>The connected app's consumer secret (public demo value).</summary>
    [Required]
    public string ClientSecret { get; set; } = "gtmguard-salesforce-secret";

    /// <summary>A refresh token the simulator accepts from the start (public demo value).</summary>
    [Required]
    public string RefreshToken { get; set; } = "5Aep861gtmguard.simulator.refresh.token";

    /// <summary>The integration user for the password and JWT bearer flows (public demo value).</summary>
    [Required]
    public string Username { get; set; } = "integration@gtmguard.sim";

    /// <summary>The integration user's password (public demo value).</summary>
    [Required]
    public string Password { get; set; } = "gtmguard-password";

    /// <summary>When set, the password flow expects the password followed by this token, as Salesforce does outside trusted IP ranges.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>Session timeout; Salesforce's token response has no <c>expires_in</c>, sessions simply stop working.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>PEM file with the RSA public key (or certificate) JWT bearer assertions are verified with.</summary>
    public string? JwtPublicKeyPath { get; set; }

    /// <summary>The PEM text itself; wins over <see cref="JwtPublicKeyPath"/>.</summary>
    public string? JwtPublicKeyPem { get; set; }

    /// <summary>Accepted <c>aud</c> values of JWT bearer assertions.</summary>
    public string[] JwtAudiences { get; set; } = ["https://login.salesforce.com", "https://test.salesforce.com"];

    /// <summary>Scopes reported in token responses (space-separated, as Salesforce sends them).</summary>
    public string Scope { get; set; } = "api refresh_token";

    /// <summary>The org's rolling 24-hour API request allocation.</summary>
    [Range(1, long.MaxValue)]
    public long DailyApiRequestLimit { get; set; } = 100_000;

    /// <summary>sObject → unique external id fields (text, case-insensitive, as Salesforce's default).</summary>
    public Dictionary<string, string[]> ExternalIdFields { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Contact"] = ["External_Id__c"],
        ["Lead"] = ["External_Id__c"],
        ["Account"] = ["External_Id__c"],
    };

    /// <summary>sObject → external id fields without a unique index; upserts matching several records answer 300.</summary>
    public Dictionary<string, string[]> NonUniqueExternalIdFields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>sObject → extra custom fields, <c>Name__c</c> or <c>Name__c:type</c> (string, textarea, email, boolean, double, date, datetime).</summary>
    public Dictionary<string, string[]> CustomFields { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Contact"] = ["HubSpot_Id__c", "Outreach_Prospect_Id__c", "Clay_Enriched__c:boolean", "Lead_Score__c:double"],
        ["Lead"] = ["HubSpot_Id__c", "Outreach_Prospect_Id__c", "Clay_Enriched__c:boolean", "Lead_Score__c:double"],
        ["Account"] = ["Domain__c"],
    };

    /// <summary>Validation rules answered with FIELD_CUSTOM_VALIDATION_EXCEPTION; replaceable at run time.</summary>
    public List<SalesforceValidationRule> ValidationRules { get; set; } = [];

    /// <summary>How long a closed Bulk API 2.0 job waits before each step (UploadComplete → InProgress → JobComplete).</summary>
    public TimeSpan BulkProcessingDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The 18-character org id (prefix 00D).</summary>
    [Required]
    public string OrgId { get; set; } = "00DGT00000000012AA";

    /// <summary>The 18-character id of the integration user (prefix 005).</summary>
    [Required]
    public string UserId { get; set; } = "005GT0000000001YAA";

    /// <summary>API versions the org serves, oldest first; the last one is the default for clients.</summary>
    public string[] ApiVersions { get; set; } = DefaultApiVersions();

    private static string[] DefaultApiVersions()
    {
        // v31.0 is the oldest version still served (v21.0–30.0 were retired in Summer '25); v66.0 is Spring '26.
        var versions = new string[66 - 31 + 1];
        for (var i = 0; i < versions.Length; i++)
        {
            versions[i] = (31 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0";
        }

        return versions;
    }
}
