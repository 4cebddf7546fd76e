using System.Text.Json;
using GtmGuard.Contracts.Sampling;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Webhooks;

/// <summary>
/// One delivery's path: read the raw body (bounded), verify, parse, write to the inbox, and only then answer 2xx.
/// Anything refused (401, 400, 413) stores nothing; a store failure or a full inbox queue answers 503 so the vendor retries.
/// Appends go through <see cref="InboxAppendBatcher"/>, which commits concurrent deliveries together (group commit).
/// </summary>
internal sealed partial class WebhookIntake(
    InboxAppendBatcher inbox,
    WebhookMetrics metrics,
    InboxSignal signal,
    TimeProvider clock,
    IOptions<WebhookIntakeOptions> options,
    ILogger<WebhookIntake> logger,
    ContractSampler? sampler = null)
{
    /// <summary>How long a vendor should wait after a 503; a queue drains or a commit recovers within about a second.</summary>
    private const string RetryAfterSeconds = "1";

    public async Task<IResult> AcceptAsync(HttpContext context, IWebhookSource source)
    {
        var vendor = source.Vendor.Label();
        if (!source.Enabled)
        {
            return Error(StatusCodes.Status404NotFound, "vendor_disabled", $"The {vendor} intake is disabled (Sync:Intake:{source.Vendor}:Enabled).");
        }

        var body = await ReadBodyAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"Bodies are limited to {options.Value.MaxBodyBytes} bytes.");
        }

        var now = clock.GetUtcNow();
        if (source.Verify(context.Request, body, now) is { } failure)
        {
            metrics.Record(source.Vendor, WebhookEventResult.BadSignature);
            LogRefused(logger, vendor, failure);
            return Error(StatusCodes.Status401Unauthorized, "invalid_signature", $"Refused: {failure}.");
        }

        var parsed = Parse(source, context.Request, body, now);
        if (parsed.Error is { } malformed)
        {
            metrics.Record(source.Vendor, WebhookEventResult.Malformed);
            LogMalformed(logger, vendor, malformed);
            return Error(StatusCodes.Status400BadRequest, "malformed_body", malformed);
        }

        InboxAppendResult stored;
        try
        {
            stored = await inbox.AppendAsync(parsed.Events, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InboxBusyException ex)
        {
            LogInboxBusy(logger, vendor, ex.Message);
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return Error(StatusCodes.Status503ServiceUnavailable, "inbox_busy", $"{ex.Message} Retry later.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(logger, vendor, ex);
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return Error(StatusCodes.Status503ServiceUnavailable, "inbox_unavailable", "The inbox could not store the delivery; retry later.");
        }

        // Live contract sampling of webhook payloads, after the delivery is safe in the inbox; it never fails a delivery.
        sampler?.SampleWebhook(vendor, System.Text.Encoding.UTF8.GetString(body));
        metrics.Record(source.Vendor, WebhookEventResult.Accepted, stored.Accepted);
        metrics.Record(source.Vendor, WebhookEventResult.Duplicate, stored.Duplicates);
        if (stored.Accepted > 0)
        {
            signal.Notify();
        }

        return Results.Ok(new WebhookAck(stored.Accepted, stored.Duplicates));
    }

    private static WebhookParseResult Parse(IWebhookSource source, HttpRequest request, byte[] body, DateTimeOffset now)
    {
        try
        {
            return source.Parse(request, body, now);
        }
        catch (JsonException ex)
        {
            return WebhookParseResult.Malformed($"The body is not valid JSON ({ex.Message}).");
        }
        catch (InvalidOperationException ex)
        {
            // JsonDocument reads text lazily: invalid UTF-8 or a lone surrogate in a string surfaces only when a
            // source reads that string. The vendor must not retry a body that can never be stored.
            return WebhookParseResult.Malformed($"The body holds text that is not valid UTF-8 or UTF-16 ({ex.Message}).");
        }
    }

    /// <summary>The raw body, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            // The usual case: the length is declared, so read straight into one array of that size.
            return length > limit ? null : await ReadDeclaredAsync(request.Body, (int)length, cancellationToken).ConfigureAwait(false);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads up to the declared <paramref name="length"/>; a body that ends early yields what arrived, as before.</summary>
    private static async Task<byte[]> ReadDeclaredAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        var filled = await body.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return filled == length ? bytes : bytes[..filled];
    }

    private static IResult Error(int status, string code, string message) => Results.Json(new WebhookError(code, message), statusCode: status);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Webhook delivery from {Vendor} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string vendor, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Webhook delivery from {Vendor} has a malformed body: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string vendor, string problem);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Webhook delivery from {Vendor} answered 503: {Reason}")]
    private static partial void LogInboxBusy(ILogger logger, string vendor, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Webhook delivery from {Vendor} could not be stored; answered 503")]
    private static partial void LogStoreFailed(ILogger logger, string vendor, Exception exception);
}
