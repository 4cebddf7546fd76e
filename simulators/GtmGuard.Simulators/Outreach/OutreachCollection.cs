using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// Collection reads: filters, <c>sort</c> (<c>id</c> or a time field, <c>-</c> for descending), cursor paging with
/// <c>page[size]</c> (default 50, at most 1000) and an opaque <c>page[after]</c>, <c>links.first</c>/<c>links.next</c>,
/// and <c>meta.count</c> unless <c>count=false</c>.
/// </summary>
internal static class OutreachCollection
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    private const string PageSize = "page[size]";
    private const string PageAfter = "page[after]";

    /// <summary>Call with the store's lock held: <paramref name="items"/> is enumerated here.</summary>
    public static SimResponse List<T>(SimRequest request, IEnumerable<T> items, OutreachFilters<T> filters)
        where T : IOutreachResource
    {
        var query = OutreachQuery.Parse(request.PathAndQuery);
        if (ReadPageSize(query) is not { } size)
        {
            return OutreachErrors.BadRequest($"page[size] must be an integer from 1 to {MaxPageSize}; got '{query.Get(PageSize)}'.");
        }

        if (filters.TryBuild(query, out var predicate) is { } filterError)
        {
            return OutreachErrors.BadRequest(filterError);
        }

        var sort = query.Get("sort") ?? "id";
        var descending = sort.StartsWith('-');
        var sortName = sort.TrimStart('-');
        var sortKeys = filters.SortKeys;
        Func<T, long>? key = sortName == "id" ? item => item.Id : sortKeys.GetValueOrDefault(sortName);
        if (key is null)
        {
            return OutreachErrors.BadRequest($"Cannot sort by '{sortName}'. Sortable: id, {string.Join(", ", sortKeys.Keys.Order(StringComparer.Ordinal))}.");
        }

        Cursor? after = null;
        if (query.Get(PageAfter) is { Length: > 0 } afterText)
        {
            after = Cursor.Decode(afterText, sort);
            if (after is null)
            {
                return OutreachErrors.BadRequest($"Invalid page[after] cursor '{afterText}' for sort '{sort}'.");
            }
        }

        var matched = items.Where(predicate).Select(item => (Item: item, Key: key(item))).ToList();
        matched.Sort((a, b) =>
        {
            var order = a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Item.Id.CompareTo(b.Item.Id);
            return descending ? -order : order;
        });
        var remaining = after is { } cursor ? matched.Where(m => cursor.IsBefore(m.Key, m.Item.Id, descending)).ToList() : matched;
        var page = remaining.Take(size).ToList();

        var baseUrl = request.BaseUrl;
        var links = new JsonObject { ["first"] = baseUrl + query.Without(PageAfter) };
        if (remaining.Count > size)
        {
            var last = page[^1];
            links["next"] = baseUrl + query.With(PageAfter, new Cursor(sort, last.Key, last.Item.Id).Encode());
        }

        var document = new JsonObject
        {
            ["data"] = new JsonArray(page.Select(p => (JsonNode)OutreachJson.Resource(p.Item, baseUrl)).ToArray()),
            ["links"] = links,
        };
        if (!string.Equals(query.Get("count"), "false", StringComparison.OrdinalIgnoreCase))
        {
            document["meta"] = new JsonObject { ["count"] = matched.Count, ["count_truncated"] = false };
        }

        return OutreachJson.Document(200, document);
    }

    private static int? ReadPageSize(OutreachQuery query)
    {
        var text = query.Get(PageSize);
        if (text is null)
        {
            return DefaultPageSize;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize ? size : null;
    }

    /// <summary>Where the previous page ended: the sort, and the last item's sort key and id, base64url-encoded.</summary>
    private sealed record Cursor(string Sort, long Key, long Id)
    {
        public string Encode() =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Sort}|{Key}|{Id}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        /// <summary>True when (key, id) comes after this cursor in the page order.</summary>
        public bool IsBefore(long key, long id, bool descending)
        {
            var order = key != Key ? key.CompareTo(Key) : id.CompareTo(Id);
            return descending ? order < 0 : order > 0;
        }

        public static Cursor? Decode(string text, string sort)
        {
            try
            {
                var base64 = text.Replace('-', '+').Replace('_', '/');
                base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('|');
                return parts.Length == 3
                    && parts[0] == sort
                    && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var key)
                    && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                        ? new Cursor(sort, key, id)
                        : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
