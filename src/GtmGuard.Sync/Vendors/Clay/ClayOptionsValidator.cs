using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Vendors.Clay;

internal sealed class ClayOptionsValidator : IValidateOptions<ClayOptions>
{
    public ValidateOptionsResult Validate(string? name, ClayOptions options)
    {
        if (!options.Configured || !options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new OptionsProblems(ClayOptions.Section);
        problems.Common(options);
        if (!options.HasApiKey && string.IsNullOrWhiteSpace(options.WebhookUrl))
        {
            problems.Add($"{problems.Setting("ApiKeyEnv")} (or ApiKeyFile) or {problems.Setting("WebhookUrl")} is required: configure the Public API, a webhook source, or both.");
        }

        if (options.HasApiKey)
        {
            problems.Secret("ApiKey", options.ApiKeyEnv, options.ApiKeyFile, "for the Public API");
        }

        if (!string.IsNullOrWhiteSpace(options.WebhookUrl))
        {
            problems.Url(nameof(options.WebhookUrl), options.WebhookUrl);
        }

        if (options.HasWebhookToken)
        {
            problems.Secret("WebhookAuthToken", options.WebhookAuthTokenEnv, options.WebhookAuthTokenFile, "for the webhook source");
        }

        if (options.WebhookBatchSize is < 1 or > 100)
        {
            problems.Add($"{problems.Setting(nameof(options.WebhookBatchSize))} must be between 1 and 100 (was {options.WebhookBatchSize}).");
        }

        problems.Quota(options.Quota);
        problems.Positive("Quota:ApiLimit", options.Quota.ApiLimit);
        problems.Positive("Quota:ApiWindow", options.Quota.ApiWindow);
        problems.Positive("Quota:WebhookLimit", options.Quota.WebhookLimit);
        problems.Positive("Quota:WebhookWindow", options.Quota.WebhookWindow);
        return problems.Result();
    }
}
