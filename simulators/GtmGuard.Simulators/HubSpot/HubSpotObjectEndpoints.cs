using System.Globalization;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>CRM v3 single-object operations: create (201), read, update (200), archive (204) and list.</summary>
internal sealed class HubSpotObjectEndpoints
{
    private const int DefaultListLimit = 10;
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

        if (HubSpotRules.MissingRequired(Type, values) is { } missing)
        {
            return HubSpotErrors.Validation(missing);
        }

        lock (_store.Gate)
        {
            return HubSpotRules.Conflict(_store, values, null)
                ?? SimResponse.Json(201, HubSpotJson.Written(_store.Create(values), Type, values.Keys));
        }
    }

    private SimResponse Read(SimRequest request)
    {
        var id = request.Route("objectId");
        var idProperty = request.Query("idProperty");
        if (HubSpotRules.BadIdProperty(Type, idProperty) is { } bad)
        {
            return bad;
        }

        var properties = HubSpotJson.RequestedProperties(request.QueryAll("properties"));
        lock (_store.Gate)
        {
            return _store.Find(id, idProperty, Archived(request)) is { } record
                ? SimResponse.Json(200, HubSpotJson.Record(record, Type, properties))
                : HubSpotErrors.ObjectNotFound(id);
        }
    }

    private SimResponse Update(SimRequest request)
    {
        var id = request.Route("objectId");
        var idProperty = request.Query("idProperty");
        if (HubSpotRules.BadIdProperty(Type, idProperty) is { } bad)
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

            if (HubSpotRules.Conflict(_store, values, record.Id) is { } conflict)
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
            // HubSpot answers 204 for unknown and already-archived ids too.
            _store.Archive(request.Route("objectId"));
        }

        return SimResponse.Empty(204);
    }

    private SimResponse List(SimRequest request)
    {
        if (!TryLimit(request.Query("limit"), out var limit, out var limitError))
        {
            return limitError;
        }

        if (HubSpotPaging.DecodeListCursor(request.Query("after")) is not { } fromId)
        {
            return HubSpotErrors.Validation($"Invalid paging cursor: after={request.Query("after")}.", context: new Dictionary<string, string?[]> { ["after"] = [request.Query("after")] });
        }

        var properties = HubSpotJson.RequestedProperties(request.QueryAll("properties"));
        lock (_store.Gate)
        {
            var page = _store.All(Archived(request)).Where(r => NumericId(r) >= fromId).Take(limit + 1).ToList();
            var body = new Dictionary<string, object>
            {
                ["results"] = page.Take(limit).Select(r => HubSpotJson.Record(r, Type, properties)).ToList(),
            };
            if (page.Count > limit)
            {
                body["paging"] = HubSpotPaging.ListNext(page[limit].Id, request);
            }

            return SimResponse.Json(200, body);
        }
    }

    private static bool Archived(SimRequest request) => string.Equals(request.Query("archived"), "true", StringComparison.OrdinalIgnoreCase);

    private static long NumericId(HubSpotRecord record) => long.Parse(record.Id, CultureInfo.InvariantCulture);

    private static bool TryLimit(string? text, out int limit, out SimResponse error)
    {
        error = null!;
        limit = DefaultListLimit;
        if (text is null)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxListLimit)
        {
            error = HubSpotErrors.Validation(
                $"limit must be an integer between 1 and {MaxListLimit}, got '{text}'.",
                context: new Dictionary<string, string[]> { ["limit"] = [text] });
            return false;
        }

        return true;
    }
}
