namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// The limits of a HubSpot tier (vendor-facts §2.5), with option overrides: the private app's 10-second window,
/// the public OAuth app's (110 per installed account), the account's daily limit and the Search API's per-second limit.
/// </summary>
public sealed record HubSpotRateLimits(int TenSecondLimit, long DailyLimit, int SearchPerSecondLimit, int OAuthTenSecondLimit = HubSpotRateLimits.OAuthAppTenSecondLimit)
{
    public const int OAuthAppTenSecondLimit = 110;

    public static HubSpotRateLimits From(HubSpotOptions options)
    {
        var (burst, daily) = options.Tier.ToLowerInvariant() switch
        {
            "free" or "starter" => (100, 250_000L),
            "professional" => (190, 625_000L),
            "enterprise" => (190, 1_000_000L),
            "oauth" => (OAuthAppTenSecondLimit, 250_000L),
            var tier => throw new ArgumentException($"Simulators:HubSpot:Tier '{tier}' is not a tier; use free, starter, professional, enterprise or oauth."),
        };
        return new HubSpotRateLimits(
            options.TenSecondLimit ?? burst,
            options.DailyLimit ?? daily,
            options.SearchPerSecondLimit,
            options.TenSecondLimit ?? OAuthAppTenSecondLimit);
    }
}
