using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Workflows;

/// <summary>Outbox payloads and webhook bodies as JSON: one set of serializer options, tolerant reads.</summary>
internal static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T payload) => JsonSerializer.Serialize(payload, Options);

    public static T Read<T>(OutboxItem item) =>
        JsonSerializer.Deserialize<T>(item.Payload, Options) ?? throw new JsonException($"Outbox write {item.Id} has an empty payload.");

    public static JsonObject? Object(string json) => JsonNode.Parse(json) as JsonObject;

    /// <summary>A string, number or boolean value as text; null for anything else.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonValue value when value.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    public static RecordedRequest Request(string method, string path, string? body) =>
        new(method, path, new Dictionary<string, string>(), SecretRedactor.RedactBody(body, "application/json"));
}
