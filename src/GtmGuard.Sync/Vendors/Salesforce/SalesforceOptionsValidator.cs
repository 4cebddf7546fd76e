using System.Globalization;
using GtmGuard.Sync.Auth;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Vendors.Salesforce;

internal sealed class SalesforceOptionsValidator : IValidateOptions<SalesforceOptions>
{
    private const double MinimumApiVersion = 46.0;

    public ValidateOptionsResult Validate(string? name, SalesforceOptions options)
    {
        if (!options.Configured || !options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new OptionsProblems(SalesforceOptions.Section);
        problems.Common(options);
        problems.Required(nameof(options.ClientId), options.ClientId, "(the connected app's consumer key)");
        if (options.Auth == SalesforceAuth.JwtBearer)
        {
            problems.Add(JwtBearerGrant.KeyProblem(problems.Setting(nameof(options.JwtKeyFile)), options.JwtKeyFile));
            problems.Required(nameof(options.Username), options.Username, "when Auth is JwtBearer");
            if (options.Audience is not null)
            {
                problems.Url(nameof(options.Audience), options.Audience);
            }
        }
        else
        {
            problems.Secret("RefreshToken", options.RefreshTokenEnv, options.RefreshTokenFile, "when Auth is RefreshToken");
            if (!string.IsNullOrWhiteSpace(options.ClientSecretEnv) || !string.IsNullOrWhiteSpace(options.ClientSecretFile))
            {
                problems.Secret("ClientSecret", options.ClientSecretEnv, options.ClientSecretFile, "when set");
            }
        }

        if (options.TokenUrl is not null)
        {
            problems.Url(nameof(options.TokenUrl), options.TokenUrl);
        }

        if (!double.TryParse(options.ApiVersion, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version)
            || !options.ApiVersion.Contains('.', StringComparison.Ordinal)
            || version < MinimumApiVersion)
        {
            problems.Add($"{problems.Setting(nameof(options.ApiVersion))} '{options.ApiVersion}' must look like 62.0 and be 46.0 or later (sObject Collections upsert).");
        }

        problems.Positive(nameof(options.BulkThreshold), options.BulkThreshold);
        problems.Positive(nameof(options.BulkPollInitialDelay), options.BulkPollInitialDelay);
        problems.Positive(nameof(options.BulkPollMaxDelay), options.BulkPollMaxDelay);
        problems.Positive(nameof(options.BulkTimeout), options.BulkTimeout);
        if (options.QueryBatchSize is < 200 or > 2000)
        {
            problems.Add($"{problems.Setting(nameof(options.QueryBatchSize))} must be between 200 and 2000 (was {options.QueryBatchSize}).");
        }

        problems.Quota(options.Quota);
        problems.Positive("Quota:DailyLimit", options.Quota.DailyLimit);
        return problems.Result();
    }
}
