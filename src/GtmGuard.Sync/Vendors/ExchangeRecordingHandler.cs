using System.Text;
using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Vendors;

/// <summary>
/// Records each attempt's request and response (method, URL, headers, body; status, headers, body) into the current
/// <see cref="HttpExchangeLog"/>, when there is one. Bodies are buffered so the caller still reads them; each is kept up to
/// <see cref="MaxBodyChars"/> characters.
/// </summary>
internal sealed class ExchangeRecordingHandler : DelegatingHandler
{
    public const int MaxBodyChars = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (HttpExchangeLog.Current is not { } log)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var requestBody = await BodyAsync(request.Content, cancellationToken).ConfigureAwait(false);
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri?.ToString() ?? string.Empty, Headers(request.Headers, request.Content), requestBody);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log.Add(new HttpExchange(recorded, new RecordedResponse(0, new Dictionary<string, string>(), $"no response: {ex.GetType().Name}: {ex.Message}")));
            throw;
        }

        var responseBody = await BodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
        log.Add(new HttpExchange(recorded, new RecordedResponse((int)response.StatusCode, Headers(response.Headers, response.Content), responseBody)));
        return response;
    }

    private static async Task<string?> BodyAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length <= MaxBodyChars ? text : text[..MaxBodyChars] + $"… [{text.Length - MaxBodyChars} more characters not kept]";
    }

    private static Dictionary<string, string> Headers(System.Net.Http.Headers.HttpHeaders headers, HttpContent? content)
    {
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers.NonValidated)
        {
            all[name] = Join(values);
        }

        if (content is not null)
        {
            foreach (var (name, values) in content.Headers.NonValidated)
            {
                all[name] = Join(values);
            }
        }

        return all;
    }

    private static string Join(System.Net.Http.Headers.HeaderStringValues values)
    {
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            builder.Append(builder.Length == 0 ? string.Empty : ", ").Append(value);
        }

        return builder.ToString();
    }
}
