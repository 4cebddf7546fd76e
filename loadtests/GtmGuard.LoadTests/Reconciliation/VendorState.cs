using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace GtmGuard.LoadTests.Reconciliation;

/// <summary>
/// Streams a simulator's records of one type from its control API (<c>GET /__gtmguard/state/{type}?offset=&amp;limit=</c>),
/// one page at a time and one record at a time within it, so neither side holds a store of millions whole.
/// </summary>
public static class VendorState
{
    public const int PageSize = 2000;

    public static async IAsyncEnumerable<JsonElement> StreamAsync(string baseUrl, string type, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        for (var offset = 0L; ; offset += PageSize)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"/__gtmguard/state/{type}?offset={offset}&limit={PageSize}");
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var count = 0;
            await foreach (var record in response.Content.ReadFromJsonAsAsyncEnumerable<JsonElement>(cancellationToken).ConfigureAwait(false))
            {
                count++;
                yield return record;
            }

            if (count < PageSize)
            {
                yield break;
            }
        }
    }
}
