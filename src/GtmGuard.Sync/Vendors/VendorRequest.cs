namespace GtmGuard.Sync.Vendors;

/// <summary>Per-request facts the typed clients set for the handlers: the operation name (a metric label) and the quota lane.</summary>
internal static class VendorRequest
{
    public const string DefaultLane = "";

    private static readonly HttpRequestOptionsKey<string> OperationKey = new("gtmguard.operation");
    private static readonly HttpRequestOptionsKey<string> LaneKey = new("gtmguard.quotaLane");
    private static readonly HttpRequestOptionsKey<bool> SendOnceKey = new("gtmguard.sendOnce");

    public static HttpRequestMessage Create(HttpMethod method, string uri, string operation, HttpContent? content = null, string lane = DefaultLane)
    {
        var request = new HttpRequestMessage(method, new Uri(uri, UriKind.RelativeOrAbsolute)) { Content = content };
        request.Options.Set(OperationKey, operation);
        request.Options.Set(LaneKey, lane);
        return request;
    }

    /// <summary>The bounded operation name, e.g. <c>contacts.batch.upsert</c>; never an id or an email.</summary>
    public static string Operation(HttpRequestMessage request) =>
        request.Options.TryGetValue(OperationKey, out var operation) ? operation : "unknown";

    public static string Lane(HttpRequestMessage request) =>
        request.Options.TryGetValue(LaneKey, out var lane) ? lane : DefaultLane;

    /// <summary>
    /// Marks a request that must not be sent twice once the vendor may have acted on it: a Clay webhook POST appends rows
    /// per submission, and a refresh-token grant may rotate the token, so a lost answer must not be followed by a resend.
    /// Such a request is retried only when the vendor refused it outright (429).
    /// </summary>
    public static HttpRequestMessage SendOnce(this HttpRequestMessage request)
    {
        request.Options.Set(SendOnceKey, true);
        return request;
    }

    public static bool IsSendOnce(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(SendOnceKey, out var once) && once;
}
