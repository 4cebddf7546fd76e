using GtmGuard.Probes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Cli.Up;

/// <summary>The probe service with the CLI's console logging; shares the sync core's container when given one.</summary>
internal static class ProbeService
{
    public static WebApplication Build(IConfiguration configuration, IServiceProvider? syncCore = null) =>
        ProbeServiceHost.Build(configuration, syncCore, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        });

    /// <summary>The address to print: the first URL the app listens on, with its real port.</summary>
    public static string Url(WebApplication app) => app.Urls.First().TrimEnd('/');
}
