using Bogus;
using GtmGuard.Sync.Workflows.Enrichment;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Cli.Up;

/// <summary>A steady, seeded stream of made-up leads into Clay, feeding all three workflows.</summary>
internal sealed partial class LeadGenerator : BackgroundService
{
    private readonly LeadSubmitter _submitter;
    private readonly StartSignal _start;
    private readonly LeadGeneratorOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Faker _faker;
    private int _next;

    public LeadGenerator(LeadSubmitter submitter, StartSignal start, IOptions<LeadGeneratorOptions> options, TimeProvider clock, ILogger<LeadGenerator> logger)
    {
        _submitter = submitter;
        _start = start;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _faker = new Faker { Random = new Randomizer(_options.Seed) };
    }

    /// <summary>The next batch of leads; the running number keeps emails unique across batches.</summary>
    public List<IReadOnlyDictionary<string, object?>> Next(int count) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var first = _faker.Name.FirstName();
            var last = _faker.Name.LastName();
            var number = Interlocked.Increment(ref _next);
            return (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["email"] = $"{first}.{last}.{number}@{_faker.Internet.DomainName()}".ToLowerInvariant(),
                ["first_name"] = first,
                ["last_name"] = last,
            };
        }).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        await _start.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var counts = await _submitter.SubmitAsync(Next(_options.BatchSize), stoppingToken).ConfigureAwait(false);
                LogGenerated(_logger, counts.Written);
                await Task.Delay(_options.Interval, _clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
            {
                LogFailed(_logger, ex);
                await Task.Delay(_options.Interval, _clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Generated {Count} leads into Clay")]
    private static partial void LogGenerated(ILogger logger, int count);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Generating leads failed; trying again next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
