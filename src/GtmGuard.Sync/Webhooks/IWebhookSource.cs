using GtmGuard.Sync.Vendors;
using Microsoft.AspNetCore.Http;

namespace GtmGuard.Sync.Webhooks;

/// <summary>One vendor's webhook dialect: how its deliveries are authenticated and how they become inbox events.</summary>
internal interface IWebhookSource
{
    VendorId Vendor { get; }

    bool Enabled { get; }

    /// <summary>Checks the delivery's signature or token over the raw body; null when authentic, else why not (safe to tell the sender).</summary>
    string? Verify(HttpRequest request, byte[] body, DateTimeOffset now);

    /// <summary>Turns an authentic body into inbox events, or explains what is wrong with it.</summary>
    WebhookParseResult Parse(HttpRequest request, byte[] body, DateTimeOffset receivedAt);
}
