using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace GtmGuard.Probes.Hosting;

/// <summary>The probe service as its own web app on <c>Probes:Url</c> (default <c>http://127.0.0.1:5120</c>).</summary>
public static class ProbeServiceHost
{
    /// <summary>
    /// Builds the app. Pass the sync core's <paramref name="syncCore"/> container when both run in one process (as in
    /// <c>gtmguard up</c>); <paramref name="configure"/> runs before the registrations, so what it adds takes precedence.
    /// </summary>
    public static WebApplication Build(IConfiguration configuration, IServiceProvider? syncCore = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddConfiguration(configuration);
        var options = builder.Configuration.GetSection(ProbeOptions.Section).Get<ProbeOptions>() ?? new ProbeOptions();
        if (!ProbeUrl.IsLoopback(options.Url))
        {
            throw new ArgumentException($"Probes:Url '{options.Url}' must be an http URL on loopback (127.0.0.1, [::1] or localhost).");
        }

        builder.WebHost.UseUrls(options.Url);
        configure?.Invoke(builder);
        builder.Services.AddGtmGuardProbes(builder.Configuration, syncCore);

        var app = builder.Build();
        app.MapGtmGuardProbes();
        return app;
    }
}
