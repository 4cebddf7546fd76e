using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace GtmGuard.Sync.Quotas;

/// <summary>Salesforce's <c>Sforce-Limit-Info: api-usage=USED/LIMIT</c> on every REST response (vendor-facts §1.8).</summary>
internal static partial class SalesforceUsageHeaders
{
    public const string LimitInfo = "Sforce-Limit-Info";

    public static IEnumerable<QuotaObservation> Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (!headers.TryGetValues(LimitInfo, out var values))
        {
            yield break;
        }

        foreach (var value in values)
        {
            var match = ApiUsage().Match(value);
            if (match.Success
                && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var used)
                && long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            {
                yield return new QuotaObservation(QuotaWindowNames.Daily, Math.Max(0, limit - used), limit);
                yield break;
            }
        }
    }

    // Anchored so the historical per-app-api-usage=n/m(appName=…) entry is not read as the org's usage.
    [GeneratedRegex(@"(?:^|[;,\s])api-usage=(\d+)/(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ApiUsage();
}
