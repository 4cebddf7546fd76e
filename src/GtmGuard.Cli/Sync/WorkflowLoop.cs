using GtmGuard.Sync.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Cli.Sync;

/// <summary><c>gtmguard sync --continuous</c>: one workflow's passes back to back, pausing for the inbox poll interval when idle.</summary>
internal sealed partial class WorkflowLoop(WorkflowPass pass, IOptions<InboxProcessorOptions> inbox, TimeProvider clock, ILogger<WorkflowLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                var (events, writes) = await pass.DrainAsync(stoppingToken);
                worked = events + writes;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A store hiccup must not stop the process: the work stays pending and leases lapse.
                LogPassFailed(logger, ex);
            }

            if (worked == 0)
            {
                try
                {
                    await Task.Delay(inbox.Value.PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Workflow pass failed; the loop keeps running")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
