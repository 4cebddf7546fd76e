using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Quotas;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Vendors.Salesforce;

internal static class SalesforceRegistration
{
    public const string HttpClientName = "gtmguard.salesforce";
    public const string TokenClientName = "gtmguard.salesforce.oauth";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        VendorRegistration.AddOptions<SalesforceOptions, SalesforceOptionsValidator>(services, configuration, SalesforceOptions.Section);
        // Data calls are addressed to the placeholder; the auth handler moves them onto the token's instance URL.
        VendorRegistration.AddAuthenticatedVendor(services, VendorId.Salesforce, HttpClientName, TokenClientName, Options, options => Quota(options.Quota), Tokens, _ => AccessToken.InstancePlaceholder);
        services.AddTransient(provider => new SalesforceClient(
            new VendorHttp(VendorId.Salesforce, provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)),
            Options(provider),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SalesforceClient>>()));
    }

    /// <summary>One rolling 24-hour window; every REST call counts, Bulk API calls included.</summary>
    internal static QuotaPolicy Quota(SalesforceQuotaOptions quota) => new(
        [new QuotaWindowSpec(QuotaWindowNames.Daily, quota.DailyLimit, TimeSpan.FromDays(1))],
        quota.MaxWait,
        quota.SlowDownBelow,
        SalesforceUsageHeaders.Read);

    private static SalesforceOptions Options(IServiceProvider provider) => VendorRegistration.Require<SalesforceOptions>(provider, SalesforceOptions.Section);

    private static CachedTokenSource Tokens(IServiceProvider provider, SalesforceOptions options)
    {
        var clock = provider.GetRequiredService<TimeProvider>();
        var endpoint = new OAuthTokenEndpoint(provider.GetRequiredService<IHttpClientFactory>(), TokenClientName, options.TokenEndpoint, clock);
        ITokenGrant grant = options.Auth == SalesforceAuth.JwtBearer
            ? new JwtBearerGrant(endpoint, options.ClientId!, options.Username!, options.JwtAudience, options.JwtKeyFile!, SalesforceOptions.Section + ":JwtKeyFile", clock)
            : new RefreshTokenGrant(
                endpoint,
                options.ClientId!,
                new SecretReference(SalesforceOptions.Section + ":ClientSecret", options.ClientSecretEnv, options.ClientSecretFile),
                new SecretReference(SalesforceOptions.Section + ":RefreshToken", options.RefreshTokenEnv, options.RefreshTokenFile));
        return new CachedTokenSource(VendorId.Salesforce, grant, clock, options.TokenRefreshAhead, provider.GetRequiredService<ILoggerFactory>().CreateLogger("GtmGuard.Sync.Auth"));
    }
}
