using GtmGuard.Simulators.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Cli.Commands;

/// <summary>Builds the generic host every long-running command uses: appsettings.json, GTMGUARD__ variables, then command-line overrides.</summary>
internal static class CliHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = true,
        });
        AddSources(builder.Configuration, overrides);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.AddGtmGuardSimulators(builder.Configuration);
        return builder.Build();
    }

    /// <summary>The configuration every command reads: <paramref name="defaults"/>, appsettings.json, gtmguard.json, GTMGUARD__ variables, then overrides.</summary>
    public static IConfigurationRoot Configuration(IReadOnlyDictionary<string, string?> overrides, IReadOnlyDictionary<string, string?>? defaults = null)
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection(defaults ?? new Dictionary<string, string?>());
        AddSources(builder, overrides);
        return builder.Build();
    }

    private static void AddSources(IConfigurationBuilder builder, IReadOnlyDictionary<string, string?> overrides) =>
        builder
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "gtmguard.json"), optional: true)
            .AddEnvironmentVariables("GTMGUARD__")
            .AddInMemoryCollection(overrides);

    /// <summary>Starts the host, prints the banner, and runs until Ctrl+C; configuration errors exit with 2 and a message naming the setting.</summary>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> overrides, Action<IServiceProvider, TextWriter> banner, CancellationToken cancellationToken)
    {
        using var host = Build(overrides);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or GtmGuard.Simulators.Chaos.ChaosPlanException or IOException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"gtmguard: cannot start: {ex.Message}");
            return 2;
        }

        banner(host.Services, Console.Out);
        await host.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
