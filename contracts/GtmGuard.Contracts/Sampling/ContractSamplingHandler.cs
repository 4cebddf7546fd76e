namespace GtmGuard.Contracts.Sampling;

/// <summary>
/// A handler for a vendor's <c>HttpClient</c> pipeline: offers each response to the <see cref="ContractSampler"/>; only
/// a sampled response is buffered and validated, and nothing about the call changes — sampling never fails a call.
/// </summary>
public sealed class ContractSamplingHandler : DelegatingHandler
{
    private readonly ContractSampler _sampler;
    private readonly string _vendor;

    public ContractSamplingHandler(ContractSampler sampler, string vendor)
    {
        _sampler = sampler;
        _vendor = vendor;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri is not { } uri || !_sampler.ShouldSample(_vendor))
        {
            return response;
        }

        try
        {
            // Buffering keeps the body readable by the caller after the sampler has read it.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var contentType = response.Content.Headers.ContentType?.ToString();
            _sampler.Validate(_vendor, body, () => ContractSampler.Response(_vendor, request.Method.Method, uri.AbsolutePath, (int)response.StatusCode, body, contentType));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            // A body that can't be read is the caller's problem to meet, not the sampler's.
        }

        return response;
    }
}
