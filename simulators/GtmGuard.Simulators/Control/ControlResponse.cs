using GtmGuard.Simulators.Hosting;
using WireMock;

namespace GtmGuard.Simulators.Control;

/// <summary>Control API answers: JSON bodies, errors as <c>{"error": "…"}</c>.</summary>
public sealed class ControlResponse
{
    private readonly SimResponse _response;

    private ControlResponse(SimResponse response) => _response = response;

    public static ControlResponse Ok(object body) => Status(200, body);

    /// <summary>Control API bodies are camelCase throughout, whatever the vendor's own style.</summary>
    public static ControlResponse Status(int status, object body) => new(SimResponse.Json(status, body, ControlJson));

    public static ControlResponse Error(int status, string message) => Status(status, new { error = message });

    private static readonly System.Text.Json.JsonSerializerOptions ControlJson = new(SimJson.Options)
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
    };

    internal IResponseMessage ToMessage() => _response.ToMessage();
}
