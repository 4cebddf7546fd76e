namespace GtmGuard.Sync.Webhooks;

/// <summary>The 2xx body: how many events were stored new and how many were copies of known ones.</summary>
internal sealed record WebhookAck(int Accepted, int Duplicates);

/// <summary>The 4xx/5xx body: a stable code and a sentence for whoever reads the vendor's delivery log.</summary>
internal sealed record WebhookError(string Error, string Message);
