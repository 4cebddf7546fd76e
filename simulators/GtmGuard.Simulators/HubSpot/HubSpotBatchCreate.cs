using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// <c>POST …/batch/create</c>: 201 when every input is created. Without trace ids the first bad input refuses the
/// whole batch (400, or 409 for an existing email). When every input carries a unique <c>objectWriteTraceId</c>,
/// bad inputs become 207 errors with <c>context.objectWriteTraceId</c> and the others are created.
/// </summary>
internal sealed class HubSpotBatchCreate
{
    private readonly HubSpotObjectStore _store;
    private readonly HubSpotOptions _options;
    private readonly TimeProvider _clock;

    public HubSpotBatchCreate(HubSpotObjectStore store, HubSpotOptions options, TimeProvider clock)
    {
        _store = store;
        _options = options;
        _clock = clock;
    }

    private HubSpotObjectType Type => _store.Type;

    public SimResponse Handle(SimRequest request)
    {
        if (!HubSpotBatch.TryInputs(request, out _, out var inputs, out var error))
        {
            return error;
        }

        var traceIds = inputs.Select((input, i) => HubSpotInput.Text(input["objectWriteTraceId"], $"inputs[{i}].objectWriteTraceId")).ToList();
        var multiStatus = traceIds.Count > 0
            && traceIds.All(t => !string.IsNullOrEmpty(t))
            && traceIds.Distinct(StringComparer.Ordinal).Count() == traceIds.Count;
        var started = _clock.GetUtcNow();
        var errors = new List<Dictionary<string, object>>();
        lock (_store.Gate)
        {
            // Every input is checked before anything is written, so a refused batch leaves no trace.
            var accepted = new List<Dictionary<string, string?>>();
            var claimed = new HashSet<(string, string)>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var (values, failure) = Check(inputs[i], claimed);
                if (failure is null)
                {
                    accepted.Add(values);
                    continue;
                }

                if (!multiStatus)
                {
                    return failure.Response;
                }

                errors.Add(HubSpotBatch.Error(failure.Category, failure.Message, "objectWriteTraceId", [traceIds[i]!]));
            }

            var results = accepted.Select(values => HubSpotJson.Written(_store.Create(values), Type, values.Keys)).ToList();
            return HubSpotBatch.Response(201, results, errors, started, _clock.GetUtcNow());
        }
    }

    /// <summary>The input's values and why it can't be created (null when it can); <paramref name="claimed"/> holds unique values earlier inputs take.</summary>
    private (Dictionary<string, string?> Values, Failure? Failure) Check(JsonObject input, HashSet<(string Property, string Value)> claimed)
    {
        var (values, problems) = HubSpotProperties.Read(input["properties"], Type);
        if (problems.Count > 0)
        {
            return (values, new Failure("VALIDATION_ERROR", HubSpotErrors.PropertyErrorsMessage(problems, _options.PortalId), HubSpotErrors.PropertyErrors(problems, _options.PortalId)));
        }

        if (HubSpotRules.MissingRequired(Type, values) is { } missing)
        {
            return (values, new Failure("VALIDATION_ERROR", missing, HubSpotErrors.Validation(missing)));
        }

        if (_store.FindUniqueHolder(values, null) is { } holder)
        {
            var message = HubSpotRules.ConflictMessage(Type, holder.Holder.Id);
            return (values, new Failure("CONFLICT", message, HubSpotErrors.Error(409, "CONFLICT", message)));
        }

        foreach (var property in Type.UniqueProperties)
        {
            if (values.GetValueOrDefault(property) is { Length: > 0 } value && !claimed.Add((property, value.ToLowerInvariant())))
            {
                var message = $"Duplicate {property} '{value}' in the batch inputs.";
                return (values, new Failure("VALIDATION_ERROR", message, HubSpotErrors.Validation(message)));
            }
        }

        return (values, null);
    }

    private sealed record Failure(string Category, string Message, SimResponse Response);
}
