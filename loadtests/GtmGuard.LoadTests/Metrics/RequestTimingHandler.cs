using System.Diagnostics;

namespace GtmGuard.LoadTests.Metrics;

/// <summary>
/// The innermost handler of every sync-core vendor client: times each attempt on the wire, tells retries from first
/// attempts (the resilience pipeline re-sends the same request message), counts rate limits (HubSpot's 429, Salesforce's
/// 403 <c>REQUEST_LIMIT_EXCEEDED</c>) and lets the scenario see what went through.
/// </summary>
internal sealed class RequestTimingHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<string> OperationKey = new("gtmguard.operation");
    private static readonly HttpRequestOptionsKey<bool> SeenKey = new("gtmguard.loadtests.seen");

    private readonly string _client;
    private readonly RunRecorder _recorder;
    private readonly IRequestObserver? _observer;

    public RequestTimingHandler(string client, RunRecorder recorder, IRequestObserver? observer)
    {
        _client = client;
        _recorder = recorder;
        _observer = observer;
    }

    /// <summary>Marks a request a client builds afresh for a retry, so it counts as one.</summary>
    public static void MarkRetry(HttpRequestMessage request) => request.Options.Set(SeenKey, true);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = _client + ":" + (request.Options.TryGetValue(OperationKey, out var name) ? name : request.Method.Method);
        var retry = request.Options.TryGetValue(SeenKey, out _);
        request.Options.Set(SeenKey, true);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _recorder.RecordRequest(operation, Stopwatch.GetElapsedTime(started), 0, retry, rateLimited: false);
            throw;
        }

        var status = (int)response.StatusCode;
        var rateLimited = status == 429 || (status == 403 && await IsRequestLimitAsync(response, cancellationToken).ConfigureAwait(false));
        _recorder.RecordRequest(operation, Stopwatch.GetElapsedTime(started), status, retry, rateLimited);
        if (_observer is not null && response.IsSuccessStatusCode)
        {
            await _observer.ObserveAsync(operation, request, response, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private static async Task<bool> IsRequestLimitAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body.Contains("REQUEST_LIMIT_EXCEEDED", StringComparison.Ordinal);
    }
}

/// <summary>Sees each successful vendor response, e.g. to mark the records a batch upsert wrote as done.</summary>
public interface IRequestObserver
{
    /// <summary><paramref name="operation"/> is <c>client:operation</c>, e.g. <c>gtmguard.hubspot:contacts.batch.upsert</c>.</summary>
    ValueTask ObserveAsync(string operation, HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken);
}
