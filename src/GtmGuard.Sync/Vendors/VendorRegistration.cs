using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Vendors;

/// <summary>The registration steps every vendor shares: options with start-up validation, its HTTP clients, the configured check.</summary>
internal static class VendorRegistration
{
    public static void AddOptions<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : VendorOptions
        where TValidator : class, IValidateOptions<TOptions>
    {
        var configured = configuration.GetSection(section);
        services.AddOptions<TOptions>()
            .Bind(configured)
            .Configure(options => options.Configured = configured.Exists())
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }

    /// <summary>The options of a vendor that is configured and enabled; otherwise an error naming the section.</summary>
    public static TOptions Require<TOptions>(IServiceProvider services, string section)
        where TOptions : VendorOptions
    {
        var options = services.GetRequiredService<IOptions<TOptions>>().Value;
        if (!options.Configured)
        {
            throw new InvalidOperationException($"{section} is not configured; add the section to use this vendor.");
        }

        return options.Enabled ? options : throw new InvalidOperationException($"{section}:Enabled is false.");
    }

    /// <summary>An HTTP client with no base address trickery: logged header values are redacted, timeouts belong to Polly.</summary>
    public static IHttpClientBuilder AddClient(IServiceCollection services, string name, Func<IServiceProvider, Uri?> baseAddress) =>
        services.AddHttpClient(name)
            .ConfigureHttpClient((provider, http) =>
            {
                http.BaseAddress = baseAddress(provider);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RedactLoggedHeaders(_ => true);

    /// <summary>The token endpoint's client: a short retry and the attempt timeout, metrics, no quota (token calls are not metered).</summary>
    public static IHttpClientBuilder AddTokenClient(IServiceCollection services, string name, VendorId vendor, Func<IServiceProvider, VendorOptions> options)
    {
        var builder = AddClient(services, name, _ => null);
        builder.AddResilienceHandler("token", (pipeline, context) =>
            Resilience.VendorPipelines.ConfigureToken(
                pipeline,
                vendor,
                options(context.ServiceProvider).Resilience,
                context.ServiceProvider.GetRequiredService<TimeProvider>(),
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("GtmGuard.Sync.Resilience")));
        builder.AddHttpMessageHandler(provider => new MetricsHandler(vendor, provider.GetRequiredService<VendorMetrics>(), provider.GetRequiredService<TimeProvider>()));
        builder.AddHttpMessageHandler(_ => new ExchangeRecordingHandler());
        return builder;
    }

    /// <summary>
    /// What every token-authenticated vendor registers alike: its profile (account, quota, resilience), its token source
    /// and token client, and the API client with the vendor handler chain. <paramref name="baseAddress"/> is the API base.
    /// </summary>
    public static void AddAuthenticatedVendor<TOptions>(
        IServiceCollection services,
        VendorId vendor,
        string httpClientName,
        string tokenClientName,
        Func<IServiceProvider, TOptions> options,
        Func<TOptions, QuotaPolicy> quota,
        Func<IServiceProvider, TOptions, ITokenSource> tokens,
        Func<IServiceProvider, Uri?> baseAddress)
        where TOptions : VendorOptions
    {
        services.AddKeyedSingleton(vendor, (provider, _) =>
        {
            var resolved = options(provider);
            return new VendorProfile(vendor, resolved.Account, quota(resolved), resolved.Resilience);
        });
        services.AddKeyedSingleton(vendor, (provider, _) => tokens(provider, options(provider)));
        AddTokenClient(services, tokenClientName, vendor, provider => options(provider));
        AddClient(services, httpClientName, baseAddress)
            .AddVendorHandlers(vendor, provider => provider.GetRequiredKeyedService<ITokenSource>(vendor));
    }

    public static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
