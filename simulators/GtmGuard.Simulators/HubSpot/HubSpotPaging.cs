using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>
/// HubSpot's <c>after</c> cursors. List cursors are opaque (base64 of the next record id, URL-escaped, like the
/// spec's <c>NTI1Cg%3D%3D</c>), so deleting records between pages skips nothing; search cursors are plain offsets.
/// </summary>
internal static class HubSpotPaging
{
    /// <summary>The record id a list cursor points at; 0 when there is no cursor, null when it is not a cursor.</summary>
    public static long? DecodeListCursor(string? after)
    {
        if (string.IsNullOrEmpty(after))
        {
            return 0;
        }

        if (long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(Uri.UnescapeDataString(after)));
            return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string EncodeListCursor(string nextId) =>
        Uri.EscapeDataString(Convert.ToBase64String(Encoding.ASCII.GetBytes(nextId + "\n")));

    /// <summary>The <c>paging</c> object of a list page whose next record is <paramref name="nextId"/>.</summary>
    public static object ListNext(string nextId, SimRequest request)
    {
        var after = EncodeListCursor(nextId);
        var query = new List<string> { "after=" + after };
        if (request.Query("limit") is { } limit)
        {
            query.Add("limit=" + Uri.EscapeDataString(limit));
        }

        return new { next = new { after, link = request.BaseUrl + request.Path + "?" + string.Join('&', query) } };
    }

    /// <summary>A search offset; 0 when there is no cursor, null when it is not a non-negative integer.</summary>
    public static int? DecodeSearchOffset(string? after) =>
        string.IsNullOrEmpty(after) ? 0
        : int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset
        : null;

    public static JsonObject SearchNext(int offset) =>
        new() { ["next"] = new JsonObject { ["after"] = offset.ToString(CultureInfo.InvariantCulture) } };
}
