using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Chaos;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Quotas;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Simulators.Webhooks;

/// <summary>
/// At-least-once webhook delivery for one simulator: batches published events per subscription, signs them,
/// retries on the vendor's schedule, and lets chaos duplicate, reorder, delay, drop, mis-sign or reshape them.
/// </summary>
public sealed partial class WebhookDispatcher : IAsyncDisposable
{
    private readonly string _vendor;
    private readonly IWebhookProtocol _protocol;
    private readonly ChaosEngine _chaos;
    private readonly WebhookSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, WebhookSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RollingWindowCounter> _rateLimits = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WebhookEvent> _published = new();
    private readonly PriorityQueue<PendingDelivery, DateTimeOffset> _scheduled = new();
    private readonly Lock _scheduleGate = new();
    private readonly WebhookDeliveryLog _log;
    private readonly SemaphoreSlim _concurrency;
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private Task? _worker;
    private long _deliverySequence;
    private int _disposed;

    // Deliveries between two of the collections above (dequeued, not yet scheduled or in flight), so Pending never dips to 0 mid hand-over.
    private int _inTransit;

    public WebhookDispatcher(string vendor, IWebhookProtocol protocol, ChaosEngine chaos, WebhookSettings settings, TimeProvider clock, ILogger logger)
    {
        _vendor = vendor;
        _protocol = protocol;
        _chaos = chaos;
        _settings = settings;
        _clock = clock;
        _logger = logger;
        _log = new WebhookDeliveryLog(settings.DeliveryLogSize);
        _concurrency = new SemaphoreSlim(settings.MaxConcurrentDeliveries);
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private long _lastSubscriptionNumber;

    public IReadOnlyCollection<WebhookSubscription> Subscriptions => _subscriptions.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();

    public WebhookDeliveryLog Log => _log;

    /// <summary>Deliveries waiting for their first attempt or a retry.</summary>
    public int Pending
    {
        get
        {
            lock (_scheduleGate)
            {
                return _scheduled.Count + _published.Count + _inFlight.Count + Volatile.Read(ref _inTransit);
            }
        }
    }

    /// <summary>Adds or replaces a subscription; targets off loopback are refused unless allowed by settings.</summary>
    public WebhookSubscription Subscribe(WebhookSubscription subscription)
    {
        if (!subscription.Target.IsAbsoluteUri || subscription.Target.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Webhook target '{subscription.Target}' must be an absolute http(s) URL.");
        }

        if (!_settings.AllowExternalTargets && !subscription.Target.IsLoopback)
        {
            throw new ArgumentException($"Webhook target '{subscription.Target}' is not on loopback; set Simulators:Webhooks:AllowExternalTargets to deliver elsewhere.");
        }

        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    public bool Unsubscribe(string id) => _subscriptions.TryRemove(id, out _);

    /// <summary>A subscription id no subscription holds: numbered on, never reused after a removal.</summary>
    public string NextSubscriptionId(string vendor)
    {
        while (true)
        {
            var id = $"{vendor}-sub-{Interlocked.Increment(ref _lastSubscriptionNumber)}";
            if (!_subscriptions.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>Queues an event for every subscription that accepts it.</summary>
    public void Publish(WebhookEvent @event)
    {
        if (_subscriptions.IsEmpty)
        {
            return;
        }

        _published.Enqueue(@event);
        _wakeUp.Release();
    }

    public void Start() => _worker ??= Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Forgets queued deliveries and the log; subscriptions stay.</summary>
    public void Clear()
    {
        lock (_scheduleGate)
        {
            _scheduled.Clear();
            _published.Clear();
        }

        _log.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_worker is not null)
        {
            await _worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(_inFlight.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _http.Dispose();
        _stopping.Dispose();
        _concurrency.Dispose();
        _wakeUp.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                ScheduleNewEvents();
                StartDueDeliveries(stopping);
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var sleep = Task.Delay(_settings.Tick, _clock, tick.Token);
                await Task.WhenAny(sleep, _wakeUp.WaitAsync(tick.Token)).ConfigureAwait(false);
                await tick.CancelAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogWorkerError(_logger, _vendor, ex);
            }
        }
    }

    private void ScheduleNewEvents()
    {
        Interlocked.Increment(ref _inTransit);
        try
        {
            ScheduleNewEventsCore();
        }
        finally
        {
            Interlocked.Decrement(ref _inTransit);
        }
    }

    private void ScheduleNewEventsCore()
    {
        var batches = new Dictionary<string, List<WebhookEvent>>(StringComparer.Ordinal);
        while (_published.TryDequeue(out var @event))
        {
            foreach (var subscription in _subscriptions.Values)
            {
                if (@event.SubscriptionId is { } only ? only == subscription.Id : subscription.Accepts(@event))
                {
                    (batches.TryGetValue(subscription.Id, out var list) ? list : batches[subscription.Id] = []).Add(@event);
                }
            }
        }

        var now = _clock.GetUtcNow();
        foreach (var (subscriptionId, events) in batches)
        {
            var subscription = _subscriptions[subscriptionId];
            foreach (var chunk in events.Chunk(_protocol.MaxEventsPerMessage))
            {
                var chaos = _chaos.DecideWebhook();
                var delivery = new PendingDelivery(NextId(), subscription, chunk, chaos.Drifts, chaos.CorruptSignature, Duplicate: false) { DropNext = chaos.DropFirstAttempt };
                Schedule(delivery, now + chaos.Delay);
                if (chaos.DuplicateAfter is { } after)
                {
                    Schedule(delivery with { Id = NextId(), Duplicate = true, DropNext = false }, now + chaos.Delay + after);
                }
            }
        }
    }

    private void StartDueDeliveries(CancellationToken stopping)
    {
        var now = _clock.GetUtcNow();
        while (true)
        {
            PendingDelivery? due;
            lock (_scheduleGate)
            {
                if (!_scheduled.TryPeek(out due, out var at) || at > now)
                {
                    return;
                }

                _scheduled.Dequeue();
                Interlocked.Increment(ref _inTransit);
            }

            if (due.Subscription.RateLimit is { } limit)
            {
                var window = _rateLimits.GetOrAdd(due.Subscription.Id, _ => new RollingWindowCounter(limit.Per, 100));
                if (!window.TryAcquire(now, limit.Requests).Acquired)
                {
                    Schedule(due, window.OldestExpiry(now));
                    Interlocked.Decrement(ref _inTransit);
                    continue;
                }
            }

            var task = AttemptAsync(due, stopping);
            _inFlight[task] = 0;
            Interlocked.Decrement(ref _inTransit);
            _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task AttemptAsync(PendingDelivery delivery, CancellationToken stopping)
    {
        await _concurrency.WaitAsync(stopping).ConfigureAwait(false);
        try
        {
            var started = _clock.GetUtcNow();
            var (outcome, status, error, duration) = delivery.DropNext
                ? (WebhookDeliveryAttempt.Dropped, (int?)null, "dropped by chaos", 0.0)
                : await SendAsync(delivery, started, stopping).ConfigureAwait(false);
            _log.Add(new WebhookDeliveryAttempt(
                delivery.Id, delivery.Subscription.Id, delivery.Subscription.Target.ToString(), delivery.Events.Select(e => e.EventId).ToArray(),
                delivery.Attempt, outcome, status, started, duration, delivery.Duplicate, delivery.CorruptSignature, error));
            if (outcome != WebhookDeliveryAttempt.Delivered && ShouldRetry(delivery, outcome))
            {
                var delay = _protocol.RetryPolicy.Delays[delivery.Attempt] / _settings.TimeCompression;
                Schedule(delivery with { Attempt = delivery.Attempt + 1, DropNext = false }, _clock.GetUtcNow() + delay);
            }
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private bool ShouldRetry(PendingDelivery delivery, string outcome) =>
        delivery.Attempt < _protocol.RetryPolicy.Delays.Count
        && (outcome != WebhookDeliveryAttempt.Failed || _protocol.RetryPolicy.RetryOnHttpError);

    private async Task<(string Outcome, int? Status, string? Error, double DurationMs)> SendAsync(PendingDelivery delivery, DateTimeOffset now, CancellationToken stopping)
    {
        var events = delivery.Events.Select(e =>
        {
            var copy = (JsonObject)e.Payload.DeepClone();
            foreach (var drift in delivery.Drifts)
            {
                PayloadDriftApplier.Apply(copy, drift);
            }

            return copy;
        }).ToList();
        var body = JsonSerializer.SerializeToUtf8Bytes(_protocol.Envelope(events, delivery.Attempt, now), SimJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Subscription.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(_protocol.ContentType);
        _protocol.Sign(request, body, delivery.Subscription, now);
        if (delivery.CorruptSignature)
        {
            WebhookSignatures.Corrupt(request);
        }

        var stopwatch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_protocol.RetryPolicy.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return (response.IsSuccessStatusCode ? WebhookDeliveryAttempt.Delivered : WebhookDeliveryAttempt.Failed, status, null, stopwatch.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return (WebhookDeliveryAttempt.Timeout, null, $"no answer within {_protocol.RetryPolicy.Timeout.TotalSeconds:0.#} s", stopwatch.Elapsed.TotalMilliseconds);
        }
        catch (HttpRequestException ex)
        {
            return (WebhookDeliveryAttempt.NetworkError, null, ex.Message, stopwatch.Elapsed.TotalMilliseconds);
        }
    }

    private void Schedule(PendingDelivery delivery, DateTimeOffset at)
    {
        lock (_scheduleGate)
        {
            _scheduled.Enqueue(delivery, at);
        }
    }

    private string NextId() => $"{_vendor}-d{Interlocked.Increment(ref _deliverySequence)}";

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Webhook worker of {Vendor} failed; it keeps running")]
    private static partial void LogWorkerError(ILogger logger, string vendor, Exception exception);

    private sealed record PendingDelivery(
        string Id,
        WebhookSubscription Subscription,
        IReadOnlyList<WebhookEvent> Events,
        IReadOnlyList<PayloadDrift> Drifts,
        bool CorruptSignature,
        bool Duplicate)
    {
        public int Attempt { get; init; }

        public bool DropNext { get; init; }
    }
}
