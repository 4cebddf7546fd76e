using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// <c>POST …/batch/upsert</c>: each input names a unique-value <c>idProperty</c> (email or a custom unique property;
/// never the record id). Missing records are created, existing ones updated; each result carries <c>new</c>.
/// </summary>
internal sealed class HubSpotBatchUpsert
{
    private readonly HubSpotObjectStore _store;
    private readonly HubSpotOptions _options;
    private readonly TimeProvider _clock;

    public HubSpotBatchUpsert(HubSpotObjectStore store, HubSpotOptions options, TimeProvider clock)
    {
        _store = store;
        _options = options;
        _clock = clock;
    }

    private HubSpotObjectType Type => _store.Type;

    public SimResponse Handle(SimRequest request)
    {
        if (!HubSpotBatch.TryInputs(request, out _, out var inputs, out var error) || !HubSpotBatch.TryIds(inputs, out var ids, out error))
        {
            return error;
        }

        // The whole batch is checked before anything is written.
        var writes = new List<(string Key, string IdProperty, Dictionary<string, string?> Values)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var idProperty = HubSpotInput.Text(inputs[i]["idProperty"], $"inputs[{i}].idProperty");
            if (idProperty is null or HubSpotObjectType.ObjectIdProperty)
            {
                return HubSpotErrors.Validation(
                    $"inputs[{i}] needs an idProperty naming a unique-value property such as email; the record ID can't be used for upsert.");
            }

            if (HubSpotRules.BadIdProperty(Type, idProperty) is { } bad)
            {
                return bad;
            }

            // The id is a value of idProperty, so it is validated and normalised like one (emails lower-cased).
            var (key, keyProblems) = HubSpotProperties.Read(new JsonObject { [idProperty] = ids[i] }, Type);
            var (values, problems) = HubSpotProperties.Read(inputs[i]["properties"], Type);
            if (keyProblems.Count + problems.Count > 0)
            {
                return HubSpotErrors.PropertyErrors([.. keyProblems, .. problems], _options.PortalId);
            }

            writes.Add((key[idProperty]!, idProperty, values));
        }

        if (HubSpotBatch.DuplicateIds(writes.Select(w => w.Key), StringComparer.OrdinalIgnoreCase) is { } duplicate)
        {
            return duplicate;
        }

        var started = _clock.GetUtcNow();
        var results = new List<HubSpotObjectJson>();
        var errors = new List<Dictionary<string, object>>();
        lock (_store.Gate)
        {
            foreach (var (key, idProperty, values) in writes)
            {
                var existing = _store.Find(key, idProperty);
                if (existing is null)
                {
                    values[idProperty] = key;
                }

                if (_store.FindUniqueHolder(values, existing?.Id) is { } holder)
                {
                    errors.Add(HubSpotBatch.Error("CONFLICT", HubSpotRules.ConflictMessage(Type, holder.Holder.Id), "ids", [key]));
                    continue;
                }

                if (existing is null)
                {
                    results.Add(Upserted(_store.Create(values), isNew: true, values.Keys));
                }
                else
                {
                    _store.Update(existing, values);
                    results.Add(Upserted(existing, isNew: false, values.Keys));
                }
            }
        }

        return HubSpotBatch.Response(200, results, errors, started, _clock.GetUtcNow());
    }

    private HubSpotObjectJson Upserted(HubSpotRecord record, bool isNew, IEnumerable<string> written) =>
        HubSpotJson.Written(record, Type, written) with { New = isNew };
}
