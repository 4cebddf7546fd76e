using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Quotas;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Vendors.Clay;

internal static class ClayRegistration
{
    public const string HttpClientName = "gtmguard.clay";
    public const string WebhookClientName = "gtmguard.clay.webhook";
    public const string WebhookLane = "webhook";
    public const string ApiKeyHeader = "clay-api-key";
    public const string WebhookAuthHeader = "x-clay-webhook-auth";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        VendorRegistration.AddOptions<ClayOptions, ClayOptionsValidator>(services, configuration, ClayOptions.Section);
        services.AddKeyedSingleton(VendorId.Clay, (provider, _) =>
        {
            var options = Options(provider);
            return new VendorProfile(VendorId.Clay, options.Account, Quota(options.Quota), options.Resilience);
        });
        services.AddKeyedSingleton<ITokenSource>(VendorId.Clay, (provider, _) =>
            Static(provider, Options(provider), new SecretReference(ClayOptions.Section + ":ApiKey", Options(provider).ApiKeyEnv, Options(provider).ApiKeyFile), ApiKeyHeader));
        services.AddSingleton(provider =>
        {
            var options = Options(provider);
            return new WebhookToken(options.HasWebhookToken
                ? Static(provider, options, new SecretReference(ClayOptions.Section + ":WebhookAuthToken", options.WebhookAuthTokenEnv, options.WebhookAuthTokenFile), WebhookAuthHeader)
                : null);
        });
        VendorRegistration.AddClient(services, HttpClientName, provider => VendorRegistration.WithTrailingSlash(Options(provider).BaseUrl))
            .AddVendorHandlers(VendorId.Clay, provider => provider.GetRequiredKeyedService<ITokenSource>(VendorId.Clay));
        // The webhook source is another Clay endpoint: same account limiter (its own lane), its own circuit breaker.
        VendorRegistration.AddClient(services, WebhookClientName, _ => null)
            .AddVendorHandlers(VendorId.Clay, provider => provider.GetRequiredService<WebhookToken>().Source);
        services.AddTransient(provider =>
        {
            var options = Options(provider);
            var clients = provider.GetRequiredService<IHttpClientFactory>();
            return new ClayClient(
                new VendorHttp(VendorId.Clay, clients.CreateClient(HttpClientName)),
                new VendorHttp(VendorId.Clay, clients.CreateClient(WebhookClientName)),
                options,
                provider.GetRequiredService<ILogger<ClayClient>>());
        });
    }

    internal static QuotaPolicy Quota(ClayQuotaOptions quota) => new(
        [
            new QuotaWindowSpec(QuotaWindowNames.Workspace, quota.ApiLimit, quota.ApiWindow),
            new QuotaWindowSpec(WebhookLane, quota.WebhookLimit, quota.WebhookWindow, Lane: WebhookLane),
        ],
        quota.MaxWait,
        quota.SlowDownBelow,
        RateLimitHeaders.For(QuotaWindowNames.Workspace));

    private static ClayOptions Options(IServiceProvider provider) => VendorRegistration.Require<ClayOptions>(provider, ClayOptions.Section);

    private static CachedTokenSource Static(IServiceProvider provider, ClayOptions options, SecretReference secret, string header) =>
        new(VendorId.Clay, new StaticSecretGrant(secret), provider.GetRequiredService<TimeProvider>(), options.TokenRefreshAhead, provider.GetRequiredService<ILoggerFactory>().CreateLogger("GtmGuard.Sync.Auth"), header);

    /// <summary>The webhook source's token, when it has one; a source without a token takes any caller.</summary>
    private sealed record WebhookToken(ITokenSource? Source);
}
