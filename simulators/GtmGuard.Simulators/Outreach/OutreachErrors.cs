using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Outreach;

/// <summary>JSON:API error documents: <c>{"errors":[{"id","source"?,"title","detail"}]}</c> (vendor-facts §3.5).</summary>
internal static class OutreachErrors
{
    public static SimResponse Error(int status, string id, string title, string detail, string? pointer = null, string detailName = "detail")
    {
        var error = new JsonObject { ["id"] = id };
        if (pointer is not null)
        {
            error["source"] = new JsonObject { ["pointer"] = pointer };
        }

        error["title"] = title;
        error[detailName] = detail;
        return SimResponse.Json(status, new JsonObject { ["errors"] = new JsonArray(error) }, OutreachHeaders.JsonApi);
    }

    public static SimResponse Validation(string detail, string pointer = "/data") =>
        Error(422, "validationError", "Validation Error", detail, pointer);

    public static SimResponse NotFound(string type, string id) =>
        Error(404, "resourceNotFound", "Resource Not Found", $"Could not find '{type}' with ID '{id}'.");

    /// <summary>Structural problems with the request (unparseable JSON, no <c>data</c>, bad query parameters).</summary>
    public static SimResponse BadRequest(string detail) => Error(400, "badRequest", "Bad Request", detail);

    /// <summary>The documented 415, with its plural <c>details</c> member.</summary>
    public static SimResponse UnsupportedMediaType() =>
        Error(415, "unsupportedMediaType", "Unsupported Media Type", "Expected Content-Type header to be 'application/vnd.api+json'.", detailName: "details");

    public static SimResponse Unauthorized() =>
        Error(401, "unauthorized", "Unauthorized", "The access token is invalid or has expired.");
}
