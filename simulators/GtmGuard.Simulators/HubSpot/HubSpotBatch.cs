using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>What every batch endpoint shares: the ≤ 100 <c>inputs</c> rule, per-input errors and the batch response body.</summary>
internal static class HubSpotBatch
{
    public const int MaxInputs = 100;

    /// <summary>Reads <c>{"inputs":[{…},…]}</c>; a missing array, a non-object input or more than 100 inputs is a 400.</summary>
    public static bool TryInputs(SimRequest request, out JsonObject body, out List<JsonObject> inputs, out SimResponse error)
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
            error = HubSpotErrors.Validation(
                $"Batch input size of {array.Count} exceeds the maximum of {MaxInputs} inputs.",
                context: new Dictionary<string, string[]> { ["inputs"] = [array.Count.ToString(CultureInfo.InvariantCulture)] });
            return false;
        }

        foreach (var item in array)
        {
            if (item is not JsonObject input)
            {
                error = HubSpotErrors.Validation("Each batch input must be a JSON object.");
                return false;
            }

            inputs.Add(input);
        }

        return true;
    }

    /// <summary>The <c>id</c> of every input; a missing id is a 400.</summary>
    public static bool TryIds(List<JsonObject> inputs, out List<string> ids, out SimResponse error)
    {
        ids = new List<string>(inputs.Count);
        error = null!;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (HubSpotInput.Text(inputs[i]["id"], $"inputs[{i}].id") is not { } id || string.IsNullOrWhiteSpace(id))
            {
                error = HubSpotErrors.Validation($"inputs[{i}] needs an 'id'.");
                return false;
            }

            ids.Add(id);
        }

        return true;
    }

    /// <summary>HubSpot's 400 when the same id appears twice in one update or upsert batch; null when ids are unique.</summary>
    public static SimResponse? DuplicateIds(IEnumerable<string> ids, StringComparer comparer)
    {
        var duplicates = ids.GroupBy(id => id, comparer).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        return duplicates.Length == 0
            ? null
            : HubSpotErrors.Validation(
                $"Duplicate IDs found in batch input: [{string.Join(", ", duplicates)}]. IDs must be unique",
                context: new Dictionary<string, string[]> { ["ids"] = duplicates });
    }

    /// <summary>One entry of a 207's <c>errors[]</c> (HubSpot's StandardError).</summary>
    public static Dictionary<string, object> Error(string category, string message, string contextKey, IReadOnlyList<string> values) => new()
    {
        ["status"] = "error",
        ["category"] = category,
        ["message"] = message,
        ["context"] = new Dictionary<string, IReadOnlyList<string>> { [contextKey] = values },
    };

    /// <summary><c>{status:"COMPLETE", results, startedAt, completedAt}</c>; with errors it becomes a 207 carrying <c>numErrors</c> and <c>errors</c>.</summary>
    public static SimResponse Response(int successStatus, List<HubSpotObjectJson> results, List<Dictionary<string, object>> errors, DateTimeOffset startedAt, DateTimeOffset completedAt)
    {
        var body = new Dictionary<string, object>
        {
            ["status"] = "COMPLETE",
            ["results"] = results,
            ["startedAt"] = HubSpotJson.Timestamp(startedAt),
            ["completedAt"] = HubSpotJson.Timestamp(completedAt),
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
