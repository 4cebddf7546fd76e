using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Outreach;

/// <summary>A stored Outreach record that renders as a JSON:API resource object.</summary>
internal interface IOutreachResource
{
    long Id { get; }

    /// <summary>The JSON:API type, e.g. <c>prospect</c> or <c>sequenceState</c>.</summary>
    string Type { get; }

    DateTimeOffset CreatedAt { get; }

    DateTimeOffset UpdatedAt { get; }

    /// <summary>Every attribute, unset ones as null (or empty arrays).</summary>
    JsonObject Attributes();

    /// <summary>To-one relationships as resource identifiers, to-many ones as related links.</summary>
    JsonObject Relationships(string baseUrl);
}
