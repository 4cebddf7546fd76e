using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>Checks single and batch writes share: required properties, unique values and <c>idProperty</c>.</summary>
internal static class HubSpotRules
{
    /// <summary>HubSpot's 409 when another live record already holds a unique value (the email, for contacts).</summary>
    public static SimResponse? Conflict(HubSpotObjectStore store, IReadOnlyDictionary<string, string?> values, string? selfId) =>
        store.FindUniqueHolder(values, selfId) is { } holder
            ? HubSpotErrors.Error(409, "CONFLICT", ConflictMessage(store.Type, holder.Holder.Id))
            : null;

    public static string ConflictMessage(HubSpotObjectType type, string existingId) => $"{type.Singular} already exists. Existing ID: {existingId}";

    /// <summary>A create needs one of the type's identifying properties (a contact: email, firstname or lastname).</summary>
    public static string? MissingRequired(HubSpotObjectType type, IReadOnlyDictionary<string, string?> values) =>
        type.OneOfRequired.Count == 0 || type.OneOfRequired.Any(p => !string.IsNullOrEmpty(values.GetValueOrDefault(p)))
            ? null
            : $"A {type.Singular.ToLowerInvariant()} needs at least one of these properties: {string.Join(", ", type.OneOfRequired)}.";

    /// <summary><c>idProperty</c> must be absent, <c>hs_object_id</c>, or a unique-value property.</summary>
    public static SimResponse? BadIdProperty(HubSpotObjectType type, string? idProperty) => idProperty switch
    {
        null or HubSpotObjectType.ObjectIdProperty => null,
        _ when type.IsUnique(idProperty) => null,
        _ when type.KnownProperties.Contains(idProperty) => HubSpotErrors.Validation(
            $"Property \"{idProperty}\" does not have unique values and can't be used as idProperty.",
            context: new Dictionary<string, string[]> { ["idProperty"] = [idProperty] }),
        _ => HubSpotErrors.Validation(
            $"Property \"{idProperty}\" does not exist and can't be used as idProperty.",
            context: new Dictionary<string, string[]> { ["idProperty"] = [idProperty] }),
    };
}
