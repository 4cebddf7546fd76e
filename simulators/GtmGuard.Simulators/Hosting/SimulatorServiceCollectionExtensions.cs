using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Simulators.Hosting;

/// <summary>Registers the simulators with options bound from <c>Simulators</c> and validated at start-up.</summary>
public static class SimulatorServiceCollectionExtensions
{
    public static IServiceCollection AddGtmGuardSimulators(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatorsOptions>()
            .Bind(configuration.GetSection(SimulatorsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorsOptions>, SimulatorsOptionsValidator>();
        services.TryAddTimeProvider();
        services.AddSingleton(sp => new SimulatorHost(sp.GetRequiredService<IOptions<SimulatorsOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<SimulatorHostedService>();
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}

/// <summary>Validates nested vendor sections, naming the setting at fault.</summary>
internal sealed class SimulatorsOptionsValidator : IValidateOptions<SimulatorsOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorsOptions options) =>
        Check(options) is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;

    internal static string? Check(SimulatorsOptions options)
    {
        var failures = new List<string>();
        Collect(options.Settings, "Simulators:Settings", failures);
        Collect(options.HubSpot, "Simulators:HubSpot", failures);
        Collect(options.Salesforce, "Simulators:Salesforce", failures);
        Collect(options.Outreach, "Simulators:Outreach", failures);
        Collect(options.Clay, "Simulators:Clay", failures);
        failures.AddRange(Clay.ClayOptionsValidator.Check(options.Clay));
        try
        {
            _ = HubSpot.HubSpotRateLimits.From(options.HubSpot);
        }
        catch (ArgumentException ex)
        {
            failures.Add(ex.Message);
        }

        if (options.Settings.BindAddress is not ("127.0.0.1" or "localhost" or "::1"))
        {
            failures.Add($"Simulators:Settings:BindAddress '{options.Settings.BindAddress}' is not a loopback address; simulators only listen on loopback.");
        }

        return failures.Count == 0 ? null : string.Join(" ", failures);
    }

    private static void Collect(object section, string path, List<string> failures)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(section, new(section), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}

/// <summary>Starts the simulators with the host and stops them with it.</summary>
internal sealed class SimulatorHostedService : IHostedService
{
    private readonly SimulatorHost _host;

    public SimulatorHostedService(SimulatorHost host) => _host = host;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _host.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await _host.DisposeAsync().ConfigureAwait(false);
}
