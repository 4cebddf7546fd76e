namespace GtmGuard.Sync.Webhooks;

/// <summary>Outreach webhook intake (section <c>Sync:Intake:Outreach</c>).</summary>
public sealed class OutreachIntakeOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Environment variable holding the <c>secret</c> given when the webhook was created; Outreach signs each body with it.</summary>
    public string? SecretEnv { get; set; }

    /// <summary>File holding the webhook secret (used when <see cref="SecretEnv"/> is not set).</summary>
    public string? SecretFile { get; set; }
}
