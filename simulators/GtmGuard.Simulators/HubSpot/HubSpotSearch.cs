using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// <c>POST …/search</c>: filter groups (OR of ANDs), one sort, a text query, paging — with the documented limits
/// (5 groups, 6 filters per group, 18 filters, limit 200, 10,000 results, 3,000-character body) answered as VALIDATION_ERROR.
/// Archived records never appear.
/// </summary>
internal sealed class HubSpotSearch
{
    private const int MaxGroups = 5;
    private const int MaxFiltersPerGroup = 6;
    private const int MaxFilters = 18;
    private const int DefaultLimit = 10;
    private const int MaxLimit = 200;
    private const int MaxResults = 10_000;
    private const int MaxBodyChars = 3_000;

    private static readonly string[] QueryProperties = ["firstname", "lastname", "email", "phone", "company", "name", "domain", "website"];

    private readonly HubSpotObjectStore _store;

    public HubSpotSearch(HubSpotObjectStore store) => _store = store;

    public SimRoute Route(string prefix) => new("POST", $"{prefix}/{_store.Type.Name}/search", $"{_store.Type.Name}.search", Search);

    private SimResponse Search(SimRequest request)
    {
        if (request.BodyText.Length > MaxBodyChars)
        {
            return HubSpotErrors.Validation($"The search request body is {request.BodyText.Length} characters; the maximum is {MaxBodyChars}.");
        }

        var body = request.JsonObject();
        if (!TryReadFilters(body, out var groups, out var error)
            || !TryReadSort(body, out var sort, out error)
            || !TryReadPaging(body, out var limit, out var offset, out error))
        {
            return error;
        }

        var query = HubSpotInput.Text(body["query"], "query");
        var properties = HubSpotInput.TextList(body["properties"], "properties");
        lock (_store.Gate)
        {
            var matches = _store.All()
                .Where(r => groups.Count == 0 || groups.Any(g => g.All(f => f.Matches(r))))
                .Where(r => string.IsNullOrWhiteSpace(query) || MatchesQuery(r, query));
            var all = Order(matches, sort).ToList();
            var response = new Dictionary<string, object>
            {
                ["total"] = all.Count,
                ["results"] = all.Skip(offset).Take(limit).Select(r => HubSpotJson.Record(r, _store.Type, properties)).ToList(),
            };
            if (offset + limit < all.Count && offset + limit < MaxResults)
            {
                response["paging"] = HubSpotPaging.SearchNext(offset + limit);
            }

            return SimResponse.Json(200, response);
        }
    }

    private static IEnumerable<HubSpotRecord> Order(IEnumerable<HubSpotRecord> records, (string Property, bool Descending)? sort)
    {
        if (sort is not { } rule)
        {
            return records.OrderBy(r => long.Parse(r.Id, CultureInfo.InvariantCulture));
        }

        // Records without the property sort last either way, then by id so pages are stable.
        var ordered = records.OrderBy(r => r.Properties.ContainsKey(rule.Property) ? 0 : 1);
        ordered = rule.Descending
            ? ordered.ThenByDescending(r => r.Properties.GetValueOrDefault(rule.Property), HubSpotValueComparer.Instance)
            : ordered.ThenBy(r => r.Properties.GetValueOrDefault(rule.Property), HubSpotValueComparer.Instance);
        return ordered.ThenBy(r => long.Parse(r.Id, CultureInfo.InvariantCulture));
    }

    private static bool MatchesQuery(HubSpotRecord record, string query) =>
        QueryProperties.Any(p => record.Properties.TryGetValue(p, out var v) && v.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool TryReadFilters(JsonObject body, out List<List<HubSpotSearchFilter>> groups, out SimResponse error)
    {
        groups = [];
        error = null!;
        if (body["filterGroups"] is null)
        {
            return true;
        }

        if (body["filterGroups"] is not JsonArray filterGroups)
        {
            error = HubSpotErrors.Validation("filterGroups must be an array of {\"filters\": [...]} objects.");
            return false;
        }

        if (filterGroups.Count > MaxGroups)
        {
            error = HubSpotErrors.Validation($"Too many filter groups: {filterGroups.Count}. The maximum is {MaxGroups}.");
            return false;
        }

        var total = 0;
        foreach (var groupNode in filterGroups)
        {
            if ((groupNode as JsonObject)?["filters"] is not JsonArray filters)
            {
                error = HubSpotErrors.Validation("Each filter group needs a 'filters' array.");
                return false;
            }

            if (filters.Count > MaxFiltersPerGroup)
            {
                error = HubSpotErrors.Validation($"Too many filters in a group: {filters.Count}. The maximum is {MaxFiltersPerGroup} per group.");
                return false;
            }

            total += filters.Count;
            var group = new List<HubSpotSearchFilter>();
            foreach (var filterNode in filters)
            {
                if (!HubSpotSearchFilter.TryRead(filterNode, out var filter, out var message))
                {
                    error = HubSpotErrors.Validation(message);
                    return false;
                }

                group.Add(filter);
            }

            groups.Add(group);
        }

        if (total > MaxFilters)
        {
            error = HubSpotErrors.Validation($"Too many filters: {total}. The maximum is {MaxFilters} across all groups.");
            return false;
        }

        return true;
    }

    private static bool TryReadSort(JsonObject body, out (string Property, bool Descending)? sort, out SimResponse error)
    {
        sort = null;
        error = null!;
        if (body["sorts"] is null)
        {
            return true;
        }

        if (body["sorts"] is not JsonArray sorts)
        {
            error = HubSpotErrors.Validation("sorts must be an array.");
            return false;
        }

        if (sorts.Count == 0)
        {
            return true;
        }

        if (sorts.Count > 1)
        {
            error = HubSpotErrors.Validation($"Only one sort is allowed; got {sorts.Count}.");
            return false;
        }

        switch (sorts[0])
        {
            case JsonValue value when HubSpotInput.Text(value, "sorts[0]") is { Length: > 0 } text:
                sort = (text.TrimStart('-'), text.StartsWith('-'));
                return true;
            case JsonObject rule when HubSpotInput.Text(rule["propertyName"], "sorts[0].propertyName") is { Length: > 0 } property:
                var direction = HubSpotInput.Text(rule["direction"], "sorts[0].direction") ?? "ASCENDING";
                if (direction is not ("ASCENDING" or "DESCENDING"))
                {
                    error = HubSpotErrors.Validation($"Sort direction '{direction}' is not ASCENDING or DESCENDING.");
                    return false;
                }

                sort = (property, direction == "DESCENDING");
                return true;
            default:
                error = HubSpotErrors.Validation("A sort needs a propertyName.");
                return false;
        }
    }

    private static bool TryReadPaging(JsonObject body, out int limit, out int offset, out SimResponse error)
    {
        error = null!;
        offset = 0;
        limit = HubSpotInput.Integer(body["limit"], "limit") ?? DefaultLimit;
        if (limit < 1 || limit > MaxLimit)
        {
            error = HubSpotErrors.Validation($"limit must be between 1 and {MaxLimit}, got {limit}.");
            return false;
        }

        var after = HubSpotInput.Text(body["after"], "after");
        if (HubSpotPaging.DecodeSearchOffset(after) is not { } decoded)
        {
            error = HubSpotErrors.Validation($"Invalid paging cursor: after={after}.");
            return false;
        }

        offset = decoded;
        if ((long)offset + limit > MaxResults)
        {
            error = HubSpotErrors.Validation($"Cannot page past {MaxResults} results (after={offset}, limit={limit}).");
            return false;
        }

        return true;
    }
}
