using System.Net.Http.Json;
using System.Text.Json;

namespace GtmGuard.LoadTests.Reconciliation;

/// <summary>Streams a simulator's records of one type from its control API (<c>GET /__gtmguard/state/{type}</c>), one at a time.</summary>
public static class VendorState
{
    public static async IAsyncEnumerable<JsonElement> StreamAsync(string baseUrl, string type, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        using var response = await http.GetAsync(new Uri("/__gtmguard/state/" + type, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await foreach (var record in response.Content.ReadFromJsonAsAsyncEnumerable<JsonElement>(cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }
}
