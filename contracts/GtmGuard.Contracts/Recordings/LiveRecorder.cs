using System.Net.Http.Headers;
using GtmGuard.Contracts.Snapshots;

namespace GtmGuard.Contracts.Recordings;

/// <summary>
/// Records live responses: GETs every operation of the vendor's snapshots that names a safe sample request
/// (<c>x-gtmguard-live-sample</c>), with the token in <c>Authorization: Bearer</c> or the snapshot's
/// <c>x-gtmguard-live-auth-header</c>. Only reads; never writes to the vendor.
/// </summary>
public static class LiveRecorder
{
    public static async Task<Recording> RecordAsync(HttpClient http, Uri baseUrl, SnapshotSet snapshots, string vendor, string? token, CancellationToken cancellationToken = default)
    {
        var samples = snapshots.ForVendor(vendor)
            .SelectMany(s => s.Operations.Where(o => o.LiveSample is not null && o.Method == "GET").Select(o => (Snapshot: s, Operation: o)))
            .ToList();
        if (samples.Count == 0)
        {
            throw new RecordingException($"no snapshot of vendor '{vendor}' names a live sample (x-gtmguard-live-sample); known vendors: {string.Join(", ", snapshots.Vendors)}.");
        }

        var exchanges = new List<RecordedExchange>();
        var problems = new List<Findings.Finding>();
        foreach (var (snapshot, operation) in samples)
        {
            var url = new Uri(baseUrl, operation.LiveSample!.TrimStart('/'));
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(AcceptOf(operation)));
            if (!string.IsNullOrEmpty(token))
            {
                if (snapshot.LiveAuthHeader is { } header)
                {
                    request.Headers.TryAddWithoutValidation(header, token);
                }
                else
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }
            }

            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var headers = response.Headers.Concat(response.Content.Headers)
                    .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
                exchanges.Add(new RecordedExchange
                {
                    Source = Redacted(url).GetLeftPart(UriPartial.Path),
                    Vendor = vendor,
                    Method = "GET",
                    Url = Redacted(url).ToString(),
                    Status = (int)response.StatusCode,
                    ResponseBody = body.Length == 0 ? null : body,
                    ResponseContentType = response.Content.Headers.ContentType?.ToString(),
                    Headers = headers,
                });
            }
            catch (HttpRequestException ex)
            {
                throw new RecordingException($"{Redacted(url).GetLeftPart(UriPartial.Path)}: request failed: {ex.Message}", ex);
            }
        }

        return new Recording(exchanges, problems);
    }

    /// <summary>The URL without its user information: credentials in a <c>--live</c> URL never reach a report or a message.</summary>
    private static Uri Redacted(Uri url) =>
        url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;

    /// <summary>Asks for the media type the snapshot documents for success (Outreach wants <c>application/vnd.api+json</c>).</summary>
    private static string AcceptOf(SnapshotOperation operation) =>
        operation.Responses.Where(r => r.StatusKey.StartsWith('2')).SelectMany(r => r.Content.Keys).FirstOrDefault() ?? "application/json";
}
