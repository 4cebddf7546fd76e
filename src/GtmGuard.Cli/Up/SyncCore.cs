using GtmGuard.Sync;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Webhooks;
using GtmGuard.Sync.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Cli.Up;

/// <summary>The sync core as one web app: store, webhook intake, inbox processor, vendor clients, workflows and outbox worker.</summary>
internal static class SyncCore
{
    public static WebApplication Build(IConfiguration configuration, Action<WebApplicationBuilder>? configure = null) =>
        WebhookIntakeHost.Build(configuration, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
            builder.Services.AddGtmGuardVendorClients(builder.Configuration);
            builder.Services.AddGtmGuardWorkflows(builder.Configuration);
            // Live contract sampling when the snapshots are at hand (running from the repository, or configured).
            var sampling = builder.Configuration.GetSection(ContractSamplingSettings.Section).Get<ContractSamplingSettings>() ?? new ContractSamplingSettings();
            if (Directory.Exists(sampling.SnapshotsDirectory))
            {
                builder.Services.AddGtmGuardContractSampling(builder.Configuration);
            }

            configure?.Invoke(builder);
        });

    /// <summary>The lead stream (and opt-out replies) of <c>gtmguard up</c>; it starts once <see cref="StartSignal"/> fires (webhooks subscribed).</summary>
    public static void AddLeadGenerator(this WebApplicationBuilder builder, DemoTargets targets)
    {
        builder.Services.AddSingleton(targets);
        builder.Services.AddHostedService<ReplyGenerator>();
        builder.Services.AddOptions<LeadGeneratorOptions>()
            .Bind(builder.Configuration.GetSection(LeadGeneratorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StartSignal>();
        builder.Services.AddHostedService<LeadGenerator>();
    }
}
