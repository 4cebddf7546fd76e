using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Quotas;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Vendors.Outreach;

internal static class OutreachRegistration
{
    public const string HttpClientName = "gtmguard.outreach";
    public const string TokenClientName = "gtmguard.outreach.oauth";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        VendorRegistration.AddOptions<OutreachOptions, OutreachOptionsValidator>(services, configuration, OutreachOptions.Section);
        VendorRegistration.AddAuthenticatedVendor(services, VendorId.Outreach, HttpClientName, TokenClientName, Options, options => Quota(options.Quota), Tokens, provider => VendorRegistration.WithTrailingSlash(Options(provider).BaseUrl));
        services.AddTransient(provider =>
        {
            Options(provider);
            return new OutreachClient(
                new VendorHttp(VendorId.Outreach, provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)),
                provider.GetRequiredService<ILogger<OutreachClient>>());
        });
    }

    /// <summary>One fixed hourly window, moved to the vendor's <c>X-RateLimit-Reset</c> when it says so.</summary>
    internal static QuotaPolicy Quota(OutreachQuotaOptions quota) => new(
        [new QuotaWindowSpec(QuotaWindowNames.Hourly, quota.HourlyLimit, TimeSpan.FromHours(1), Fixed: true)],
        quota.MaxWait,
        quota.SlowDownBelow,
        RateLimitHeaders.For(QuotaWindowNames.Hourly));

    /// <summary>Where rotated refresh tokens are kept, per <see cref="OutreachOptions.RotatedRefreshToken"/>.</summary>
    private static IRotatedTokenKeeper? Keeper(IServiceProvider provider, OutreachOptions options) =>
        options.RotatedRefreshToken.ToLowerInvariant() switch
        {
            "file" => new FileRotatedTokenKeeper(options.RotatedRefreshTokenFile!),
            "memory" => null,
            _ => provider.GetService<Storage.ISyncStore>() is { } store ? new StoreRotatedTokenKeeper(store, $"outreach:{options.Account}:refresh_token") : null,
        };

    private static OutreachOptions Options(IServiceProvider provider) => VendorRegistration.Require<OutreachOptions>(provider, OutreachOptions.Section);

    private static CachedTokenSource Tokens(IServiceProvider provider, OutreachOptions options)
    {
        var clock = provider.GetRequiredService<TimeProvider>();
        var grant = new RefreshTokenGrant(
            new OAuthTokenEndpoint(provider.GetRequiredService<IHttpClientFactory>(), TokenClientName, options.TokenEndpoint, clock),
            options.ClientId!,
            new SecretReference(OutreachOptions.Section + ":ClientSecret", options.ClientSecretEnv, options.ClientSecretFile),
            new SecretReference(OutreachOptions.Section + ":RefreshToken", options.RefreshTokenEnv, options.RefreshTokenFile),
            options.RedirectUri,
            Keeper(provider, options));
        return new CachedTokenSource(VendorId.Outreach, grant, clock, options.TokenRefreshAhead, provider.GetRequiredService<ILoggerFactory>().CreateLogger("GtmGuard.Sync.Auth"));
    }
}
