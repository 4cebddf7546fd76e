using GtmGuard.Sync.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace GtmGuard.Sync.Webhooks;

/// <summary>The webhook intake as a standalone web app: store, intake endpoints and inbox processor, listening on <c>Sync:Intake:Url</c>.</summary>
public static class WebhookIntakeHost
{
    /// <summary>
    /// Builds the app from <paramref name="configuration"/>; <paramref name="configure"/> runs before the GtmGuard
    /// registrations, so services it adds (a clock, metrics, <see cref="IInboxEventHandler"/>s) take precedence.
    /// </summary>
    public static WebApplication Build(IConfiguration configuration, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddConfiguration(configuration);
        var intake = builder.Configuration.GetSection(WebhookIntakeOptions.Section).Get<WebhookIntakeOptions>() ?? new WebhookIntakeOptions();
        builder.WebHost.UseUrls(intake.Url);
        configure?.Invoke(builder);
        builder.Services.AddGtmGuardSyncStore(builder.Configuration);
        builder.Services.AddGtmGuardWebhookIntake(builder.Configuration);

        var app = builder.Build();
        app.MapGtmGuardWebhooks();
        return app;
    }
}
