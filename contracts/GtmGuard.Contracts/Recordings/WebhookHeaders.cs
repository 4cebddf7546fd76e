namespace GtmGuard.Contracts.Recordings;

/// <summary>Recognises a webhook delivery by the signature headers its vendor sends.</summary>
internal static class WebhookHeaders
{
    private static readonly (string Header, string Vendor)[] Signatures =
    [
        ("X-HubSpot-Signature-v3", "hubspot"),
        ("X-HubSpot-Signature", "hubspot"),
        ("Outreach-Webhook-Signature", "outreach"),
        ("Outreach-Webhook-ID", "outreach"),
    ];

    /// <summary>The vendor whose signature header the delivery carries, or null.</summary>
    public static string? VendorOf(IReadOnlyDictionary<string, string> requestHeaders) =>
        Signatures.FirstOrDefault(s => requestHeaders.ContainsKey(s.Header)).Vendor;
}
