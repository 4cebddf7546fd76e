using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// CRM v3 batch operations (≤ 100 inputs): read, create, update, upsert and archive. Partial failures answer
/// 207 multi-status with <c>numErrors</c> and <c>errors[]</c>; a malformed batch is refused whole with a 400.
/// </summary>
internal sealed class HubSpotBatchEndpoints
{
    private readonly HubSpotObjectStore _store;
    private readonly HubSpotOptions _options;
    private readonly TimeProvider _clock;
    private readonly HubSpotBatchCreate _create;
    private readonly HubSpotBatchUpsert _upsert;

    public HubSpotBatchEndpoints(HubSpotObjectStore store, HubSpotOptions options, TimeProvider clock)
    {
        _store = store;
        _options = options;
        _clock = clock;
        _create = new HubSpotBatchCreate(store, options, clock);
        _upsert = new HubSpotBatchUpsert(store, options, clock);
    }

    private HubSpotObjectType Type => _store.Type;

    public IEnumerable<SimRoute> Routes(string prefix)
    {
        var name = Type.Name;
        yield return new SimRoute("POST", $"{prefix}/{name}/batch/read", $"{name}.batch.read", Read);
        yield return new SimRoute("POST", $"{prefix}/{name}/batch/create", $"{name}.batch.create", _create.Handle);
        yield return new SimRoute("POST", $"{prefix}/{name}/batch/update", $"{name}.batch.update", Update);
        yield return new SimRoute("POST", $"{prefix}/{name}/batch/upsert", $"{name}.batch.upsert", _upsert.Handle);
        yield return new SimRoute("POST", $"{prefix}/{name}/batch/archive", $"{name}.batch.archive", Archive);
    }

    private SimResponse Read(SimRequest request)
    {
        if (!HubSpotBatch.TryInputs(request, out var body, out var inputs, out var error) || !HubSpotBatch.TryIds(inputs, out var ids, out error))
        {
            return error;
        }

        var idProperty = HubSpotInput.Text(body["idProperty"], "idProperty");
        if (HubSpotRules.BadIdProperty(Type, idProperty) is { } bad)
        {
            return bad;
        }

        var properties = HubSpotInput.TextList(body["properties"], "properties");
        var archived = string.Equals(request.Query("archived"), "true", StringComparison.OrdinalIgnoreCase);
        var started = _clock.GetUtcNow();
        var results = new List<HubSpotObjectJson>();
        var missing = new List<string>();
        lock (_store.Gate)
        {
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                if (_store.Find(id, idProperty, archived) is { } record)
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
            : new List<Dictionary<string, object>>
            {
                HubSpotBatch.Error("OBJECT_NOT_FOUND", $"Could not get some {Type.Name} objects, they may be deleted or not exist. Check that ids are valid.", "ids", missing),
            };
        return HubSpotBatch.Response(200, results, errors, started, _clock.GetUtcNow());
    }

    private SimResponse Update(SimRequest request)
    {
        if (!HubSpotBatch.TryInputs(request, out _, out var inputs, out var error) || !HubSpotBatch.TryIds(inputs, out var ids, out error))
        {
            return error;
        }

        // The whole batch is checked before anything is written: a bad property refuses every input.
        var writes = new List<(string Id, string? IdProperty, Dictionary<string, string?> Values)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var idProperty = HubSpotInput.Text(inputs[i]["idProperty"], $"inputs[{i}].idProperty");
            if (HubSpotRules.BadIdProperty(Type, idProperty) is { } bad)
            {
                return bad;
            }

            var (values, problems) = HubSpotProperties.Read(inputs[i]["properties"], Type);
            if (problems.Count > 0)
            {
                return HubSpotErrors.PropertyErrors(problems, _options.PortalId);
            }

            writes.Add((ids[i], idProperty, values));
        }

        if (HubSpotBatch.DuplicateIds(ids, StringComparer.OrdinalIgnoreCase) is { } duplicate)
        {
            return duplicate;
        }

        var started = _clock.GetUtcNow();
        var results = new List<HubSpotObjectJson>();
        var errors = new List<Dictionary<string, object>>();
        var missing = new List<string>();
        lock (_store.Gate)
        {
            foreach (var (id, idProperty, values) in writes)
            {
                if (_store.Find(id, idProperty) is not { } record)
                {
                    missing.Add(id);
                    continue;
                }

                if (_store.FindUniqueHolder(values, record.Id) is { } holder)
                {
                    errors.Add(HubSpotBatch.Error("CONFLICT", HubSpotRules.ConflictMessage(Type, holder.Holder.Id), "ids", [id]));
                    continue;
                }

                _store.Update(record, values);
                results.Add(HubSpotJson.Record(record, Type, values.Keys.ToArray()));
            }
        }

        if (missing.Count > 0)
        {
            errors.Insert(0, HubSpotBatch.Error("OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.", "ids", missing));
        }

        return HubSpotBatch.Response(200, results, errors, started, _clock.GetUtcNow());
    }

    private SimResponse Archive(SimRequest request)
    {
        if (!HubSpotBatch.TryInputs(request, out _, out var inputs, out var error) || !HubSpotBatch.TryIds(inputs, out var ids, out error))
        {
            return error;
        }

        lock (_store.Gate)
        {
            // Like the single archive, unknown ids are not an error.
            foreach (var id in ids)
            {
                _store.Archive(id);
            }
        }

        return SimResponse.Empty(204);
    }
}
