using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// Reads query parameters from the raw query string. WireMock splits values at commas, which would cut a
/// SOQL query or an <c>ids=a,b,c</c> list apart.
/// </summary>
internal static class SalesforceQueryString
{
    public static string? Get(SimRequest request, string name)
    {
        var separator = request.PathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }

        foreach (var pair in request.PathAndQuery[(separator + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(equals < 0 ? pair : pair[..equals]);
            if (key == name)
            {
                return equals < 0 ? string.Empty : Unescape(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    /// <summary>A comma-separated parameter as a list, empty entries dropped.</summary>
    public static IReadOnlyList<string> List(SimRequest request, string name) =>
        Get(request, name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
