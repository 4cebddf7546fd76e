using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// CRM v3 batch operations (≤ 100 inputs): read, create, update, upsert and archive; 207 multi-status
/// with <c>numErrors</c> and <c>errors[]</c> when some inputs fail.
/// </summary>
internal sealed class HubSpotBatchEndpoints
{
    private const int MaxInputs = 100;

    private readonly HubSpotObjectStore _store;
    private readonly HubSpotObjectEndpoints _single;
    private readonly HubSpotOptions _options;
    private readonly TimeProvider _clock;

    public HubSpotBatchEndpoints(HubSpotObjectStore store, HubSpotObjectEndpoints single, HubSpotOptions options, TimeProvider clock)
    {
        _store = store;
        _single = single;
        _options = options;
        _clock = clock;
    }

    private HubSpotObjectType Type => _store.Type;

    public IEnumerable<SimRoute> Routes(string prefix)
    {
        var name = Type.Name;
        yield return new SimRoute("POST", $"{prefix}/{name}/batch/read", $"{name}.batch.read", Read);
        yield return new SimRoute("POST", $"{prefix}/{name}/batch/create", $"{name}.batch.create", Create);
        yield return new SimRoute("POST", $"{prefix}/{name}/batch/update", $"{name}.batch.update", Update);
        yield return new SimRoute("POST", $"{prefix}/{name}/batch/upsert", $"{name}.batch.upsert", Upsert);
        yield return new SimRoute("POST", $"{prefix}/{name}/batch/archive", $"{name}.batch.archive", Archive);
    }

    private SimResponse Read(SimRequest request)
    {
        if (!TryInputs(request, out var body, out var inputs, out var error))
        {
            return error;
        }

        var idProperty = body["idProperty"]?.GetValue<string>();
        if (_single.BadIdProperty(idProperty) is { } bad)
        {
            return bad;
        }

        var properties = body["properties"] is JsonArray names ? names.Select(n => n!.GetValue<string>()).ToArray() : null;
        var started = _clock.GetUtcNow();
        var results = new List<object>();
        var missing = new List<string>();
        lock (_store.Gate)
        {
            foreach (var input in inputs)
            {
                var id = input["id"]?.GetValue<string>() ?? string.Empty;
                if (_store.Find(id, idProperty) is { } record)
                {
                    results.Add(HubSpotJson.Record(record, Type, properties));
                }
                else
                {
                    missing.Add(id);
                }
            }
        }

        var errors = missing.Count == 0
            ? []
            : new List<object> { BatchError("OBJECT_NOT_FOUND", "Could not get some " + Type.Name + " objects, they may be deleted or not exist. Check that ids are valid.", "ids", missing) };
        return Batch(200, results, errors, started);
    }

    private SimResponse Create(SimRequest request)
    {
        if (!TryInputs(request, out _, out var inputs, out var error))
        {
            return error;
        }

        var parsed = new List<Dictionary<string, string?>>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (values, problems) = HubSpotProperties.Read(inputs[i]["properties"], Type);
            if (problems.Count > 0)
            {
                return HubSpotErrors.PropertyErrors(problems, _options.PortalId);
            }

            parsed.Add(values);
        }

        var started = _clock.GetUtcNow();
        lock (_store.Gate)
        {
            // HubSpot refuses the whole batch with a 409 naming the first duplicate.
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var values in parsed)
            {
                if (_single.Conflict(values, null) is { } conflict)
                {
                    return conflict;
                }

                if (Type.UniqueProperty is { } unique && values.GetValueOrDefault(unique) is { Length: > 0 } value && !seen.Add(value))
                {
                    return HubSpotErrors.Validation($"Duplicate {unique} '{value}' in the batch inputs.");
                }
            }

            var results = parsed.Select(values => (object)HubSpotJson.Record(_store.Create(values), Type, null)).ToList();
            return Batch(201, results, [], started);
        }
    }

    private SimResponse Update(SimRequest request)
    {
        if (!TryInputs(request, out _, out var inputs, out var error))
        {
            return error;
        }

        var started = _clock.GetUtcNow();
        var results = new List<object>();
        var errors = new List<object>();
        lock (_store.Gate)
        {
            foreach (var input in inputs)
            {
                var id = input["id"]?.GetValue<string>() ?? string.Empty;
                var idProperty = input["idProperty"]?.GetValue<string>();
                var (values, problems) = HubSpotProperties.Read(input["properties"], Type);
                if (problems.Count > 0)
                {
                    return HubSpotErrors.PropertyErrors(problems, _options.PortalId);
                }

                if (_store.Find(id, idProperty) is not { } record)
                {
                    errors.Add(BatchError("OBJECT_NOT_FOUND", $"Object not found. objectId are usually numeric.", "ids", [id]));
                    continue;
                }

                if (_single.Conflict(values, record.Id) is not null)
                {
                    errors.Add(BatchError("CONFLICT", $"{Type.UniqueProperty} already in use by another record.", "ids", [id]));
                    continue;
                }

                _store.Update(record, values);
                results.Add(HubSpotJson.Record(record, Type, values.Keys.ToArray()));
            }
        }

        return Batch(200, results, errors, started);
    }

    private SimResponse Upsert(SimRequest request)
    {
        if (!TryInputs(request, out _, out var inputs, out var error))
        {
            return error;
        }

        var started = _clock.GetUtcNow();
        var results = new List<object>();
        lock (_store.Gate)
        {
            foreach (var input in inputs)
            {
                var idProperty = input["idProperty"]?.GetValue<string>();
                var id = input["id"]?.GetValue<string>();
                if (idProperty is null || id is null || idProperty == "hs_object_id")
                {
                    return HubSpotErrors.Validation("Upsert inputs need an id and an idProperty naming a unique property such as email; the record ID can't be used for upsert.");
                }

                if (idProperty != Type.UniqueProperty && _single.BadIdProperty(idProperty) is { } bad)
                {
                    return bad;
                }

                var (values, problems) = HubSpotProperties.Read(input["properties"], Type);
                if (problems.Count > 0)
                {
                    return HubSpotErrors.PropertyErrors(problems, _options.PortalId);
                }

                var existing = _store.Find(id, idProperty);
                if (existing is null)
                {
                    values[idProperty] = idProperty == "email" ? id.Trim().ToLowerInvariant() : id;
                    var created = _store.Create(values);
                    results.Add(Upserted(created, isNew: true, values.Keys));
                }
                else
                {
                    _store.Update(existing, values);
                    results.Add(Upserted(existing, isNew: false, values.Keys));
                }
            }
        }

        return Batch(200, results, [], started);
    }

    private SimResponse Archive(SimRequest request)
    {
        if (!TryInputs(request, out _, out var inputs, out var error))
        {
            return error;
        }

        lock (_store.Gate)
        {
            foreach (var input in inputs)
            {
                _store.Archive(input["id"]?.GetValue<string>() ?? string.Empty);
            }
        }

        return SimResponse.Empty(204);
    }

    private Dictionary<string, object?> Upserted(HubSpotRecord record, bool isNew, IEnumerable<string> written)
    {
        var json = HubSpotJson.Record(record, Type, written.ToArray());
        json["new"] = isNew;
        return json;
    }

    private static bool TryInputs(SimRequest request, out JsonObject body, out List<JsonObject> inputs, out SimResponse error)
    {
        body = request.JsonObject();
        inputs = [];
        error = null!;
        if (body["inputs"] is not JsonArray array)
        {
            error = HubSpotErrors.Validation("Batch requests need an 'inputs' array.");
            return false;
        }

        if (array.Count > MaxInputs)
        {
            error = HubSpotErrors.Validation($"Batch input size of {array.Count} exceeds the maximum of {MaxInputs}.", context: new Dictionary<string, string[]> { ["inputs"] = [array.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)] });
            return false;
        }

        foreach (var item in array)
        {
            if (item is not JsonObject input)
            {
                error = HubSpotErrors.Validation("Each batch input must be an object.");
                return false;
            }

            inputs.Add(input);
        }

        return true;
    }

    private static Dictionary<string, object> BatchError(string category, string message, string contextKey, List<string> values) => new()
    {
        ["status"] = "error",
        ["category"] = category,
        ["message"] = message,
        ["context"] = new Dictionary<string, List<string>> { [contextKey] = values },
    };

    private SimResponse Batch(int successStatus, List<object> results, List<object> errors, DateTimeOffset started)
    {
        var body = new Dictionary<string, object>
        {
            ["status"] = "COMPLETE",
            ["results"] = results,
            ["startedAt"] = HubSpotJson.Timestamp(started),
            ["completedAt"] = HubSpotJson.Timestamp(_clock.GetUtcNow()),
        };
        if (errors.Count == 0)
        {
            return SimResponse.Json(successStatus, body);
        }

        body["numErrors"] = errors.Count;
        body["errors"] = errors;
        return SimResponse.Json(207, body);
    }
}
