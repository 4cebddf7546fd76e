namespace GtmGuard.Sync.Vendors.Outreach;

/// <summary>Outreach (section <c>Sync:Vendors:Outreach</c>): OAuth with rotating refresh tokens; credentials are names of environment variables or files.</summary>
public sealed class OutreachOptions : VendorOptions
{
    public const string Section = "Sync:Vendors:Outreach";

    public OutreachOptions() => BaseUrl = "https://api.outreach.io/api/v2";

    public string? ClientId { get; set; }

    public string? ClientSecretEnv { get; set; }

    public string? ClientSecretFile { get; set; }

    /// <summary>The refresh token to start from; Outreach rotates it on every use (see <see cref="RotatedRefreshToken"/>).</summary>
    public string? RefreshTokenEnv { get; set; }

    public string? RefreshTokenFile { get; set; }

    /// <summary>Sent with the refresh grant when set (Outreach's token endpoint accepts it).</summary>
    public string? RedirectUri { get; set; }

    /// <summary>Token endpoint; defaults to <c>/oauth/token</c> on the API host.</summary>
    public string? TokenUrl { get; set; }

    /// <summary>
    /// Where the rotated refresh token is kept so a restart uses the newest: <c>Store</c> (the sync store; in memory when
    /// the host has none), <c>File</c> (<see cref="RotatedRefreshTokenFile"/>, owner-only) or <c>Memory</c> (lost on restart).
    /// </summary>
    public string RotatedRefreshToken { get; set; } = "Store";

    /// <summary>The file that keeps the rotated refresh token when <see cref="RotatedRefreshToken"/> is <c>File</c>.</summary>
    public string? RotatedRefreshTokenFile { get; set; }

    public OutreachQuotaOptions Quota { get; set; } = new();

    internal Uri TokenEndpoint => TokenUrl is not null ? new Uri(TokenUrl) : new Uri(new Uri(BaseUrl), "/oauth/token");
}
