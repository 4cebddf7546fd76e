using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GtmGuard.Sync.Vendors;

/// <summary>Request bodies: JSON with the vendor's media type (JSON:API for Outreach).</summary>
internal static class JsonBody
{
    public static HttpContent Of(JsonNode json, string mediaType = "application/json")
    {
        var content = new StringContent(json.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = null };
        return content;
    }
}
