using System.CommandLine;
using System.Globalization;
using GtmGuard.LoadTests.Hosting;
using GtmGuard.LoadTests.Metrics;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GtmGuard.LoadTests.Cli;

/// <summary>
/// <c>serve intake|bare --port P</c>: targets for an external load generator (wrk, hey). <c>intake</c> is the sync core's
/// webhook intake alone (durable SQLite inbox, no workflows); <c>bare</c> is a Kestrel endpoint on the same path that
/// reads the body and answers the same 200, the baseline. Both run until Ctrl+C; the intake then prints its inbox counts.
/// </summary>
public static class ServeCommand
{
    /// <summary>The environment variable holding the token Clay deliveries to the intake must carry.</summary>
    public const string ClayTokenVariable = "CLAY_TOKEN";

    public static Command Create()
    {
        var target = new Argument<string>("target") { Description = "intake or bare." };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1.", DefaultValueFactory = _ => 5199 };
        var set = new Option<string[]>("--set") { Description = "Sync:KEY=VALUE for the intake, repeatable (e.g. Sync:Store:DurableCommits=false).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("serve", "Serve the webhook intake (or a bare Kestrel baseline) on 127.0.0.1 for wrk or hey; Ctrl+C stops.") { target, port, set };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var url = "http://127.0.0.1:" + parse.GetValue(port).ToString(CultureInfo.InvariantCulture);
            return parse.GetValue(target) switch
            {
                "intake" => await ServeIntakeAsync(url, parse.GetValue(set) ?? [], cancellationToken).ConfigureAwait(false),
                "bare" => await ServeBareAsync(url, cancellationToken).ConfigureAwait(false),
                var other => await Fail($"serve: '{other}' is not a target; use intake or bare.").ConfigureAwait(false),
            };
        });
        return command;
    }

    private static async Task<int> Fail(string message)
    {
        await Console.Error.WriteLineAsync("gtmguard load " + message).ConfigureAwait(false);
        return LoadExitCodes.BadArguments;
    }

    private static async Task<int> ServeIntakeAsync(string url, IReadOnlyList<string> overrides, CancellationToken cancellationToken)
    {
        LoadRequest request;
        try
        {
            request = LoadRequest.From([], null, [], overrides, null, null, "reports", "serve intake");
        }
        catch (ArgumentException ex)
        {
            return await Fail(ex.Message).ConfigureAwait(false);
        }

        var simulators = SystemUnderTest.DefaultSimulators();
        simulators.Salesforce.Enabled = simulators.HubSpot.Enabled = simulators.Outreach.Enabled = simulators.Clay.Enabled = false;
        var settings = new Dictionary<string, string?>
        {
            ["Sync:Intake:Url"] = url,
            ["Sync:Workflows:Enrichment"] = "false",
            ["Sync:Workflows:Qualified"] = "false",
            ["Sync:Workflows:OptOut"] = "false",
        };
        foreach (var (key, value) in request.Settings.Where(s => s.Key.StartsWith("Sync:", StringComparison.OrdinalIgnoreCase)))
        {
            settings[key] = value;
        }

        // The token comes from the environment (the wrk script exports it) or is random; it is never printed.
        var token = Environment.GetEnvironmentVariable(ClayTokenVariable);
        await using var system = await SystemUnderTest.StartAsync(
            simulators, settings, new RunRecorder(TimeProvider.System, TimeSpan.Zero), null, cancellationToken, clayCallbackToken: token).ConfigureAwait(false);
        Console.WriteLine(string.IsNullOrEmpty(token)
            ? $"intake {system.Intake("clay")} (header x-clay-webhook-auth: a random token, as {ClayTokenVariable} is not set; set it to choose one)"
            : $"intake {system.Intake("clay")} (header x-clay-webhook-auth: the value of {ClayTokenVariable})");
        var metrics = system.Sync.Services.GetRequiredService<WebhookMetrics>();
        var progress = PrintProgressAsync(metrics, cancellationToken);
        await WaitForStopAsync(cancellationToken).ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        var counts = await InboxCountsAsync(system.Store).ConfigureAwait(false);
        Console.WriteLine(string.Join(' ', counts.Select(c => $"{c.Key}={c.Value}")));
        return LoadExitCodes.Passed;
    }

    private static async Task<int> ServeBareAsync(string url, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        await using var app = builder.Build();
        app.MapPost("/webhooks/{vendor}", async (HttpRequest request) =>
        {
            // Read the whole body, as the intake does, then answer as it does.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body).ConfigureAwait(false);
            return Results.Json(new { accepted = 1, duplicates = 0 });
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"bare {url}/webhooks/clay");
        await WaitForStopAsync(cancellationToken).ConfigureAwait(false);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return LoadExitCodes.Passed;
    }

    /// <summary>
    /// Once a second, the intake's counters (in memory, so reading them costs the run nothing): events accepted, repeats
    /// recognised, events the processor applied, and the backlog it has yet to settle.
    /// </summary>
    private static async Task PrintProgressAsync(WebhookMetrics metrics, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var accepted = metrics.Count(VendorId.Clay, WebhookEventResult.Accepted);
                var settled = metrics.Count(VendorId.Clay, WebhookEventResult.Applied) + metrics.Count(VendorId.Clay, WebhookEventResult.Stale) + metrics.Count(VendorId.Clay, WebhookEventResult.DeadLettered);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"progress accepted={accepted} duplicates={metrics.Count(VendorId.Clay, WebhookEventResult.Duplicate)} applied={settled} backlog={accepted - settled}"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WaitForStopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Inbox events by state, paged through the store.</summary>
    private static async Task<SortedDictionary<string, long>> InboxCountsAsync(ISyncStore store)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long after = 0;
        while (true)
        {
            var page = await store.ListInboxEventsAsync(new InboxEventFilter(AfterSequence: after, Limit: 10_000), CancellationToken.None).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return counts;
            }

            foreach (var inboxEvent in page)
            {
                var key = inboxEvent.State.ToString().ToLowerInvariant();
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }

            after = page[^1].Sequence;
        }
    }
}
