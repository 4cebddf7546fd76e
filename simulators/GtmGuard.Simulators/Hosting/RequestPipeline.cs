using GtmGuard.Simulators.Chaos;
using Microsoft.Extensions.Logging;
using WireMock;

namespace GtmGuard.Simulators.Hosting;

/// <summary>Every built-in route runs through auth → quota → chaos → vendor handler, in that order.</summary>
internal sealed partial class RequestPipeline
{
    private readonly IVendorDialect _dialect;
    private readonly ChaosEngine _chaos;
    private readonly SimulatorSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _vendor;

    public RequestPipeline(string vendor, IVendorDialect dialect, ChaosEngine chaos, SimulatorSettings settings, TimeProvider clock, ILogger logger)
    {
        _vendor = vendor;
        _dialect = dialect;
        _chaos = chaos;
        _settings = settings;
        _clock = clock;
        _logger = logger;
    }

    public async Task<IResponseMessage> HandleAsync(RouteMatch match, IRequestMessage message)
    {
        var request = new SimRequest(message, match.Values);
        var response = await RunAsync(match.Route, request).ConfigureAwait(false);
        _dialect.Decorate(request, response);
        return response.ToMessage();
    }

    private async Task<SimResponse> RunAsync(SimRoute route, SimRequest request)
    {
        if (request.BodyBytes.LongLength > _settings.MaxRequestBodyBytes)
        {
            return _dialect.PayloadTooLarge(_settings.MaxRequestBodyBytes);
        }

        if (route.Traits.HasFlag(RouteTraits.Authenticated) && _dialect.Authenticate(request) is { } denied)
        {
            return denied;
        }

        var quota = route.Traits.HasFlag(RouteTraits.Metered) && _settings.EnforceQuotas
            ? _dialect.Quota.TryConsume(route, request)
            : Quotas.QuotaDecision.Unmetered;
        var response = quota.Rejection is { } rejection
            ? _dialect.RateLimited(rejection)
            : await RunChaosAndHandlerAsync(route, request).ConfigureAwait(false);
        foreach (var (name, value) in quota.Headers)
        {
            response.Headers.TryAdd(name, value);
        }

        return response;
    }

    private async Task<SimResponse> RunChaosAndHandlerAsync(SimRoute route, SimRequest request)
    {
        var decision = route.Traits.HasFlag(RouteTraits.ChaosTarget) ? _chaos.Decide(route.Operation) : ChaosDecision.None;
        if (decision.Delay > TimeSpan.Zero)
        {
            await Task.Delay(decision.Delay, _clock).ConfigureAwait(false);
        }

        if (decision.Fault is { } fault)
        {
            LogChaos(_vendor, route.Operation, fault);
            if (Inject(fault, decision.Rule!) is { } injected)
            {
                return injected;
            }
        }

        try
        {
            return route.Handler(request);
        }
        catch (MalformedBodyException ex)
        {
            return _dialect.MalformedBody(ex.Message);
        }
        catch (UnsupportedMediaTypeException ex)
        {
            return _dialect.UnsupportedMediaType(ex.ContentType);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // What a handler throws while reading a body of the wrong shape (a JSON node of another kind than the field
            // takes, a number or date out of range): the request's fault, answered as the vendor answers a malformed body.
            return _dialect.MalformedBody(ex.Message);
        }
    }

    private SimResponse? Inject(ChaosFault fault, ChaosRule rule) => fault switch
    {
        ChaosFault.Unauthorized => _dialect.Unauthorized(Auth.TokenState.Expired),
        ChaosFault.Validation => _dialect.ValidationFailed(rule.Message ?? "Injected validation failure."),
        ChaosFault.RateLimit => _dialect.RateLimited(Quotas.QuotaRejection.Injected),
        ChaosFault.ServerError => _dialect.ServerError(500),
        ChaosFault.Unavailable or ChaosFault.Hang => _dialect.ServerError(503),
        ChaosFault.Malformed => SimResponse.Text(200, "{\"id\":\"", "application/json;charset=utf-8"),
        ChaosFault.Reset => SimResponse.ConnectionReset(),
        _ => null,
    };

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Chaos on {Vendor} {Operation}: {Fault}")]
    private partial void LogChaos(string vendor, string operation, ChaosFault fault);
}
