using System.CommandLine;
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
/// <c>gtmguard sync --workflow W [--once]</c>: the sync core against the configured endpoints (<c>Sync:Vendors:*</c>,
/// simulators or real vendors). <c>--once</c> works off the due inbox events and outbox writes, prints the workflow's last
/// run and exits; without it, the intake, processor and outbox run until Ctrl+C.
/// </summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var workflow = new Option<string>("--workflow") { Description = "enrichment, qualified or optout.", Required = true };
        workflow.AcceptOnlyFromAmong([.. WorkflowNames.All]);
        var once = new Option<bool>("--once") { Description = "One pass, then exit." };
        var store = StoreAccess.StoreOption();
        var command = new Command("sync", "Run a workflow against the configured endpoints.") { workflow, once, store };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(workflow)!;
            var settings = StoreAccess.Overrides(parse.GetValue(store));
            var configuration = CliHost.Configuration(settings);
            var sync = SyncCore.Build(configuration);
            await using (sync)
            {
                try
                {
                    if (!parse.GetValue(once))
                    {
                        await sync.StartAsync(cancellationToken);
                        Console.WriteLine($"gtmguard sync: {name} running, intake on {sync.Urls.First()} (Ctrl+C to stop)");
                        await sync.WaitForShutdownAsync(cancellationToken);
                        return 0;
                    }

                    sync.Services.GetRequiredService<IStartupValidator>().Validate();
                    return await PassAsync(sync.Services, name, cancellationToken);
                }
                catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or IOException or ArgumentException)
                {
                    await Console.Error.WriteLineAsync($"gtmguard sync: cannot start: {ex.Message}");
                    return 2;
                }
            }
        });
        return command;
    }

    /// <summary>Every due inbox event (all workflows' handlers, so no event is settled without its handler), then every due outbox write.</summary>
    private static async Task<int> PassAsync(IServiceProvider services, string workflow, CancellationToken cancellationToken)
    {
        var processor = services.GetRequiredService<InboxProcessor>();
        var sender = services.GetRequiredService<OutboxSender>();
        var events = 0;
        for (var claimed = -1; claimed != 0;)
        {
            claimed = await processor.RunOnceAsync(cancellationToken);
            events += claimed;
        }

        var writes = 0;
        for (var claimed = -1; claimed != 0;)
        {
            claimed = await sender.SendOnceAsync(cancellationToken);
            writes += claimed;
        }

        var store = services.GetRequiredService<ISyncStore>();
        var last = await store.GetLastSuccessfulRunAsync(workflow, cancellationToken);
        Console.WriteLine($"gtmguard sync: {events} inbox event(s) and {writes} outbox write(s) worked off");
        Console.WriteLine(last is null
            ? $"gtmguard sync: {workflow} has no successful run yet"
            : $"gtmguard sync: {workflow} last successful sync {last.FinishedAt:u} (read {last.Counts.Read}, written {last.Counts.Written}, skipped {last.Counts.Skipped}, dead-lettered {last.Counts.DeadLettered})");
        return 0;
    }
}
