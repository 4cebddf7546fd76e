using GtmGuard.Sync.Auth;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Webhooks;

/// <summary>Checks the intake settings at start-up, naming the setting at fault; secrets must resolve for every enabled vendor.</summary>
internal sealed class WebhookIntakeOptionsValidator : IValidateOptions<WebhookIntakeOptions>
{
    /// <summary>Why a webhook secret is required, when neither its variable nor its file is set.</summary>
    internal const string DisableHint = "(or turn this vendor's intake off with its Enabled setting)";

    public ValidateOptionsResult Validate(string? name, WebhookIntakeOptions options)
    {
        var failures = new List<string>();
        const string section = WebhookIntakeOptions.Section;
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            failures.Add($"{section}:Url '{options.Url}' must be an absolute http:// URL such as http://127.0.0.1:5110.");
        }
        else if (!Loopback.IsHost(url.Host))
        {
            failures.Add($"{section}:Url '{options.Url}' is not a loopback address; the intake only listens on loopback (put a reverse proxy in front).");
        }

        if (options.PublicBaseUrl is { Length: > 0 } publicUrl
            && (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Query.Length > 0))
        {
            failures.Add($"{section}:PublicBaseUrl '{publicUrl}' must be an absolute http(s) URL without a query.");
        }

        if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"{section}:MaxBodyBytes must be between 1024 and 67108864.");
        }

        if (options.HubSpot.Enabled)
        {
            Collect(Secret($"{section}:HubSpot:ClientSecret", options.HubSpot.ClientSecretEnv, options.HubSpot.ClientSecretFile), failures);
            if (options.HubSpot.MaxTimestampAge <= TimeSpan.Zero)
            {
                failures.Add($"{section}:HubSpot:MaxTimestampAge must be positive.");
            }
        }

        if (options.Outreach.Enabled)
        {
            Collect(Secret($"{section}:Outreach:Secret", options.Outreach.SecretEnv, options.Outreach.SecretFile), failures);
        }

        if (options.Clay.Enabled)
        {
            Collect(Secret($"{section}:Clay:Token", options.Clay.TokenEnv, options.Clay.TokenFile), failures);
            if (string.IsNullOrWhiteSpace(options.Clay.TokenHeader))
            {
                failures.Add($"{section}:Clay:TokenHeader must name a header.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? Secret(string setting, string? env, string? file) =>
        new SecretReference(setting, env, file).Problem(DisableHint);

    private static void Collect(string? problem, List<string> failures)
    {
        if (problem is not null)
        {
            failures.Add(problem);
        }
    }
}
