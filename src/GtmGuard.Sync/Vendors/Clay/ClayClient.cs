using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Vendors.Clay;

/// <summary>Clay: submit rows to a table's webhook source for enrichment, and the Public API's <c>GET /me</c>.</summary>
public sealed partial class ClayClient
{
    private readonly VendorHttp _api;
    private readonly VendorHttp _webhook;
    private readonly ClayOptions _options;
    private readonly ILogger _logger;

    internal ClayClient(VendorHttp api, VendorHttp webhook, ClayOptions options, ILogger<ClayClient> logger)
    {
        _api = api;
        _webhook = webhook;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Posts rows (column name → value) to the webhook source, <see cref="ClayOptions.WebhookBatchSize"/> per request;
    /// identical rows in the call are sent once. Submissions cost no Clay credits but count against the source's
    /// lifetime cap of 50,000.
    /// </summary>
    public async Task<ClaySubmitResult> SubmitRowsAsync(IEnumerable<IReadOnlyDictionary<string, object?>> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var webhookUrl = _options.WebhookUrl ?? throw new InvalidOperationException($"{ClayOptions.Section}:WebhookUrl is not configured.");
        // Each unique row with its position in the input, so a failure names the caller's rows, not positions in this list.
        var unique = new List<(JsonObject Row, int Position)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        foreach (var row in rows)
        {
            var json = Row(row);
            if (seen.Add(json.ToJsonString()))
            {
                unique.Add((json, total));
            }

            total++;
        }

        var failures = new List<ClaySubmitFailure>();
        var submitted = 0;
        foreach (var chunk in unique.Chunk(_options.WebhookBatchSize))
        {
            JsonNode body = chunk.Length == 1 ? chunk[0].Row : new JsonArray(chunk.Select(r => (JsonNode)r.Row).ToArray());
            // Clay appends a row per submission: a resend after a lost answer would add the rows twice.
            using var request = VendorRequest.Create(HttpMethod.Post, webhookUrl, "webhook.submit", JsonBody.Of(body), ClayRegistration.WebhookLane).SendOnce();
            using var response = await _webhook.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                submitted += chunk.Length;
            }
            else
            {
                failures.Add(new ClaySubmitFailure([.. chunk.Select(r => r.Position)], response.Outcome, response.Error));
            }
        }

        LogSubmitted(submitted, total - unique.Count, failures.Sum(f => f.Count));
        return new ClaySubmitResult(submitted, total - unique.Count, failures);
    }

    /// <summary>The user and workspace the API key belongs to; a cheap way to check the key.</summary>
    public async Task<VendorResult<ClayMe>> GetMeAsync(CancellationToken cancellationToken = default)
    {
        using var request = VendorRequest.Create(HttpMethod.Get, "me", "me.get");
        return await _api.SendAsync(request, json =>
        {
            var body = JsonRead.Object(json, "The response");
            var user = JsonRead.Object(body["user"], "'user'");
            var workspace = body["workspace"] as JsonObject;
            return new ClayMe(JsonRead.String(user, "id"), JsonRead.OptionalString(user, "name"), workspace is null ? null : JsonRead.OptionalString(workspace, "id"));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Row(IReadOnlyDictionary<string, object?> row)
    {
        var json = new JsonObject();
        foreach (var (name, value) in row.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[name] = value is null ? null : JsonSerializer.SerializeToNode(value);
        }

        return json;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Clay: {Submitted} rows submitted, {Duplicates} duplicates skipped, {Failed} failed")]
    private partial void LogSubmitted(int submitted, int duplicates, int failed);
}
