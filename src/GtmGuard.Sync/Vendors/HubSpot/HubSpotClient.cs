using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Vendors.HubSpot;

/// <summary>
/// HubSpot CRM contacts: batch upsert by email (100 per call), read by id or email (one, or 100 per call), search by
/// property, update properties.
/// Every write is idempotent: the same input again changes nothing and creates nothing.
/// </summary>
public sealed partial class HubSpotClient
{
    /// <summary>HubSpot's batch limit (vendor-facts §2.2).</summary>
    public const int BatchLimit = 100;

    internal const string SearchLane = "search";

    private const string Contacts = "crm/v3/objects/contacts";
    private const int SearchPageSize = 100;

    /// <summary>The Search API cannot page past 10,000 results.</summary>
    private const int SearchResultCap = 10_000;

    private readonly VendorHttp _http;
    private readonly ILogger _logger;

    internal HubSpotClient(VendorHttp http, ILogger<HubSpotClient> logger)
    {
        _http = http;
        _logger = logger;
    }

    /// <summary>
    /// Creates or updates contacts by email in batches of <see cref="BatchLimit"/>. Inputs repeating an email are merged
    /// (later properties win), since HubSpot refuses a batch that names an email twice.
    /// </summary>
    public async Task<HubSpotUpsertResult> UpsertContactsAsync(IEnumerable<HubSpotContactInput> contacts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var written = new List<HubSpotUpsertedContact>();
        var failures = new List<HubSpotUpsertFailure>();
        foreach (var batch in Merge(contacts).Chunk(BatchLimit))
        {
            var inputs = new JsonArray();
            foreach (var (email, properties) in batch)
            {
                inputs.Add(new JsonObject { ["id"] = email, ["idProperty"] = "email", ["properties"] = Properties(properties, email) });
            }

            using var request = VendorRequest.Create(HttpMethod.Post, Contacts + "/batch/upsert", "contacts.batch.upsert", JsonBody.Of(new JsonObject { ["inputs"] = inputs }));
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var emails = batch.Select(b => b.Email).ToArray();
            if (!response.IsSuccess)
            {
                failures.Add(new HubSpotUpsertFailure(emails, response.Outcome, response.Error));
                continue;
            }

            try
            {
                ReadBatch(await response.JsonAsync(cancellationToken).ConfigureAwait(false), emails, written, failures);
            }
            catch (MalformedResponseException ex)
            {
                failures.Add(new HubSpotUpsertFailure(emails, VendorOutcome.ServerError, "Malformed success body: " + ex.Message));
            }
        }

        LogUpserted(written.Count, written.Count(c => c.Created), failures.Sum(f => f.Emails.Count));
        return new HubSpotUpsertResult(written, failures);
    }

    /// <summary>The contact with this email, or NotFound.</summary>
    public Task<VendorResult<HubSpotContact>> GetContactByEmailAsync(string email, IEnumerable<string>? properties = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var query = "?idProperty=email" + (properties is null ? string.Empty : "&properties=" + Uri.EscapeDataString(string.Join(',', properties)));
        var request = VendorRequest.Create(HttpMethod.Get, $"{Contacts}/{Uri.EscapeDataString(email)}{query}", "contacts.read");
        return SendContactAsync(request, cancellationToken);
    }

    /// <summary>The contact with this record id (e.g. a webhook's <c>objectId</c>), or NotFound.</summary>
    public Task<VendorResult<HubSpotContact>> GetContactAsync(string contactId, IEnumerable<string>? properties = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        var query = properties is null ? string.Empty : "?properties=" + Uri.EscapeDataString(string.Join(',', properties));
        var request = VendorRequest.Create(HttpMethod.Get, $"{Contacts}/{Uri.EscapeDataString(contactId)}{query}", "contacts.read");
        return SendContactAsync(request, cancellationToken);
    }

    /// <summary>
    /// The contacts with these record ids, read <see cref="BatchLimit"/> per call (batch read): a webhook batch costs one
    /// request instead of one per contact. Ids HubSpot does not know are left out; a failed call fails the whole read.
    /// </summary>
    public async Task<VendorResult<IReadOnlyList<HubSpotContact>>> GetContactsAsync(
        IEnumerable<string> contactIds, IEnumerable<string>? properties = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var wanted = properties?.Select(p => (JsonNode)JsonValue.Create(p)).ToArray();
        var found = new List<HubSpotContact>();
        foreach (var batch in contactIds.Distinct(StringComparer.Ordinal).Chunk(BatchLimit))
        {
            var body = new JsonObject { ["inputs"] = new JsonArray(batch.Select(id => (JsonNode)new JsonObject { ["id"] = id }).ToArray()) };
            if (wanted is not null)
            {
                body["properties"] = new JsonArray(wanted.Select(p => p.DeepClone()).ToArray());
            }

            using var request = VendorRequest.Create(HttpMethod.Post, Contacts + "/batch/read", "contacts.batch.read", JsonBody.Of(body));
            var read = await _http.SendAsync(request, ReadBatchRead, cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return new VendorResult<IReadOnlyList<HubSpotContact>>(read.Outcome, null, read.StatusCode, read.Error);
            }

            found.AddRange(read.Value!);
        }

        return new VendorResult<IReadOnlyList<HubSpotContact>>(VendorOutcome.Success, found);
    }

    /// <summary>Every contact whose <paramref name="property"/> equals <paramref name="value"/> (up to the Search API's 10,000).</summary>
    public async Task<VendorResult<IReadOnlyList<HubSpotContact>>> SearchContactsAsync(
        string property, string value, IEnumerable<string>? properties = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(property);
        var found = new List<HubSpotContact>();
        string? after = null;
        do
        {
            var body = new JsonObject
            {
                ["filterGroups"] = new JsonArray(new JsonObject
                {
                    ["filters"] = new JsonArray(new JsonObject { ["propertyName"] = property, ["operator"] = "EQ", ["value"] = value }),
                }),
                ["limit"] = SearchPageSize,
            };
            if (properties is not null)
            {
                body["properties"] = new JsonArray(properties.Select(p => (JsonNode)JsonValue.Create(p)).ToArray());
            }

            if (after is not null)
            {
                body["after"] = after;
            }

            using var request = VendorRequest.Create(HttpMethod.Post, Contacts + "/search", "contacts.search", JsonBody.Of(body), SearchLane);
            var page = await _http.SendAsync(request, ReadSearchPage, cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                return new VendorResult<IReadOnlyList<HubSpotContact>>(page.Outcome, null, page.StatusCode, page.Error);
            }

            found.AddRange(page.Value!.Contacts);
            after = page.Value.After;
        }
        while (after is not null && found.Count < SearchResultCap);

        return new VendorResult<IReadOnlyList<HubSpotContact>>(VendorOutcome.Success, found);
    }

    /// <summary>Sets properties on the contact with this email (e.g. <c>hs_email_optout</c>); NotFound when there is none.</summary>
    public Task<VendorResult<HubSpotContact>> UpdateContactByEmailAsync(string email, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return UpdateAsync($"{Contacts}/{Uri.EscapeDataString(email)}?idProperty=email", properties, cancellationToken);
    }

    /// <summary>Sets properties on the contact with this record id.</summary>
    public Task<VendorResult<HubSpotContact>> UpdateContactAsync(string contactId, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        return UpdateAsync($"{Contacts}/{Uri.EscapeDataString(contactId)}", properties, cancellationToken);
    }

    private Task<VendorResult<HubSpotContact>> UpdateAsync(string uri, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var body = new JsonObject { ["properties"] = Properties(properties, email: null) };
        return SendContactAsync(VendorRequest.Create(HttpMethod.Patch, uri, "contacts.update", JsonBody.Of(body)), cancellationToken);
    }

    private async Task<VendorResult<HubSpotContact>> SendContactAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await _http.SendAsync(request, json => ReadContact(JsonRead.Object(json, "The contact")), cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<(string Email, Dictionary<string, string?> Properties)> Merge(IEnumerable<HubSpotContactInput> contacts)
    {
        var merged = new Dictionary<string, (string Email, Dictionary<string, string?> Properties)>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var contact in contacts)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(contact.Email, nameof(contacts));
            var email = contact.Email.Trim();
            if (!merged.TryGetValue(email, out var entry))
            {
                entry = (email, new Dictionary<string, string?>(StringComparer.Ordinal));
                merged[email] = entry;
                order.Add(email);
            }

            foreach (var (name, value) in contact.Properties)
            {
                entry.Properties[name] = value;
            }
        }

        return order.Select(email => merged[email]).ToList();
    }

    private static JsonObject Properties(IReadOnlyDictionary<string, string?> properties, string? email)
    {
        var json = new JsonObject();
        foreach (var (name, value) in properties)
        {
            json[name] = value;
        }

        // The email in the properties lets every result name its input, updates included.
        if (email is not null)
        {
            json["email"] = email;
        }

        return json;
    }

    /// <summary>A 200 or 207 batch answer: written contacts with their <c>new</c> flag, and per-input errors.</summary>
    private static void ReadBatch(JsonNode json, string[] emails, List<HubSpotUpsertedContact> written, List<HubSpotUpsertFailure> failures)
    {
        var body = JsonRead.Object(json, "The batch response");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in JsonRead.Array(body["results"], "'results'"))
        {
            var result = JsonRead.Object(item, "A batch result");
            var contact = ReadContact(result);
            var email = contact.Email ?? throw new MalformedResponseException("A batch result has no email property.");
            seen.Add(email);
            written.Add(new HubSpotUpsertedContact(contact.Id, email, JsonRead.Bool(result, "new")));
        }

        var missing = emails.Where(e => !seen.Contains(e)).ToArray();
        if (missing.Length > 0)
        {
            var messages = body["errors"] is JsonArray errors
                ? string.Join("; ", errors.OfType<JsonObject>().Select(e => JsonRead.OptionalString(e, "message")).Where(m => m is not null))
                : "HubSpot returned no result for these inputs.";
            failures.Add(new HubSpotUpsertFailure(missing, VendorOutcome.Validation, messages));
        }
    }

    private static HubSpotContact ReadContact(JsonObject json)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (json["properties"] is JsonObject values)
        {
            foreach (var (name, _) in values)
            {
                properties[name] = JsonRead.OptionalString(values, name);
            }
        }

        return new HubSpotContact(JsonRead.String(json, "id"), properties);
    }

    /// <summary>A 200 or 207 batch read: the contacts found (the missing ones are only named in its errors).</summary>
    private static List<HubSpotContact> ReadBatchRead(JsonNode json) =>
        JsonRead.Array(JsonRead.Object(json, "The batch read response")["results"], "'results'")
            .Select(r => ReadContact(JsonRead.Object(r, "A batch read result")))
            .ToList();

    private static SearchPage ReadSearchPage(JsonNode json)
    {
        var body = JsonRead.Object(json, "The search response");
        var contacts = JsonRead.Array(body["results"], "'results'").Select(r => ReadContact(JsonRead.Object(r, "A search result"))).ToList();
        var after = body["paging"] is JsonObject paging && paging["next"] is JsonObject next ? JsonRead.OptionalString(next, "after") : null;
        return new SearchPage(contacts, after);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "HubSpot upsert: {Written} contacts written ({Created} created), {Failed} failed")]
    private partial void LogUpserted(int written, int created, int failed);

    private sealed record SearchPage(List<HubSpotContact> Contacts, string? After);
}
