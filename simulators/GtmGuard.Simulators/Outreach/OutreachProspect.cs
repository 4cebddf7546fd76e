using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Outreach;

/// <summary>A prospect: client-set attribute values, plus the engagement fields Outreach maintains itself.</summary>
internal sealed class OutreachProspect : IOutreachResource
{
    public required long Id { get; init; }

    public string Type => "prospect";

    /// <summary>Attribute values that are set (standard and custom), by attribute name.</summary>
    public Dictionary<string, JsonNode?> Values { get; } = new(StringComparer.Ordinal);

    public required long OwnerId { get; init; }

    public long? AccountId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? OptedOutAt { get; set; }

    public DateTimeOffset? EngagedAt { get; set; }

    public DateTimeOffset? TouchedAt { get; set; }

    public int OpenCount { get; set; }

    public int ReplyCount { get; set; }

    public IReadOnlyList<string> Emails =>
        Values.GetValueOrDefault("emails") is JsonArray emails ? emails.Select(e => e!.GetValue<string>()).ToArray() : [];

    public IReadOnlyList<string> Tags =>
        Values.GetValueOrDefault("tags") is JsonArray tags ? tags.Select(e => e!.GetValue<string>()).ToArray() : [];

    public bool OptedOut => Values.GetValueOrDefault("optedOut") is JsonValue flag && flag.GetValue<bool>();

    public string? Text(string name) => Values.GetValueOrDefault(name) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public JsonObject Attributes()
    {
        var attributes = new JsonObject();
        foreach (var name in OutreachProspectAttributes.All)
        {
            attributes[name] = Derived(name) ?? Values.GetValueOrDefault(name)?.DeepClone() ?? (OutreachProspectAttributes.IsArray(name) ? new JsonArray() : null);
        }

        foreach (var (name, value) in Values.Where(v => v.Key.StartsWith("custom", StringComparison.Ordinal)).OrderBy(v => v.Key.Length).ThenBy(v => v.Key, StringComparer.Ordinal))
        {
            attributes[name] = value?.DeepClone();
        }

        return attributes;
    }

    public JsonObject Relationships(string baseUrl) => new()
    {
        ["account"] = OutreachJson.ToOne("account", AccountId),
        ["creator"] = OutreachJson.ToOne("user", OwnerId),
        ["owner"] = OutreachJson.ToOne("user", OwnerId),
        ["updater"] = OutreachJson.ToOne("user", OwnerId),
        ["mailings"] = OutreachJson.ToMany(baseUrl, "mailing", "prospect", Id),
        ["sequenceStates"] = OutreachJson.ToMany(baseUrl, "sequenceState", "prospect", Id),
    };

    private JsonNode? Derived(string name) => name switch
    {
        "createdAt" => OutreachTime.Node(CreatedAt),
        "updatedAt" => OutreachTime.Node(UpdatedAt),
        "optedOutAt" => OutreachTime.Node(OptedOutAt),
        "engagedAt" => OutreachTime.Node(EngagedAt),
        "touchedAt" => OutreachTime.Node(TouchedAt),
        "openCount" => OpenCount,
        "replyCount" => ReplyCount,
        "clickCount" => 0,
        "optedOut" => OptedOut,
        "callOptedOut" or "emailOptedOut" => Values.GetValueOrDefault(name)?.DeepClone() ?? false,
        "name" => string.Join(' ', new[] { Text("firstName"), Text("lastName") }.Where(n => !string.IsNullOrEmpty(n))) is { Length: > 0 } full ? full : null,
        _ => null,
    };
}
