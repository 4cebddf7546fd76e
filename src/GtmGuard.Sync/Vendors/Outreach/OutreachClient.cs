using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Vendors.Outreach;

/// <summary>
/// Outreach API v2 (JSON:API, <c>application/vnd.api+json</c>): find a prospect by email, create or update it idempotently
/// (search, then create; a lost race's 422 "email hash has already been taken" turns into search and update), enroll it in a
/// sequence (already enrolled counts as done), list and delete its sequence states.
/// </summary>
public sealed partial class OutreachClient
{
    internal const string MediaType = "application/vnd.api+json";

    private const string TakenEmail = "email hash has already been taken";

    private readonly VendorHttp _http;
    private readonly ILogger _logger;

    internal OutreachClient(VendorHttp http, ILogger<OutreachClient> logger)
    {
        _http = http;
        _logger = logger;
    }

    /// <summary>The prospect with this email (<c>filter[emails]</c>), or NotFound.</summary>
    public async Task<VendorResult<OutreachProspect>> FindProspectByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        using var request = Request(HttpMethod.Get, $"prospects?filter[emails]={Uri.EscapeDataString(email.Trim())}&page[size]=1", "prospects.list");
        var found = await _http.SendAsync(request, json => JsonRead.Array(JsonRead.Object(json, "The document")["data"], "'data'").Select(ReadProspect).ToList(), cancellationToken).ConfigureAwait(false);
        return found switch
        {
            { IsSuccess: false } => Fail<OutreachProspect>(found),
            { Value: [] } => new VendorResult<OutreachProspect>(VendorOutcome.NotFound, null, found.StatusCode, "No prospect has this email."),
            _ => new VendorResult<OutreachProspect>(VendorOutcome.Success, found.Value![0], found.StatusCode),
        };
    }

    /// <summary>
    /// Creates the prospect, or updates the one that already has this email. Safe to re-run and to run concurrently for
    /// the same email: a create that loses the race is retried as an update.
    /// </summary>
    public async Task<VendorResult<OutreachUpsert>> UpsertProspectAsync(OutreachProspectInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = await FindProspectByEmailAsync(input.Email, cancellationToken).ConfigureAwait(false);
        if (existing.IsSuccess)
        {
            return await UpdateAsync(existing.Value!.Id, input, cancellationToken).ConfigureAwait(false);
        }

        if (existing.Outcome != VendorOutcome.NotFound)
        {
            return Fail<OutreachUpsert>(existing);
        }

        var attributes = Attributes(input.Attributes);
        attributes["emails"] = new JsonArray(input.Email.Trim());
        using var create = Request(HttpMethod.Post, "prospects", "prospects.create", Document("prospect", null, attributes));
        using var created = await _http.SendAsync(create, cancellationToken).ConfigureAwait(false);
        if (created.IsSuccess)
        {
            return await VendorHttp.ParseAsync(created, json => new OutreachUpsert(ReadProspect(Data(json)), Created: true), cancellationToken).ConfigureAwait(false);
        }

        if (created.Status == 422 && created.Error?.Contains(TakenEmail, StringComparison.OrdinalIgnoreCase) == true)
        {
            LogRace();
            var winner = await FindProspectByEmailAsync(input.Email, cancellationToken).ConfigureAwait(false);
            return winner.IsSuccess ? await UpdateAsync(winner.Value!.Id, input, cancellationToken).ConfigureAwait(false) : Fail<OutreachUpsert>(winner);
        }

        return created.Failure<OutreachUpsert>();
    }

    /// <summary>Adds the prospect to the sequence from the mailbox; a prospect already active in it counts as enrolled.</summary>
    public async Task<VendorResult<OutreachEnrollment>> EnrollAsync(long prospectId, long sequenceId, long mailboxId, CancellationToken cancellationToken = default)
    {
        var relationships = new JsonObject
        {
            ["prospect"] = Reference("prospect", prospectId),
            ["sequence"] = Reference("sequence", sequenceId),
            ["mailbox"] = Reference("mailbox", mailboxId),
        };
        using var request = Request(HttpMethod.Post, "sequenceStates", "sequenceStates.create", Document("sequenceState", null, new JsonObject(), relationships));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return await VendorHttp.ParseAsync(response, json => new OutreachEnrollment(JsonRead.Long(Data(json), "id"), AlreadyEnrolled: false), cancellationToken).ConfigureAwait(false);
        }

        if (response.Status != 422)
        {
            return response.Failure<OutreachEnrollment>();
        }

        // The 422 wording for "already in this sequence" is not documented: ask Outreach instead of matching text.
        var states = await ListSequenceStatesAsync(prospectId, cancellationToken).ConfigureAwait(false);
        var active = states.Value?.FirstOrDefault(s => s.SequenceId == sequenceId && s.State is not ("finished" or "failed" or "bounced"));
        return active is null
            ? response.Failure<OutreachEnrollment>()
            : new VendorResult<OutreachEnrollment>(VendorOutcome.Success, new OutreachEnrollment(active.Id, AlreadyEnrolled: true), response.Status);
    }

    /// <summary>Every sequence state of the prospect, all pages followed.</summary>
    public async Task<VendorResult<IReadOnlyList<OutreachSequenceState>>> ListSequenceStatesAsync(long prospectId, CancellationToken cancellationToken = default)
    {
        var states = new List<OutreachSequenceState>();
        string? next = $"sequenceStates?filter[prospect][id]={prospectId}&page[size]=100";
        while (next is not null)
        {
            using var request = Request(HttpMethod.Get, next, "sequenceStates.list");
            var page = await _http.SendAsync(request, ReadStatePage, cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                return new VendorResult<IReadOnlyList<OutreachSequenceState>>(page.Outcome, null, page.StatusCode, page.Error);
            }

            states.AddRange(page.Value!.States);
            next = page.Value.Next;
        }

        return new VendorResult<IReadOnlyList<OutreachSequenceState>>(VendorOutcome.Success, states);
    }

    /// <summary>Deletes a sequence state; one that is already gone counts as deleted.</summary>
    public async Task<VendorResult> DeleteSequenceStateAsync(long sequenceStateId, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, $"sequenceStates/{sequenceStateId}", "sequenceStates.delete");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.Outcome == VendorOutcome.NotFound ? new VendorResult(VendorOutcome.Success, response.Status) : response.Result();
    }

    /// <summary>Takes the prospect out of every sequence (opt-out); returns how many sequence states were deleted.</summary>
    public async Task<VendorResult<int>> RemoveFromAllSequencesAsync(long prospectId, CancellationToken cancellationToken = default)
    {
        var states = await ListSequenceStatesAsync(prospectId, cancellationToken).ConfigureAwait(false);
        if (!states.IsSuccess)
        {
            return new VendorResult<int>(states.Outcome, 0, states.StatusCode, states.Error);
        }

        var removed = 0;
        foreach (var state in states.Value!)
        {
            var deleted = await DeleteSequenceStateAsync(state.Id, cancellationToken).ConfigureAwait(false);
            if (!deleted.IsSuccess)
            {
                return new VendorResult<int>(deleted.Outcome, removed, deleted.StatusCode, deleted.Error);
            }

            removed++;
        }

        return new VendorResult<int>(VendorOutcome.Success, removed);
    }

    private async Task<VendorResult<OutreachUpsert>> UpdateAsync(long prospectId, OutreachProspectInput input, CancellationToken cancellationToken)
    {
        // The prospect's other emails stay: only the given attributes change.
        using var request = Request(HttpMethod.Patch, $"prospects/{prospectId}", "prospects.update", Document("prospect", prospectId, Attributes(input.Attributes)));
        return await _http.SendAsync(request, json => new OutreachUpsert(ReadProspect(Data(json)), Created: false), cancellationToken).ConfigureAwait(false);
    }

    private static HttpRequestMessage Request(HttpMethod method, string uri, string operation, JsonObject? document = null)
    {
        var request = VendorRequest.Create(method, uri, operation, document is null ? null : JsonBody.Of(document, MediaType));
        request.Headers.Accept.ParseAdd(MediaType);
        return request;
    }

    private static JsonObject Document(string type, long? id, JsonObject attributes, JsonObject? relationships = null)
    {
        var data = new JsonObject { ["type"] = type };
        if (id is not null)
        {
            data["id"] = id;
        }

        data["attributes"] = attributes;
        if (relationships is not null)
        {
            data["relationships"] = relationships;
        }

        return new JsonObject { ["data"] = data };
    }

    private static JsonObject Reference(string type, long id) => new() { ["data"] = new JsonObject { ["type"] = type, ["id"] = id } };

    private static JsonObject Attributes(IReadOnlyDictionary<string, object?> attributes)
    {
        var json = new JsonObject();
        foreach (var (name, value) in attributes)
        {
            if (name != "emails")
            {
                json[name] = value is null ? null : JsonSerializer.SerializeToNode(value);
            }
        }

        return json;
    }

    private static JsonObject Data(JsonNode json) => JsonRead.Object(JsonRead.Object(json, "The document")["data"], "'data'");

    private static OutreachProspect ReadProspect(JsonNode? node)
    {
        var data = JsonRead.Object(node, "A prospect");
        var attributes = data["attributes"] as JsonObject ?? [];
        var emails = attributes["emails"] is JsonArray list ? list.Select(e => e?.GetValue<string>()).OfType<string>().ToList() : [];
        return new OutreachProspect(JsonRead.Long(data, "id"), emails, (JsonObject)attributes.DeepClone());
    }

    private static StatePage ReadStatePage(JsonNode json)
    {
        var document = JsonRead.Object(json, "The document");
        var states = JsonRead.Array(document["data"], "'data'").Select(node =>
        {
            var data = JsonRead.Object(node, "A sequence state");
            var sequence = data["relationships"]?["sequence"]?["data"] as JsonObject;
            return new OutreachSequenceState(
                JsonRead.Long(data, "id"),
                sequence is null ? null : JsonRead.Long(sequence, "id"),
                data["attributes"] is JsonObject attributes ? JsonRead.OptionalString(attributes, "state") : null);
        }).ToList();
        var next = document["links"] is JsonObject links ? JsonRead.OptionalString(links, "next") : null;
        return new StatePage(states, next);
    }

    private static VendorResult<T> Fail<T>(VendorResult failed) => new(failed.Outcome, default, failed.StatusCode, failed.Error);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Outreach: another writer created the prospect first; updating it instead")]
    private partial void LogRace();

    private sealed record StatePage(List<OutreachSequenceState> States, string? Next);
}
