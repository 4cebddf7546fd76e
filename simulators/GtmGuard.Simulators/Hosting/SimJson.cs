using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GtmGuard.Simulators.Hosting;

/// <summary>JSON settings shared by every simulator: vendors send camelCase or exact names, never nulls they don't have.</summary>
public static class SimJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Property names are written exactly as each vendor spells them.
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
