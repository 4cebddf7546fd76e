using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>HubSpot's error body: <c>{"status":"error","message","correlationId","category",…}</c>, always JSON.</summary>
internal static class HubSpotErrors
{
    public static SimResponse Error(int status, string category, string message, object? context = null, object? errors = null, string? subCategory = null) =>
        SimResponse.Json(status, new Dictionary<string, object?>
        {
            ["status"] = "error",
            ["message"] = message,
            ["correlationId"] = Guid.NewGuid().ToString(),
            ["category"] = category,
            ["subCategory"] = subCategory,
            ["context"] = context,
            ["errors"] = errors,
        }.Where(p => p.Value is not null).ToDictionary());

    public static SimResponse Validation(string message, object? errors = null, object? context = null) =>
        Error(400, "VALIDATION_ERROR", message, context, errors);

    public static SimResponse ObjectNotFound(string id) =>
        Error(404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.", new Dictionary<string, string[]> { ["id"] = [id] });

    /// <summary>The property-validation 400 with its nested JSON-in-a-string message, one entry per bad property.</summary>
    public static SimResponse PropertyErrors(IReadOnlyList<PropertyError> problems, long portalId)
    {
        var errors = problems.Select(p => new Dictionary<string, object>
        {
            ["message"] = p.Message,
            ["code"] = p.Code,
            ["in"] = p.Name,
            ["context"] = new Dictionary<string, string[]> { ["propertyName"] = [p.Name] },
        }).ToArray();
        return Validation(PropertyErrorsMessage(problems, portalId), errors);
    }

    /// <summary><c>Property values were not valid: [{"isValid":false,…,"name":"missing",…}]</c>.</summary>
    public static string PropertyErrorsMessage(IReadOnlyList<PropertyError> problems, long portalId)
    {
        var inner = problems.Select(p => new Dictionary<string, object>
        {
            ["isValid"] = false,
            ["message"] = p.Message,
            ["error"] = p.Code,
            ["name"] = p.Name,
            ["localizedErrorMessage"] = p.Message,
            ["portalId"] = portalId,
        });
        return "Property values were not valid: " + System.Text.Json.JsonSerializer.Serialize(inner, SimJson.Options);
    }
}

/// <summary>One invalid property value: <c>PROPERTY_DOESNT_EXIST</c>, <c>INVALID_EMAIL</c>, <c>INVALID_INTEGER</c>…</summary>
internal sealed record PropertyError(string Name, string Code, string Message);
