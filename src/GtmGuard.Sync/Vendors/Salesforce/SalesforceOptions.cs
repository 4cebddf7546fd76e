namespace GtmGuard.Sync.Vendors.Salesforce;

/// <summary>
/// Salesforce (section <c>Sync:Vendors:Salesforce</c>). <see cref="VendorOptions.BaseUrl"/> is the login URL; data calls go
/// to the <c>instance_url</c> of the token response. Credentials are names of environment variables or files.
/// </summary>
public sealed class SalesforceOptions : VendorOptions
{
    public const string Section = "Sync:Vendors:Salesforce";

    public SalesforceOptions() => BaseUrl = "https://login.salesforce.com";

    public SalesforceAuth Auth { get; set; } = SalesforceAuth.JwtBearer;

    /// <summary>The connected app's consumer key (the JWT <c>iss</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>Optional for the refresh-token grant (a connected app may not require it).</summary>
    public string? ClientSecretEnv { get; set; }

    public string? ClientSecretFile { get; set; }

    public string? RefreshTokenEnv { get; set; }

    public string? RefreshTokenFile { get; set; }

    /// <summary>PEM file with the RSA private key that signs JWT bearer assertions.</summary>
    public string? JwtKeyFile { get; set; }

    /// <summary>The integration user (the JWT <c>sub</c>).</summary>
    public string? Username { get; set; }

    /// <summary>The JWT <c>aud</c>: <c>https://login.salesforce.com</c>, <c>https://test.salesforce.com</c> or a community URL; defaults to the login URL.</summary>
    public string? Audience { get; set; }

    /// <summary>Token endpoint; defaults to <c>{BaseUrl}/services/oauth2/token</c>.</summary>
    public string? TokenUrl { get; set; }

    /// <summary>REST API version, <c>NN.0</c>; 46.0 or later (sObject Collections upsert).</summary>
    public string ApiVersion { get; set; } = "62.0";

    /// <summary>At this many records or more, upserts go through Bulk API 2.0 instead of sObject Collections.</summary>
    public int BulkThreshold { get; set; } = 2000;

    /// <summary>First wait between Bulk API job polls; doubles up to <see cref="BulkPollMaxDelay"/>.</summary>
    public TimeSpan BulkPollInitialDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan BulkPollMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a Bulk API job to finish before reporting its records as timed out (the job keeps running).</summary>
    public TimeSpan BulkTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Records per SOQL page (200–2,000) sent as <c>Sforce-Query-Options: batchSize=N</c>; unset leaves Salesforce's default.</summary>
    public int? QueryBatchSize { get; set; }

    public SalesforceQuotaOptions Quota { get; set; } = new();

    internal Uri TokenEndpoint => new(TokenUrl ?? VendorRegistration.WithTrailingSlash(BaseUrl) + "services/oauth2/token");

    internal string JwtAudience => (Audience ?? BaseUrl).TrimEnd('/');

    internal string DataPath => $"services/data/v{ApiVersion}";
}

/// <summary>How the engine authenticates to Salesforce.</summary>
public enum SalesforceAuth
{
    /// <summary>An RS256 assertion signed with the connected app's private key; no refresh token involved.</summary>
    JwtBearer,

    /// <summary>A web-server-flow refresh token.</summary>
    RefreshToken,
}
