using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace GtmGuard.Sync.Resilience;

/// <summary>
/// The two Polly pipelines around a vendor call: the call pipeline (total timeout → retry → circuit breaker) outside
/// the quota handler, and the attempt timeout inside it, so waiting for a permit never counts as a slow vendor.
/// </summary>
internal static partial class VendorPipelines
{
    public static void ConfigureCall(ResiliencePipelineBuilder<HttpResponseMessage> builder, VendorId vendor, VendorResilienceOptions options, TimeProvider clock, ILogger logger)
    {
        var jitter = Jitter(options.JitterSeed);
        builder
            .AddTimeout(new TimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout })
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                // Polly needs at least one; zero retries is ShouldRetryAsync refusing every outcome.
                MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                Randomizer = jitter,
                ShouldHandle = args => ShouldRetryAsync(vendor, args.Outcome, args.AttemptNumber, options, clock, args.Context.GetRequestMessage(), args.Context.CancellationToken),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response && RetryAfter.TryGet(response, clock, out var delay) ? delay : (TimeSpan?)null),
                OnRetry = args =>
                {
                    LogRetry(logger, vendor.Label(), args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "breaker",
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                ShouldHandle = async args => args.Outcome.Exception is { } ex
                    ? OutcomeClassifier.TryClassify(ex, args.Context.CancellationToken, out var failure) && OutcomeClassifier.IsFailure(failure)
                    : OutcomeClassifier.IsFailure(await OutcomeClassifier.ClassifyAsync(vendor, args.Outcome.Result!, args.Context.CancellationToken).ConfigureAwait(false)),
                OnOpened = args =>
                {
                    LogOpened(logger, vendor.Label(), args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogClosed(logger, vendor.Label());
                    return ValueTask.CompletedTask;
                },
            });
    }

    public static void ConfigureAttempt(ResiliencePipelineBuilder<HttpResponseMessage> builder, VendorResilienceOptions options) =>
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });

    /// <summary>A small retry for token endpoints, which sit outside the call pipeline.</summary>
    public static void ConfigureToken(ResiliencePipelineBuilder<HttpResponseMessage> builder, VendorId vendor, VendorResilienceOptions options, TimeProvider clock, ILogger logger)
    {
        builder
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "token-retry",
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                Randomizer = Jitter(options.JitterSeed),
                ShouldHandle = args => ShouldRetryAsync(vendor, args.Outcome, args.AttemptNumber, options, clock, args.Context.GetRequestMessage(), args.Context.CancellationToken),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response && RetryAfter.TryGet(response, clock, out var delay) ? delay : (TimeSpan?)null),
                OnRetry = args =>
                {
                    LogRetry(logger, vendor.Label(), args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }

    /// <summary>
    /// Retries rate limits, server errors, timeouts and network failures — never validation, not found or
    /// unauthorized — and gives up early when the vendor asks for a wait longer than the call may take.
    /// </summary>
    private static async ValueTask<bool> ShouldRetryAsync(
        VendorId vendor, Outcome<HttpResponseMessage> outcome, int attempt, VendorResilienceOptions options, TimeProvider clock, HttpRequestMessage? request, CancellationToken cancellationToken)
    {
        if (attempt >= options.MaxRetryAttempts)
        {
            return false;
        }

        if (VendorRequest.IsSendOnce(request) && outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests)
        {
            // The vendor may have acted on it (a timeout, a reset, a 5xx): sending it again could duplicate its effect.
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            return exception is not BrokenCircuitException
                && OutcomeClassifier.TryClassify(exception, cancellationToken, out var failure)
                && OutcomeClassifier.IsTransient(failure);
        }

        var response = outcome.Result!;
        if (!OutcomeClassifier.IsTransient(await OutcomeClassifier.ClassifyAsync(vendor, response, cancellationToken).ConfigureAwait(false)))
        {
            return false;
        }

        return !RetryAfter.TryGet(response, clock, out var wait) || wait <= options.MaxRetryAfter;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name : ((int)outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Func<double> Jitter(int? seed)
    {
        var random = seed is { } value ? new Random(value) : new Random();
        var gate = new Lock();
        return () =>
        {
            lock (gate)
            {
                return random.NextDouble();
            }
        };
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Resilience {Vendor}: attempt {Attempt} in {Delay} after {Outcome}")]
    private static partial void LogRetry(ILogger logger, string vendor, int attempt, TimeSpan delay, string outcome);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Resilience {Vendor}: circuit opened for {BreakDuration}")]
    private static partial void LogOpened(ILogger logger, string vendor, TimeSpan breakDuration);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Resilience {Vendor}: circuit closed")]
    private static partial void LogClosed(ILogger logger, string vendor);
}
