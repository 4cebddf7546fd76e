using System.Globalization;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// <c>POST …/search</c>: filter groups (OR of ANDs), one sort, a text query, paging — with the documented limits
/// (5 groups, 6 filters per group, 18 filters, limit 200, 10,000 results, 3,000-character body) answered as VALIDATION_ERROR.
/// </summary>
internal sealed class HubSpotSearch
{
    private const int MaxGroups = 5;
    private const int MaxFiltersPerGroup = 6;
    private const int MaxFilters = 18;
    private const int MaxLimit = 200;
    private const int MaxResults = 10_000;
    private const int MaxBodyChars = 3_000;

    private static readonly HashSet<string> Operators =
    [
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
    ];

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

        var query = body["query"]?.GetValue<string>();
        var properties = body["properties"] is JsonArray names ? names.Select(n => n!.GetValue<string>()).ToArray() : null;
        lock (_store.Gate)
        {
            IEnumerable<HubSpotRecord> matches = _store.All().Where(r => groups.Count == 0 || groups.Any(g => g.All(f => f.Matches(r))));
            if (!string.IsNullOrWhiteSpace(query))
            {
                matches = matches.Where(r => MatchesQuery(r, query));
            }

            var ordered = sort is null
                ? matches.OrderBy(r => long.Parse(r.Id, CultureInfo.InvariantCulture))
                : sort.Value.Descending
                    ? matches.OrderByDescending(r => r.Properties.GetValueOrDefault(sort.Value.Property), SearchValueComparer.Instance)
                    : matches.OrderBy(r => r.Properties.GetValueOrDefault(sort.Value.Property), SearchValueComparer.Instance);
            var all = ordered.ToList();
            var page = all.Skip(offset).Take(limit).Select(r => HubSpotJson.Record(r, _store.Type, properties)).ToList();
            var response = new Dictionary<string, object> { ["total"] = all.Count, ["results"] = page };
            if (offset + limit < all.Count && offset + limit < MaxResults)
            {
                response["paging"] = HubSpotPaging.SearchNext(offset + limit);
            }

            return SimResponse.Json(200, response);
        }
    }

    private static readonly string[] QueryProperties = ["firstname", "lastname", "email", "phone", "company", "name", "domain", "website"];

    private static bool MatchesQuery(HubSpotRecord record, string query) =>
        QueryProperties.Any(p => record.Properties.TryGetValue(p, out var v) && v.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool TryReadFilters(JsonObject body, out List<List<SearchFilter>> groups, out SimResponse error)
    {
        groups = [];
        error = null!;
        if (body["filterGroups"] is not JsonArray filterGroups)
        {
            return true;
        }

        if (filterGroups.Count > MaxGroups)
        {
            error = HubSpotErrors.Validation($"Too many filter groups: {filterGroups.Count}. The maximum is {MaxGroups}.");
            return false;
        }

        var total = 0;
        foreach (var groupNode in filterGroups)
        {
            var filters = (groupNode as JsonObject)?["filters"] as JsonArray ?? [];
            if (filters.Count > MaxFiltersPerGroup)
            {
                error = HubSpotErrors.Validation($"Too many filters in a group: {filters.Count}. The maximum is {MaxFiltersPerGroup} per group.");
                return false;
            }

            total += filters.Count;
            var group = new List<SearchFilter>();
            foreach (var filterNode in filters)
            {
                if (!SearchFilter.TryRead(filterNode as JsonObject, out var filter, out var message))
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
        if (body["sorts"] is not JsonArray sorts || sorts.Count == 0)
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
            case JsonValue value:
                sort = (value.GetValue<string>().TrimStart('-'), value.GetValue<string>().StartsWith('-'));
                return true;
            case JsonObject rule when rule["propertyName"]?.GetValue<string>() is { } property:
                var direction = rule["direction"]?.GetValue<string>() ?? "ASCENDING";
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
        limit = body["limit"] is JsonValue limitValue && limitValue.TryGetValue<int>(out var l) ? l : 10;
        if (limit < 1 || limit > MaxLimit)
        {
            error = HubSpotErrors.Validation($"limit must be between 1 and {MaxLimit}, got {limit}.");
            return false;
        }

        var after = body["after"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<int>(out var i) => i.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (HubSpotPaging.DecodeAfter(after) is not { } decoded)
        {
            error = HubSpotErrors.Validation($"Invalid paging cursor 'after={after}'.");
            return false;
        }

        offset = decoded;
        if (offset + limit > MaxResults)
        {
            error = HubSpotErrors.Validation($"Cannot page past {MaxResults} results (after={offset}, limit={limit}).");
            return false;
        }

        return true;
    }

    /// <summary>One search filter; numbers and dates compare by value, everything else as text.</summary>
    private sealed record SearchFilter(string Property, string Operator, string? Value, string? HighValue, IReadOnlyList<string> Values)
    {
        public static bool TryRead(JsonObject? node, out SearchFilter filter, out string message)
        {
            filter = null!;
            message = string.Empty;
            var property = node?["propertyName"]?.GetValue<string>();
            var op = node?["operator"]?.GetValue<string>();
            if (property is null || op is null)
            {
                message = "Each filter needs a propertyName and an operator.";
                return false;
            }

            if (!Operators.Contains(op))
            {
                message = $"Unknown operator '{op}'. Operators: {string.Join(", ", Operators)}.";
                return false;
            }

            var values = node!["values"] is JsonArray array ? array.Select(v => Scalar(v) ?? string.Empty).ToArray() : [];
            filter = new SearchFilter(property, op, Scalar(node["value"]), Scalar(node["highValue"]), values);
            var needsValue = op is not ("HAS_PROPERTY" or "NOT_HAS_PROPERTY" or "IN" or "NOT_IN");
            if (needsValue && filter.Value is null)
            {
                message = $"Operator {op} on '{property}' needs a value.";
                return false;
            }

            if (op is "IN" or "NOT_IN" && values.Length == 0)
            {
                message = $"Operator {op} on '{property}' needs values.";
                return false;
            }

            return true;
        }

        public bool Matches(HubSpotRecord record)
        {
            var has = record.Properties.TryGetValue(Property, out var actual) && actual.Length > 0;
            return Operator switch
            {
                "HAS_PROPERTY" => has,
                "NOT_HAS_PROPERTY" => !has,
                "EQ" => has && Compare(actual!, Value!) == 0,
                "NEQ" => !has || Compare(actual!, Value!) != 0,
                "LT" => has && Compare(actual!, Value!) < 0,
                "LTE" => has && Compare(actual!, Value!) <= 0,
                "GT" => has && Compare(actual!, Value!) > 0,
                "GTE" => has && Compare(actual!, Value!) >= 0,
                "BETWEEN" => has && Compare(actual!, Value!) >= 0 && Compare(actual!, HighValue ?? Value!) <= 0,
                "IN" => has && Values.Any(v => Compare(actual!, v) == 0),
                "NOT_IN" => !has || Values.All(v => Compare(actual!, v) != 0),
                "CONTAINS_TOKEN" => has && ContainsToken(actual!, Value!),
                "NOT_CONTAINS_TOKEN" => !has || !ContainsToken(actual!, Value!),
                _ => false,
            };
        }

        private static int Compare(string actual, string expected) => SearchValueComparer.Instance.Compare(actual, expected);

        private static bool ContainsToken(string actual, string token)
        {
            var trimmed = token.Trim('*');
            if (token.StartsWith('*') || token.EndsWith('*'))
            {
                return actual.Contains(trimmed, StringComparison.OrdinalIgnoreCase);
            }

            return actual.Split([' ', '@', '.', '-', '_', ',', ';'], StringSplitOptions.RemoveEmptyEntries)
                .Any(t => string.Equals(t, trimmed, StringComparison.OrdinalIgnoreCase))
                || string.Equals(actual, trimmed, StringComparison.OrdinalIgnoreCase);
        }

        private static string? Scalar(JsonNode? node) => node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => node.ToJsonString(),
        };
    }
}

/// <summary>Orders property values as HubSpot does: numbers numerically, dates (ISO or epoch ms) by time, else case-insensitive text.</summary>
internal sealed class SearchValueComparer : IComparer<string?>
{
    public static SearchValueComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        if (TryNumber(x, out var a) && TryNumber(y, out var b))
        {
            return a.CompareTo(b);
        }

        return string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Numbers, and ISO dates as epoch milliseconds so they compare with epoch filter values.</summary>
    private static bool TryNumber(string text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (text.Length >= 10 && text[4] == '-' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            value = date.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }
}
