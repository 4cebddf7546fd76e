using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Vendors.Outreach;

internal sealed class OutreachOptionsValidator : IValidateOptions<OutreachOptions>
{
    public ValidateOptionsResult Validate(string? name, OutreachOptions options)
    {
        if (!options.Configured || !options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new OptionsProblems(OutreachOptions.Section);
        problems.Common(options);
        problems.Required(nameof(options.ClientId), options.ClientId, "(the OAuth app's client id)");
        problems.Secret("ClientSecret", options.ClientSecretEnv, options.ClientSecretFile, "(the OAuth app's client secret)");
        problems.Secret("RefreshToken", options.RefreshTokenEnv, options.RefreshTokenFile, "(Outreach has no static API keys)");
        if (options.TokenUrl is not null)
        {
            problems.Url(nameof(options.TokenUrl), options.TokenUrl);
        }

        problems.RotatedTokenKeeper(options.RotatedRefreshToken, options.RotatedRefreshTokenFile);
        problems.Quota(options.Quota);
        problems.Positive("Quota:HourlyLimit", options.Quota.HourlyLimit);
        return problems.Result();
    }
}
