using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>Salesforce's response shapes: JSON as <c>application/json;charset=UTF-8</c>, REST errors as an array.</summary>
internal static class SalesforceResponses
{
    public const string JsonContentType = "application/json;charset=UTF-8";
    public const string CsvContentType = "text/csv";

    public static SimResponse Json(int status, object body) =>
        SimResponse.Json(status, body).WithHeader("Content-Type", JsonContentType);

    /// <summary>The REST error body: <c>[{"message","errorCode","fields"?}]</c>.</summary>
    public static SimResponse Errors(int status, params IEnumerable<SalesforceError> errors) =>
        Json(status, errors.Select(ErrorBody).ToArray());

    public static SimResponse Error(int status, string code, string message, IReadOnlyList<string>? fields = null) =>
        Errors(status, new SalesforceError(code, message, fields));

    public static SimResponse NotFound() => Errors(404, SalesforceError.NotFound);

    /// <summary>Per-item results of sObject Collections use <c>statusCode</c> rather than <c>errorCode</c>, and always carry <c>fields</c>.</summary>
    public static Dictionary<string, object> CollectionError(SalesforceError error) => new()
    {
        ["statusCode"] = error.Code,
        ["message"] = error.Message,
        ["fields"] = error.Fields ?? [],
    };

    private static Dictionary<string, object> ErrorBody(SalesforceError error)
    {
        var body = new Dictionary<string, object> { ["message"] = error.Message, ["errorCode"] = error.Code };
        if (error.Fields is not null)
        {
            body["fields"] = error.Fields;
        }

        return body;
    }
}
