namespace GtmGuard.Sync.Vendors.HubSpot;

/// <summary>HubSpot (section <c>Sync:Vendors:HubSpot</c>); credentials are names of environment variables or files, never values.</summary>
public sealed class HubSpotOptions : VendorOptions
{
    public const string Section = "Sync:Vendors:HubSpot";

    public HubSpotOptions() => BaseUrl = "https://api.hubapi.com";

    public HubSpotAuth Auth { get; set; } = HubSpotAuth.PrivateApp;

    /// <summary>Environment variable holding the private-app token (<c>pat-…</c>), for <see cref="HubSpotAuth.PrivateApp"/>.</summary>
    public string? PrivateAppTokenEnv { get; set; }

    public string? PrivateAppTokenFile { get; set; }

    /// <summary>The public app's client id (not a secret), for <see cref="HubSpotAuth.OAuth"/>.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecretEnv { get; set; }

    public string? ClientSecretFile { get; set; }

    public string? RefreshTokenEnv { get; set; }

    public string? RefreshTokenFile { get; set; }

    /// <summary>OAuth token endpoint; defaults to <c>{BaseUrl}/oauth/v1/token</c>.</summary>
    public string? TokenUrl { get; set; }

    public HubSpotQuotaOptions Quota { get; set; } = new();

    internal Uri TokenEndpoint => new(TokenUrl ?? VendorRegistration.WithTrailingSlash(BaseUrl) + "oauth/v1/token");
}

/// <summary>How the engine authenticates to HubSpot.</summary>
public enum HubSpotAuth
{
    /// <summary>A private app's static token.</summary>
    PrivateApp,

    /// <summary>A public app's OAuth refresh token, exchanged for 30-minute access tokens.</summary>
    OAuth,
}
