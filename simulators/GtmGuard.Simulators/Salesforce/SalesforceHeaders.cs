namespace GtmGuard.Simulators.Salesforce;

/// <summary>Header names Salesforce sends and reads.</summary>
internal static class SalesforceHeaders
{
    /// <summary><c>api-usage=USED/LIMIT</c> on every metered response.</summary>
    public const string LimitInfo = "Sforce-Limit-Info";

    /// <summary><c>batchSize=N</c> for query page size.</summary>
    public const string QueryOptions = "Sforce-Query-Options";

    public const string WwwAuthenticate = "WWW-Authenticate";
}
