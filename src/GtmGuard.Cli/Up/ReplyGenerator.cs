using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Cli.Up;

/// <summary>
/// Plays the prospects' side in the Outreach simulator for <c>gtmguard up</c>: now and then a seeded pick among the active
/// sequence states replies with opt-out, so the opt-out workflow has something to do.
/// </summary>
internal sealed partial class ReplyGenerator : BackgroundService
{
    private readonly DemoTargets _targets;
    private readonly StartSignal _start;
    private readonly LeadGeneratorOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Random _random;

    public ReplyGenerator(DemoTargets targets, StartSignal start, IOptions<LeadGeneratorOptions> options, TimeProvider clock, ILogger<ReplyGenerator> logger)
    {
        _targets = targets;
        _start = start;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _random = new Random(_options.Seed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled || _targets.OutreachBaseUrl is null)
        {
            return;
        }

        await _start.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = new Uri(_targets.OutreachBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.OptOutInterval, _clock, stoppingToken).ConfigureAwait(false);
                await ReplyAsync(http, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or System.Text.Json.JsonException)
            {
                LogFailed(_logger, ex);
            }
        }
    }

    private async Task ReplyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var states = JsonNode.Parse(await http.GetStringAsync("/__gtmguard/state/sequenceStates", cancellationToken).ConfigureAwait(false)) as JsonArray ?? [];
        var active = states.Where(s => s?["attributes"]?["state"]?.GetValue<string>() == "active").ToList();
        if (active.Count == 0)
        {
            return;
        }

        var prospectId = active[_random.Next(active.Count)]!["relationships"]!["prospect"]!["data"]!["id"]!.GetValue<long>();
        using var reply = await http.PostAsJsonAsync($"/__gtmguard/prospects/{prospectId}/reply", new { optOut = true }, cancellationToken).ConfigureAwait(false);
        LogReplied(_logger, prospectId, (int)reply.StatusCode);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Prospect {ProspectId} replied with opt-out (simulator answered {Status})")]
    private static partial void LogReplied(ILogger logger, long prospectId, int status);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Generating an opt-out reply failed; trying again next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
