using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Workflows.Outbox;

/// <summary>Drains the outbox in the background: a pass whenever the last one found writes, otherwise every poll interval.</summary>
internal sealed partial class OutboxWorker : BackgroundService
{
    private readonly OutboxSender _sender;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public OutboxWorker(OutboxSender sender, IOptions<WorkflowOptions> options, TimeProvider clock, ILogger<OutboxWorker> logger)
    {
        _sender = sender;
        _options = options.Value.Outbox;
        _clock = clock;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await _sender.SendOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(_logger, ex);
            }

            if (claimed == 0)
            {
                try
                {
                    await Task.Delay(_options.PollInterval, _clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Error, Message = "Outbox pass failed; the worker keeps running")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
