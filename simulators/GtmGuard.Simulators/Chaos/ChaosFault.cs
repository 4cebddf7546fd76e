namespace GtmGuard.Simulators.Chaos;

/// <summary>What a chaos rule does to a request it hits.</summary>
public enum ChaosFault
{
    /// <summary>The vendor's 401, as if the token had just expired.</summary>
    Unauthorized,

    /// <summary>The vendor's validation error (HubSpot 400, Salesforce 400 FIELD_CUSTOM_VALIDATION_EXCEPTION).</summary>
    Validation,

    /// <summary>The vendor's quota answer (HubSpot 429, Salesforce 403 REQUEST_LIMIT_EXCEEDED), with its headers.</summary>
    RateLimit,

    /// <summary>500 in the vendor's shape.</summary>
    ServerError,

    /// <summary>503 in the vendor's shape; a rule with a window and no probability is an outage.</summary>
    Unavailable,

    /// <summary>Adds the rule's latency, then answers normally.</summary>
    Latency,

    /// <summary>Holds the request for the rule's latency (default 100 s) so clients time out.</summary>
    Hang,

    /// <summary>200 with a truncated JSON body.</summary>
    Malformed,

    /// <summary>Sends a status line and garbage, then closes the connection.</summary>
    Reset,
}

/// <summary>Timeline actions that change the simulator's state at a point in time.</summary>
public enum ChaosAction
{
    ExpireTokens,
    RevokeTokens,
}
