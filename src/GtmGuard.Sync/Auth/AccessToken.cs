namespace GtmGuard.Sync.Auth;

/// <summary>A credential to present, when it expires (if known) and, for Salesforce, the instance its data calls go to.</summary>
internal sealed record AccessToken(string Value, DateTimeOffset? ExpiresAt, Uri? InstanceUrl = null)
{
    /// <summary>
    /// Base address of clients whose host comes from the token (Salesforce's <c>instance_url</c>): the auth handler
    /// moves requests addressed here onto the token's instance. The <c>.invalid</c> TLD never resolves.
    /// </summary>
    public static readonly Uri InstancePlaceholder = new("https://instance.gtmguard.invalid/");

    /// <summary>Never prints the credential.</summary>
    public override string ToString() => $"AccessToken(expires {ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})";
}
