using System.CommandLine;
using GtmGuard.Cli.Sync;
using GtmGuard.Cli.Up;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Webhooks;
using GtmGuard.Sync.Workflows;
using GtmGuard.Sync.Workflows.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GtmGuard.Cli.Commands;

/// <summary>
/// <c>gtmguard sync --workflow W</c>: one workflow against the configured endpoints (<c>Sync:Vendors:*</c>, simulators or
/// real vendors). By default one pass: W's due inbox events and outbox writes (no other workflow's), retries that fall
/// due within <c>--max-wait</c>, then exit 0 (all done), 1 (something dead-lettered or still waiting) or 2 (cannot start).
/// <c>--continuous</c> also opens the webhook intake and keeps working W's share until Ctrl+C.
/// </summary>
internal static class SyncCommand
{
    /// <summary>The command line is wrong or the configuration does not start.</summary>
    public const int CannotStart = 2;

    public static Command Create()
    {
        var workflow = new Option<string>("--workflow") { Description = "enrichment, qualified or optout.", Required = true };
        workflow.AcceptOnlyFromAmong([.. WorkflowNames.All]);
        var once = new Option<bool>("--once") { Description = "One pass, then exit (the default)." };
        var continuous = new Option<bool>("--continuous") { Description = "Open the intake and keep working until Ctrl+C." };
        var maxWait = new Option<TimeSpan>("--max-wait") { Description = "How long a pass waits for retries to fall due (default 00:01:00).", DefaultValueFactory = _ => TimeSpan.FromMinutes(1) };
        var store = StoreAccess.StoreOption();
        var command = new Command("sync", "Run one workflow against the configured endpoints.") { workflow, once, continuous, maxWait, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(workflow)!;
            if (parse.GetValue(once) && parse.GetValue(continuous))
            {
                await Console.Error.WriteLineAsync("gtmguard sync: give --once or --continuous, not both.");
                return CannotStart;
            }

            var settings = StoreAccess.Overrides(parse.GetValue(store));
            OnlyWorkflow(settings, name);
            var configuration = CliHost.Configuration(settings);
            var sync = SyncCore.Build(configuration, builder => builder.Services.AddSingleton(sp => new WorkflowPass(
                name,
                sp.GetRequiredService<ISyncStore>(),
                sp.GetRequiredService<InboxProcessor>(),
                sp.GetRequiredService<OutboxSender>(),
                sp.GetRequiredService<TimeProvider>())));
            await using (sync)
            {
                try
                {
                    sync.Services.GetRequiredService<IStartupValidator>().Validate();
                    if (parse.GetValue(continuous))
                    {
                        await sync.StartAsync(cancellationToken);
                        await RunLoopAsync(sync.Services, name, sync.Urls.First(), cancellationToken);
                        await sync.StopAsync(CancellationToken.None);
                        return 0;
                    }

                    return await PassAsync(sync.Services, name, parse.GetValue(maxWait), cancellationToken);
                }
                catch (Exception ex) when (IsStartupProblem(ex))
                {
                    // Several sections can be wrong at once: name every one.
                    var problems = ex is AggregateException all ? all.InnerExceptions.Select(e => e.Message) : [ex.Message];
                    foreach (var problem in problems)
                    {
                        await Console.Error.WriteLineAsync($"gtmguard sync: cannot start: {problem}");
                    }

                    return CannotStart;
                }
            }
        });
        return command;
    }

    private static bool IsStartupProblem(Exception ex) =>
        ex is OptionsValidationException or InvalidOperationException or IOException or ArgumentException
        || (ex is AggregateException all && all.InnerExceptions.All(IsStartupProblem));

    /// <summary>Registers only <paramref name="workflow"/>'s handlers and writers; the built-in background workers stay off (the pass or loop works instead).</summary>
    private static void OnlyWorkflow(Dictionary<string, string?> settings, string workflow)
    {
        settings["Sync:Workflows:Enrichment"] = (workflow == WorkflowNames.Enrichment).ToString();
        settings["Sync:Workflows:Qualified"] = (workflow == WorkflowNames.Qualified).ToString();
        settings["Sync:Workflows:OptOut"] = (workflow == WorkflowNames.OptOut).ToString();
        settings["Sync:Inbox:Enabled"] = "false";
        settings["Sync:Workflows:Outbox:Enabled"] = "false";
    }

    private static async Task RunLoopAsync(IServiceProvider services, string workflow, string intakeUrl, CancellationToken cancellationToken)
    {
        var loop = new WorkflowLoop(
            services.GetRequiredService<WorkflowPass>(),
            services.GetRequiredService<IOptions<InboxProcessorOptions>>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<WorkflowLoop>>());
        await loop.StartAsync(cancellationToken);
        Console.WriteLine($"gtmguard sync: {workflow} running, intake on {intakeUrl} (Ctrl+C to stop)");
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await loop.StopAsync(CancellationToken.None);
    }

    private static async Task<int> PassAsync(IServiceProvider services, string workflow, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<WorkflowPass>().RunAsync(maxWait, cancellationToken);
        var last = await services.GetRequiredService<ISyncStore>().GetLastSuccessfulRunAsync(workflow, cancellationToken);
        Console.WriteLine($"gtmguard sync: {workflow}: {result.Events} inbox event(s) and {result.Writes} outbox write(s) worked off, {result.DeadLettered} dead-lettered, {result.StillPending} still pending");
        Console.WriteLine(last is null
            ? $"gtmguard sync: {workflow} has no successful run yet"
            : $"gtmguard sync: {workflow} last successful sync {last.FinishedAt:u} (read {last.Counts.Read}, written {last.Counts.Written}, skipped {last.Counts.Skipped}, dead-lettered {last.Counts.DeadLettered})");
        if (result.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync(result.DeadLettered > 0
                ? $"gtmguard sync: {result.DeadLettered} item(s) dead-lettered; see `gtmguard dlq list --workflow {workflow}`."
                : $"gtmguard sync: {result.StillPending} item(s) still waiting for a retry; run again later.");
        }

        return result.ExitCode;
    }
}
