using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Quotas;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Vendors.HubSpot;

internal static class HubSpotRegistration
{
    public const string HttpClientName = "gtmguard.hubspot";
    public const string TokenClientName = "gtmguard.hubspot.oauth";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        VendorRegistration.AddOptions<HubSpotOptions, HubSpotOptionsValidator>(services, configuration, HubSpotOptions.Section);
        VendorRegistration.AddAuthenticatedVendor(services, VendorId.HubSpot, HttpClientName, TokenClientName, Options, options => Quota(options.Quota), Tokens, provider => VendorRegistration.WithTrailingSlash(Options(provider).BaseUrl));
        services.AddTransient(provider =>
        {
            Options(provider);
            return new HubSpotClient(
                new VendorHttp(VendorId.HubSpot, provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)),
                provider.GetRequiredService<ILogger<HubSpotClient>>());
        });
    }

    /// <summary>A rolling 10-second window and a daily one for every call; search has its own per-second lane.</summary>
    internal static QuotaPolicy Quota(HubSpotQuotaOptions quota) => new(
        [
            new QuotaWindowSpec(QuotaWindowNames.TenSecond, quota.TenSecondLimit, TimeSpan.FromSeconds(10)),
            new QuotaWindowSpec(QuotaWindowNames.Daily, quota.DailyLimit, TimeSpan.FromDays(1), Fixed: true),
            new QuotaWindowSpec(QuotaWindowNames.Search, quota.SearchPerSecondLimit, TimeSpan.FromSeconds(1), Lane: HubSpotClient.SearchLane),
        ],
        quota.MaxWait,
        quota.SlowDownBelow,
        HubSpotUsageHeaders.Read);

    private static HubSpotOptions Options(IServiceProvider provider) => VendorRegistration.Require<HubSpotOptions>(provider, HubSpotOptions.Section);

    private static CachedTokenSource Tokens(IServiceProvider provider, HubSpotOptions options)
    {
        var clock = provider.GetRequiredService<TimeProvider>();
        ITokenGrant grant = options.Auth == HubSpotAuth.PrivateApp
            ? new StaticSecretGrant(new SecretReference(HubSpotOptions.Section + ":PrivateAppToken", options.PrivateAppTokenEnv, options.PrivateAppTokenFile))
            : new RefreshTokenGrant(
                new OAuthTokenEndpoint(provider.GetRequiredService<IHttpClientFactory>(), TokenClientName, options.TokenEndpoint, clock),
                options.ClientId!,
                new SecretReference(HubSpotOptions.Section + ":ClientSecret", options.ClientSecretEnv, options.ClientSecretFile),
                new SecretReference(HubSpotOptions.Section + ":RefreshToken", options.RefreshTokenEnv, options.RefreshTokenFile));
        return new CachedTokenSource(VendorId.HubSpot, grant, clock, options.TokenRefreshAhead, provider.GetRequiredService<ILoggerFactory>().CreateLogger("GtmGuard.Sync.Auth"));
    }
}
