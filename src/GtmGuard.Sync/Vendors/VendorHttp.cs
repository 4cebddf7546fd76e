using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Vendors;

/// <summary>
/// Sends a typed client's request through the vendor's handler chain and turns whatever happens into a value:
/// a classified response, or the outcome of a transport failure. Only the caller's own cancellation throws.
/// </summary>
internal sealed class VendorHttp
{
    private readonly VendorId _vendor;

    public VendorHttp(VendorId vendor, HttpClient http)
    {
        _vendor = vendor;
        Http = http;
    }

    public HttpClient Http { get; }

    public async Task<VendorResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OutcomeClassifier.TryClassify(ex, cancellationToken, out var failure))
        {
            return new VendorResponse(failure, null, Describe(ex));
        }

        var outcome = await OutcomeClassifier.ClassifyAsync(_vendor, response, cancellationToken).ConfigureAwait(false);
        var error = outcome == VendorOutcome.Success ? null : VendorErrorText.From(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return new VendorResponse(outcome, response, error);
    }

    /// <summary>Sends and parses a JSON success body; an unexpected body shape ends as ServerError.</summary>
    public async Task<VendorResult<T>> SendAsync<T>(HttpRequestMessage request, Func<JsonNode, T> parse, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return response.Failure<T>();
        }

        return await ParseAsync(response, parse, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<VendorResult<T>> ParseAsync<T>(VendorResponse response, Func<JsonNode, T> parse, CancellationToken cancellationToken)
    {
        try
        {
            return new VendorResult<T>(VendorOutcome.Success, parse(await response.JsonAsync(cancellationToken).ConfigureAwait(false)), response.Status);
        }
        catch (MalformedResponseException ex)
        {
            return Malformed<T>(response.Status, ex.Message);
        }
    }

    public static VendorResult<T> Malformed<T>(int? status, string problem) =>
        new(VendorOutcome.ServerError, default, status, "Malformed success body: " + problem);

    private static string Describe(Exception exception) => exception switch
    {
        Auth.TokenRequestException token => token.Message,
        Polly.CircuitBreaker.BrokenCircuitException => "The circuit is open: recent calls to this vendor failed; not calling it for now.",
        Polly.Timeout.TimeoutRejectedException => "Timed out: " + exception.Message,
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
