using GtmGuard.Probes.Hosting;
using GtmGuard.Probes.Telemetry;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Clay;
using GtmGuard.Sync.Vendors.HubSpot;
using GtmGuard.Sync.Vendors.Outreach;
using GtmGuard.Sync.Vendors.Salesforce;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Probes.Checks;

/// <summary>
/// Runs a probe round at start and then every <see cref="ProbeOptions.Interval"/>: per enabled integration, in parallel,
/// the token check, the canary read and (opt-in) write-and-verify, each through the sync core's client and handler chain.
/// </summary>
internal sealed partial class ProbeRunner : BackgroundService
{
    private readonly IServiceProvider _core;
    private readonly ProbeOptions _options;
    private readonly ProbeMetrics _metrics;
    private readonly ProbeResults _results;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _oneRoundAtATime = new(1, 1);

    public ProbeRunner(SyncCoreServices core, IOptions<ProbeOptions> options, ProbeMetrics metrics, ProbeResults results, TimeProvider clock, ILogger<ProbeRunner> logger)
    {
        _core = core.Provider;
        _options = options.Value;
        _metrics = metrics;
        _results = results;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>One round over the enabled integrations, or only <paramref name="only"/>, after any round already running.</summary>
    public async Task RunRoundAsync(VendorId? only, CancellationToken cancellationToken)
    {
        await _oneRoundAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        await RunHeldRoundAsync(only, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Like <see cref="RunRoundAsync"/>, but returns false at once while another round runs: an on-demand round would
    /// only repeat its vendor writes and token rotations.
    /// </summary>
    public async Task<bool> TryRunRoundAsync(VendorId? only, CancellationToken cancellationToken)
    {
        if (!await _oneRoundAtATime.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await RunHeldRoundAsync(only, cancellationToken).ConfigureAwait(false);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, _clock);
        try
        {
            do
            {
                await RunRoundAsync(null, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs a round while holding the one-round lock, and releases it before readiness can see the round done.</summary>
    private async Task RunHeldRoundAsync(VendorId? only, CancellationToken cancellationToken)
    {
        try
        {
            var integrations = Enum.GetValues<VendorId>().Where(v => _options.For(v).Enabled && (only is null || only == v));
            await Task.WhenAll(integrations.Select(v => ProbeAsync(v, cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            _oneRoundAtATime.Release();
        }

        _results.CompleteRound();
    }

    public override void Dispose()
    {
        _oneRoundAtATime.Dispose();
        base.Dispose();
    }

    private async Task ProbeAsync(VendorId integration, CancellationToken cancellationToken)
    {
        IIntegrationProbe probe;
        try
        {
            probe = Create(integration);
        }
        catch (InvalidOperationException ex)
        {
            // An integration whose vendor is not configured is listed, not probed: failing it would only raise false alarms.
            _results.MarkUnavailable(integration, ex.Message);
            return;
        }

        var diagnostics = _core.GetRequiredService<VendorDiagnostics>();
        await RunCheckAsync(integration, ProbeCheck.Token, ct => diagnostics.CheckCredentialAsync(integration, _options.ForceTokenRefresh, ct), cancellationToken).ConfigureAwait(false);
        await RunCheckAsync(integration, ProbeCheck.Read, probe.ReadCanaryAsync, cancellationToken).ConfigureAwait(false);
        if (_options.For(integration).WriteAndVerify)
        {
            var stamp = "probe-" + _clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            await RunCheckAsync(integration, ProbeCheck.Write, ct => probe.WriteAndVerifyAsync(stamp, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    private IIntegrationProbe Create(VendorId integration) => integration switch
    {
        VendorId.HubSpot => new HubSpotProbe(_core.GetRequiredService<HubSpotClient>(), _options.HubSpot),
        VendorId.Salesforce => new SalesforceProbe(_core.GetRequiredService<SalesforceClient>(), _options.Salesforce),
        VendorId.Outreach => new OutreachProbe(_core.GetRequiredService<OutreachClient>(), _options.Outreach),
        VendorId.Clay => new ClayProbe(_core.GetRequiredService<ClayClient>(), _options.Clay),
        _ => throw new ArgumentOutOfRangeException(nameof(integration), integration, null),
    };

    private async Task RunCheckAsync(VendorId integration, string check, Func<CancellationToken, Task<VendorResult>> run, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CheckTimeout);
        var started = _clock.GetTimestamp();
        CheckResult result;
        try
        {
            var outcome = await run(timeout.Token).ConfigureAwait(false);
            result = new CheckResult(check, outcome.IsSuccess, _clock.GetElapsedTime(started), _clock.GetUtcNow(), outcome.Outcome.Label(), outcome.IsSuccess ? null : outcome.Error ?? $"HTTP {outcome.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new CheckResult(check, false, _clock.GetElapsedTime(started), _clock.GetUtcNow(), "timeout", $"No answer within {_options.CheckTimeout}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A client that throws (an open circuit, an unreachable instance) fails the check; the probe service carries on.
            result = new CheckResult(check, false, _clock.GetElapsedTime(started), _clock.GetUtcNow(), "error", ex.GetType().Name + ": " + ex.Message);
        }

        _results.Record(integration, result);
        _metrics.Record(integration, result);
        if (!result.Success)
        {
            LogCheckFailed(integration.Label(), check, result.Outcome, result.Error);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Probe {Integration}/{Check} failed: {Outcome} {Error}")]
    private partial void LogCheckFailed(string integration, string check, string outcome, string? error);
}
