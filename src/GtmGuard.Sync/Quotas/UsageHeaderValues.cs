using System.Globalization;
using System.Net.Http.Headers;

namespace GtmGuard.Sync.Quotas;

internal static class UsageHeaderValues
{
    /// <summary>The first value of a header as a non-negative integer, or null when absent or unreadable.</summary>
    public static long? Long(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
