using Microsoft.Extensions.Http;

namespace GtmGuard.LoadTests.Metrics;

/// <summary>
/// Appends <see cref="RequestTimingHandler"/> to every named client the sync core registers, after the client's own
/// handlers, so it sits innermost, beside the wire: the sync core itself is not changed to be measured.
/// </summary>
internal sealed class RequestTimingFilter : IHttpMessageHandlerBuilderFilter
{
    private readonly RunRecorder _recorder;
    private readonly IRequestObserver? _observer;

    public RequestTimingFilter(RunRecorder recorder, IRequestObserver? observer)
    {
        _recorder = recorder;
        _observer = observer;
    }

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is { } name && name.StartsWith("gtmguard.", StringComparison.Ordinal))
        {
            builder.AdditionalHandlers.Add(new RequestTimingHandler(name, _recorder, _observer));
        }
    };
}
