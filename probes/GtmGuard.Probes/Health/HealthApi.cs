using GtmGuard.Probes.Checks;
using GtmGuard.Sync.Vendors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace GtmGuard.Probes.Health;

/// <summary><c>/api/health</c>, <c>POST /api/probes/run</c>, <c>/health/live</c> and <c>/health/ready</c>.</summary>
internal static class HealthApi
{
    public const string ReadyTag = "ready";

    private static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/health", (string? window, HealthReporter reporter, IOptions<ProbeOptions> options) =>
        {
            var probe = options.Value;
            if (window is null)
            {
                return Results.Ok(reporter.Build(probe.Window));
            }

            if (!WindowText.TryParse(window, out var span) || span < MinWindow || span > probe.MaxWindow)
            {
                return Error($"window '{window}' is not a duration between {MinWindow.TotalSeconds:0}s and {probe.MaxWindow} (e.g. 30s, 5m, 1h or 00:05:00).");
            }

            return Results.Ok(reporter.Build(span));
        });

        endpoints.MapPost("/api/probes/run", async (string? integration, ProbeRunner runner, HealthReporter reporter, IOptions<ProbeOptions> options, CancellationToken cancellationToken) =>
        {
            VendorId? only = null;
            if (integration is not null)
            {
                if (!TryIntegration(integration, out var vendor))
                {
                    return Error($"integration '{integration}' is not one of hubspot, salesforce, outreach, clay.");
                }

                if (!options.Value.For(vendor).Enabled)
                {
                    return Error($"integration '{integration}' has its probes switched off (Probes:{vendor}:Enabled).", StatusCodes.Status409Conflict);
                }

                only = vendor;
            }

            if (!await runner.TryRunRoundAsync(only, cancellationToken))
            {
                return Error("a probe round is already running; try again when it has finished (GET /api/health shows its results).", StatusCodes.Status409Conflict);
            }

            return Results.Ok(reporter.Build(options.Value.Window));
        });

        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }

    public static IResult Error(string message, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error = message }, statusCode: status);

    private static bool TryIntegration(string text, out VendorId vendor)
    {
        foreach (var candidate in Enum.GetValues<VendorId>())
        {
            if (string.Equals(candidate.Label(), text, StringComparison.OrdinalIgnoreCase))
            {
                vendor = candidate;
                return true;
            }
        }

        vendor = default;
        return false;
    }
}
