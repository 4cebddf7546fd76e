using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Webhooks;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// The tables' HTTP API columns as webhook subscriptions: one per table with a callback URL, paced by the
/// column's request limit. Each change gets a new subscription id so the dispatcher's rate window starts afresh.
/// </summary>
internal sealed class ClayCallbacks
{
    private readonly WebhookDispatcher _dispatcher;
    private readonly ClayTables _tables;

    // Kept after a subscription is replaced so its retries still carry the headers they were queued with.
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _headers = new(StringComparer.Ordinal);
    private long _version;

    public ClayCallbacks(WebhookDispatcher dispatcher, ClayTables tables)
    {
        _dispatcher = dispatcher;
        _tables = tables;
    }

    /// <summary>Points the table's HTTP API column at <paramref name="url"/>; throws <see cref="ArgumentException"/> for targets the dispatcher refuses.</summary>
    public ClayCallbackTarget Set(ClayTable table, Uri url, int requests, TimeSpan per, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1);
        if (per <= TimeSpan.Zero)
        {
            throw new ArgumentException("The request limit's duration must be positive.", nameof(per));
        }

        var id = $"clay-callback-{table.Id}-{Interlocked.Increment(ref _version)}";
        _dispatcher.Subscribe(new WebhookSubscription(id, url, string.Empty, new HashSet<string>(StringComparer.Ordinal) { EventType(table) })
        {
            RateLimit = new WebhookRateLimit(requests, per),
        });
        var target = new ClayCallbackTarget(url, requests, per, new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase), id);
        _headers[id] = target.Headers;
        ClayCallbackTarget? previous;
        lock (_tables.Gate)
        {
            previous = table.Callback;
            table.Callback = target;
        }

        if (previous is not null)
        {
            _dispatcher.Unsubscribe(previous.SubscriptionId);
        }

        return target;
    }

    public bool Remove(ClayTable table)
    {
        ClayCallbackTarget? previous;
        lock (_tables.Gate)
        {
            previous = table.Callback;
            table.Callback = null;
        }

        return previous is not null && _dispatcher.Unsubscribe(previous.SubscriptionId);
    }

    /// <summary>Queues the row for the table's callback, if it has one.</summary>
    public void Publish(ClayTable table, ClayRow row, DateTimeOffset now)
    {
        JsonObject payload;
        lock (_tables.Gate)
        {
            if (table.Callback is null)
            {
                return;
            }

            payload = row.ToJson();
        }

        _dispatcher.Publish(new WebhookEvent($"{row.Id}@{now.ToUnixTimeMilliseconds()}", row.Id, EventType(table), now, payload));
    }

    /// <summary>The headers configured on the column whose subscription this is.</summary>
    public IReadOnlyDictionary<string, string>? HeadersFor(string subscriptionId) => _headers.GetValueOrDefault(subscriptionId);

    private static string EventType(ClayTable table) => $"clay.{table.Id}.row";
}
