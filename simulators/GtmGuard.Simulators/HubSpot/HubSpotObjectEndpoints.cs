using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>CRM v3 single-object operations: create, read, update, archive and list.</summary>
internal sealed class HubSpotObjectEndpoints
{
    private const int MaxListLimit = 100;

    private readonly HubSpotObjectStore _store;
    private readonly HubSpotOptions _options;

    public HubSpotObjectEndpoints(HubSpotObjectStore store, HubSpotOptions options)
    {
        _store = store;
        _options = options;
    }

    private HubSpotObjectType Type => _store.Type;

    public IEnumerable<SimRoute> Routes(string prefix)
    {
        var name = Type.Name;
        yield return new SimRoute("GET", $"{prefix}/{name}", $"{name}.list", List);
        yield return new SimRoute("POST", $"{prefix}/{name}", $"{name}.create", Create);
        yield return new SimRoute("GET", $"{prefix}/{name}/{{objectId}}", $"{name}.read", Read);
        yield return new SimRoute("PATCH", $"{prefix}/{name}/{{objectId}}", $"{name}.update", Update);
        yield return new SimRoute("DELETE", $"{prefix}/{name}/{{objectId}}", $"{name}.archive", Archive);
    }

    private SimResponse Create(SimRequest request)
    {
        var body = request.JsonObject();
        var (values, errors) = HubSpotProperties.Read(body["properties"], Type);
        if (errors.Count > 0)
        {
            return HubSpotErrors.PropertyErrors(errors, _options.PortalId);
        }

        if (Type.OneOfRequired.Count > 0 && !Type.OneOfRequired.Any(p => !string.IsNullOrEmpty(values.GetValueOrDefault(p))))
        {
            return HubSpotErrors.Validation($"A {Type.Name[..^1]} needs at least one of: {string.Join(", ", Type.OneOfRequired)}.");
        }

        lock (_store.Gate)
        {
            if (Conflict(values, null) is { } conflict)
            {
                return conflict;
            }

            return SimResponse.Json(201, HubSpotJson.Record(_store.Create(values), Type, null));
        }
    }

    private SimResponse Read(SimRequest request)
    {
        var id = request.Route("objectId");
        var idProperty = request.Query("idProperty");
        if (BadIdProperty(idProperty) is { } bad)
        {
            return bad;
        }

        var archived = string.Equals(request.Query("archived"), "true", StringComparison.OrdinalIgnoreCase);
        lock (_store.Gate)
        {
            return _store.Find(id, idProperty, archived) is { } record
                ? SimResponse.Json(200, HubSpotJson.Record(record, Type, HubSpotJson.RequestedProperties(request.QueryAll("properties"))))
                : HubSpotErrors.ObjectNotFound(id);
        }
    }

    private SimResponse Update(SimRequest request)
    {
        var id = request.Route("objectId");
        var idProperty = request.Query("idProperty");
        if (BadIdProperty(idProperty) is { } bad)
        {
            return bad;
        }

        var body = request.JsonObject();
        var (values, errors) = HubSpotProperties.Read(body["properties"], Type);
        if (errors.Count > 0)
        {
            return HubSpotErrors.PropertyErrors(errors, _options.PortalId);
        }

        lock (_store.Gate)
        {
            if (_store.Find(id, idProperty) is not { } record)
            {
                return HubSpotErrors.ObjectNotFound(id);
            }

            if (Conflict(values, record.Id) is { } conflict)
            {
                return conflict;
            }

            _store.Update(record, values);
            return SimResponse.Json(200, HubSpotJson.Record(record, Type, values.Keys.ToArray()));
        }
    }

    private SimResponse Archive(SimRequest request)
    {
        lock (_store.Gate)
        {
            // HubSpot answers 204 for unknown ids too.
            _store.Archive(request.Route("objectId"));
        }

        return SimResponse.Empty(204);
    }

    private SimResponse List(SimRequest request)
    {
        if (!TryLimit(request.Query("limit"), 10, MaxListLimit, out var limit, out var limitError))
        {
            return limitError;
        }

        var offset = HubSpotPaging.DecodeAfter(request.Query("after"));
        if (offset is null)
        {
            return HubSpotErrors.Validation($"Invalid paging cursor 'after={request.Query("after")}'.");
        }

        var archived = string.Equals(request.Query("archived"), "true", StringComparison.OrdinalIgnoreCase);
        var properties = HubSpotJson.RequestedProperties(request.QueryAll("properties"));
        lock (_store.Gate)
        {
            var page = _store.All(archived).Skip(offset.Value).Take(limit + 1).ToList();
            var results = page.Take(limit).Select(r => HubSpotJson.Record(r, Type, properties)).ToList();
            var body = new Dictionary<string, object> { ["results"] = results };
            if (page.Count > limit)
            {
                body["paging"] = HubSpotPaging.Next(offset.Value + limit, request.BaseUrl + request.Path, request);
            }

            return SimResponse.Json(200, body);
        }
    }

    /// <summary>HubSpot's 409 when another live record already holds the unique value.</summary>
    internal SimResponse? Conflict(IReadOnlyDictionary<string, string?> values, string? selfId)
    {
        if (Type.UniqueProperty is not { } unique || values.GetValueOrDefault(unique) is not { Length: > 0 } value)
        {
            return null;
        }

        return _store.FindUnique(value) is { } existing && existing.Id != selfId
            ? HubSpotErrors.Error(409, "CONFLICT", $"{Capitalized(Type.Name)[..^1]} already exists. Existing ID: {existing.Id}")
            : null;
    }

    internal SimResponse? BadIdProperty(string? idProperty) =>
        idProperty is null || idProperty == "hs_object_id" || Type.KnownProperties.Contains(idProperty)
            ? null
            : HubSpotErrors.Validation($"Property \"{idProperty}\" does not exist and cannot be used as idProperty.");

    internal static bool TryLimit(string? text, int fallback, int max, out int limit, out SimResponse error)
    {
        error = null!;
        limit = fallback;
        if (text is null)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1)
        {
            error = HubSpotErrors.Validation($"limit must be a positive integer, got '{text}'.");
            return false;
        }

        if (limit > max)
        {
            error = HubSpotErrors.Validation($"limit must be at most {max}, got {limit}.");
            return false;
        }

        return true;
    }

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}

/// <summary>HubSpot's opaque <c>after</c> cursors (base64 of an offset here) and the <c>paging.next</c> object.</summary>
internal static class HubSpotPaging
{
    public static int? DecodeAfter(string? after)
    {
        if (string.IsNullOrEmpty(after))
        {
            return 0;
        }

        if (int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }

        try
        {
            var text = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(Uri.UnescapeDataString(after)));
            return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Encode(int offset) => offset.ToString(CultureInfo.InvariantCulture);

    public static object Next(int offset, string link, SimRequest request)
    {
        var after = Encode(offset);
        var query = new List<string> { "after=" + after };
        if (request.Query("limit") is { } limit)
        {
            query.Add("limit=" + Uri.EscapeDataString(limit));
        }

        return new { next = new { after, link = link + "?" + string.Join('&', query) } };
    }

    public static JsonObject SearchNext(int offset) => new() { ["next"] = new JsonObject { ["after"] = Encode(offset) } };
}
