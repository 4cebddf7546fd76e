namespace GtmGuard.Sync.Vendors.Clay;

/// <summary>
/// Clay (section <c>Sync:Vendors:Clay</c>): the Public API (<see cref="VendorOptions.BaseUrl"/>, key in <c>clay-api-key</c>) and a
/// table's webhook source (<see cref="WebhookUrl"/>, optional token in <c>x-clay-webhook-auth</c>). Secrets are names of
/// environment variables or files.
/// </summary>
public sealed class ClayOptions : VendorOptions
{
    public const string Section = "Sync:Vendors:Clay";

    public ClayOptions() => BaseUrl = "https://api.clay.com/public/v0";

    public string? ApiKeyEnv { get; set; }

    public string? ApiKeyFile { get; set; }

    /// <summary>The table's webhook source URL, e.g. <c>https://api.clay.com/v3/sources/webhook/pull-in-data-from-a-webhook-…</c>.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The source's auth token, shown once when the source is created; unset when the source has none.</summary>
    public string? WebhookAuthTokenEnv { get; set; }

    public string? WebhookAuthTokenFile { get; set; }

    /// <summary>
    /// Rows per webhook POST. Clay documents one object per submission; whether it takes an array is not documented, so
    /// the default is 1 (the simulator takes arrays of up to 100).
    /// </summary>
    public int WebhookBatchSize { get; set; } = 1;

    public ClayQuotaOptions Quota { get; set; } = new();

    internal bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKeyEnv) || !string.IsNullOrWhiteSpace(ApiKeyFile);

    internal bool HasWebhookToken => !string.IsNullOrWhiteSpace(WebhookAuthTokenEnv) || !string.IsNullOrWhiteSpace(WebhookAuthTokenFile);
}
