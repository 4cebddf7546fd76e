using System.Net.Mime;
using System.Text;
using System.Text.Json;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace GtmGuard.Simulators.Hosting;

/// <summary>A response under construction; the pipeline adds headers before it becomes a WireMock message.</summary>
public sealed class SimResponse
{
    private SimResponse(int status) => Status = status;

    public int Status { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[]? Body { get; private init; }

    /// <summary>Serialises <paramref name="value"/> with the simulator's JSON settings.</summary>
    public static SimResponse Json(int status, object value, string contentType = MediaTypeNames.Application.Json) =>
        Json(status, value, SimJson.Options, contentType);

    public static SimResponse Json(int status, object value, JsonSerializerOptions options, string contentType = MediaTypeNames.Application.Json)
    {
        var response = new SimResponse(status) { Body = JsonSerializer.SerializeToUtf8Bytes(value, options) };
        response.Headers["Content-Type"] = contentType + "; charset=utf-8";
        return response;
    }

    public static SimResponse Text(int status, string body, string contentType)
    {
        var response = new SimResponse(status) { Body = Encoding.UTF8.GetBytes(body) };
        response.Headers["Content-Type"] = contentType;
        return response;
    }

    public static SimResponse Empty(int status) => new(status);

    /// <summary>Drops the connection before any byte of the answer is sent.</summary>
    public static SimResponse ConnectionReset() => new SimResponse(200).WithHeader(Hosting.ConnectionReset.MarkerHeader, "1");

    public SimResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    internal ResponseMessage ToMessage()
    {
        var message = new ResponseMessage
        {
            StatusCode = Status,
            Headers = new Dictionary<string, WireMockList<string>>(Headers.Count, StringComparer.OrdinalIgnoreCase),
        };
        foreach (var (name, value) in Headers)
        {
            message.Headers[name] = new WireMockList<string>(value);
        }

        if (Body is not null)
        {
            message.BodyData = new BodyData { BodyAsBytes = Body, DetectedBodyType = BodyType.Bytes };
        }

        return message;
    }
}
