using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

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
        builder.WebHost.UseUrls(options.Url);
        configure?.Invoke(builder);
        builder.Services.AddGtmGuardProbes(builder.Configuration, syncCore);

        var app = builder.Build();
        try
        {
            // Mapping resolves the options, so a bad setting (Probes:Url off loopback included) surfaces here, naming it.
            app.MapGtmGuardProbes();
        }
        catch (OptionsValidationException ex)
        {
            ((IDisposable)app).Dispose();
            throw new ArgumentException(ex.Message, ex);
        }

        return app;
    }
}
