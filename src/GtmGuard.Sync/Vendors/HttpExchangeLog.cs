namespace GtmGuard.Sync.Vendors;

/// <summary>
/// Collects the vendor exchanges made by the code running inside <see cref="Begin"/> (the async flow, token refreshes
/// included), so a write that fails for good can be dead-lettered with exactly what was sent and answered. Outside a
/// scope nothing is recorded.
/// </summary>
public sealed class HttpExchangeLog : IDisposable
{
    private static readonly AsyncLocal<HttpExchangeLog?> Scope = new();

    private readonly HttpExchangeLog? _outer;
    private readonly List<HttpExchange> _exchanges = [];
    private readonly Lock _gate = new();

    private HttpExchangeLog(HttpExchangeLog? outer) => _outer = outer;

    /// <summary>The log of the current async flow, or null.</summary>
    public static HttpExchangeLog? Current => Scope.Value;

    /// <summary>Exchanges recorded so far (a mark for <see cref="LastSince"/>).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _exchanges.Count;
            }
        }
    }

    /// <summary>Starts recording for the current async flow until disposed.</summary>
    public static HttpExchangeLog Begin()
    {
        var log = new HttpExchangeLog(Scope.Value);
        Scope.Value = log;
        return log;
    }

    internal void Add(HttpExchange exchange)
    {
        lock (_gate)
        {
            _exchanges.Add(exchange);
        }
    }

    /// <summary>
    /// The exchange that decided an outcome: the last one from <paramref name="mark"/> on (the final attempt), or, with
    /// <paramref name="about"/>, the last whose request or response mentions it (a batch's call holding that record).
    /// </summary>
    public HttpExchange? LastSince(int mark, string? about = null)
    {
        lock (_gate)
        {
            var recent = _exchanges.Skip(mark).ToList();
            return (about is null ? null : recent.LastOrDefault(e => Mentions(e, about))) ?? recent.LastOrDefault();
        }
    }

    private static bool Mentions(HttpExchange exchange, string text) =>
        (exchange.Request.Body?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || (exchange.Response?.Body?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);

    public void Dispose() => Scope.Value = _outer;
}
