using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Simulators.Outreach;

/// <summary>Outreach simulator settings (section <c>Simulators:Outreach</c>). Credentials are the simulator's public demo values.</summary>
public sealed class OutreachOptions : IValidatableObject
{
    public const string Section = "Simulators:Outreach";

    public bool Enabled { get; set; } = true;

    /// <summary>0 picks a free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5103;

    /// <summary>Public demo value, not a secret.</summary>
    [Required]
    public string ClientId { get; set; } = "gtmguard-outreach-client";

    /// <summary>Public demo value, not a secret.</summary>
    [Required]
    public string ClientSecret { get; set; } = "gtmguard-outreach-secret";

    /// <summary>A refresh token accepted from the start (public demo value); rotated away on first use, restored by a state reset.</summary>
    [Required]
    public string RefreshToken { get; set; } = "gtmguard-outreach-refresh";

    /// <summary>An authorization code accepted for the authorization_code grant (public demo value; reusable, unlike Outreach's).</summary>
    [Required]
    public string AuthorizationCode { get; set; } = "gtmguard-outreach-code";

    [Required]
    public string RedirectUri { get; set; } = "http://127.0.0.1:5110/oauth/outreach/callback";

    /// <summary>Access tokens live 2 hours (<c>expires_in</c> 7200).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Refresh tokens live 14 days and rotate on every use.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Requests per user per clock hour; the window resets on the hour.</summary>
    [Range(1, int.MaxValue)]
    public int RequestsPerHour { get; set; } = 10_000;

    /// <summary>The Outreach user every token belongs to.</summary>
    [Range(1, long.MaxValue)]
    public long UserId { get; set; } = 1;

    /// <summary>Scopes granted to every token (space-separated in the token response).</summary>
    public string[] Scopes { get; set; } = ["prospects.all", "sequences.all", "sequenceStates.all", "mailboxes.all", "mailings.all", "webhooks.all"];

    /// <summary>Sequences that exist from the start and survive a state reset.</summary>
    public OutreachSequenceSeed[] Sequences { get; set; } =
    [
        new() { Id = 1, Name = "GtmGuard Outbound", StepCount = 3 },
        new() { Id = 2, Name = "GtmGuard Nurture", StepCount = 5 },
    ];

    /// <summary>Mailboxes that exist from the start and survive a state reset.</summary>
    public OutreachMailboxSeed[] Mailboxes { get; set; } =
    [
        new() { Id = 1, Email = "sdr@gtmguard.local" },
    ];

    /// <summary>Signs deliveries to subscriptions made through the control API without a secret (public demo value).</summary>
    [Required]
    public string WebhookSecret { get; set; } = "gtmguard-outreach-webhook-secret";

    /// <summary>Cross-field checks DataAnnotations cannot express: lifetimes, and seeds that are valid and unique.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AccessTokenLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("AccessTokenLifetime must be positive.", [nameof(AccessTokenLifetime)]);
        }

        if (RefreshTokenLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("RefreshTokenLifetime must be positive.", [nameof(RefreshTokenLifetime)]);
        }

        if (Mailboxes.Length == 0)
        {
            yield return new ValidationResult("At least one mailbox is needed to add prospects to sequences.", [nameof(Mailboxes)]);
        }

        foreach (var problem in Seeds(nameof(Sequences), Sequences, s => s.Id).Concat(Seeds(nameof(Mailboxes), Mailboxes, m => m.Id)))
        {
            yield return problem;
        }
    }

    private static IEnumerable<ValidationResult> Seeds<T>(string name, T[] seeds, Func<T, long> id)
        where T : notnull
    {
        foreach (var seed in seeds)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(seed, new ValidationContext(seed), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return new ValidationResult($"{name}: {result.ErrorMessage}", [name]);
                }
            }
        }

        foreach (var duplicate in seeds.GroupBy(id).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"{name}: id {duplicate.Key} is used more than once.", [name]);
        }
    }
}
