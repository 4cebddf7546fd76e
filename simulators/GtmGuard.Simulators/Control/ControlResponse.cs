using GtmGuard.Simulators.Hosting;
using WireMock;

namespace GtmGuard.Simulators.Control;

/// <summary>Control API answers: JSON bodies, errors as <c>{"error": "…"}</c>.</summary>
public sealed class ControlResponse
{
    private readonly SimResponse _response;

    private ControlResponse(SimResponse response) => _response = response;

    public static ControlResponse Ok(object body) => new(SimResponse.Json(200, body));

    public static ControlResponse Status(int status, object body) => new(SimResponse.Json(status, body));

    public static ControlResponse Error(int status, string message) => new(SimResponse.Json(status, new { error = message }));

    internal IResponseMessage ToMessage() => _response.ToMessage();
}
