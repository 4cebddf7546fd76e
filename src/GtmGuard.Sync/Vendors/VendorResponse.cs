using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Vendors;

/// <summary>A vendor answer with its outcome; <see cref="Message"/> is null when no response arrived.</summary>
internal sealed class VendorResponse : IDisposable
{
    public VendorResponse(VendorOutcome outcome, HttpResponseMessage? message, string? error)
    {
        Outcome = outcome;
        Message = message;
        Error = error;
    }

    public VendorOutcome Outcome { get; }

    public HttpResponseMessage? Message { get; }

    public string? Error { get; }

    public int? Status => Message is null ? null : (int)Message.StatusCode;

    public bool IsSuccess => Outcome == VendorOutcome.Success;

    public VendorResult<T> Failure<T>() => new(Outcome, default, Status, Error);

    public VendorResult Result() => new(Outcome, Status, Error);

    /// <summary>The body as JSON; a body that is not JSON is a <see cref="MalformedResponseException"/>.</summary>
    public async Task<JsonNode> JsonAsync(CancellationToken cancellationToken)
    {
        var body = Message is null ? string.Empty : await Message.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(body) ?? throw new MalformedResponseException("The body is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new MalformedResponseException($"The body is not JSON: {ex.Message}");
        }
    }

    public Task<string> TextAsync(CancellationToken cancellationToken) =>
        Message is null ? Task.FromResult(string.Empty) : Message.Content.ReadAsStringAsync(cancellationToken);

    public void Dispose() => Message?.Dispose();
}
