namespace GtmGuard.Sync.Webhooks;

/// <summary>Outreach webhook intake (section <c>Sync:Intake:Outreach</c>).</summary>
public sealed class OutreachIntakeOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The <c>secret</c> given when the webhook was created; Outreach signs each body with it.</summary>
    public SecretReference Secret { get; set; } = new() { EnvironmentVariable = "GTMGUARD_OUTREACH_WEBHOOK_SECRET" };
}
