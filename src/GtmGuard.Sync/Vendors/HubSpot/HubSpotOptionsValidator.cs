using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Vendors.HubSpot;

internal sealed class HubSpotOptionsValidator : IValidateOptions<HubSpotOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSpotOptions options)
    {
        if (!options.Configured || !options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new OptionsProblems(HubSpotOptions.Section);
        problems.Common(options);
        if (options.Auth == HubSpotAuth.PrivateApp)
        {
            problems.Secret("PrivateAppToken", options.PrivateAppTokenEnv, options.PrivateAppTokenFile, "when Auth is PrivateApp");
        }
        else
        {
            problems.Required(nameof(options.ClientId), options.ClientId, "when Auth is OAuth");
            problems.Secret("ClientSecret", options.ClientSecretEnv, options.ClientSecretFile, "when Auth is OAuth");
            problems.Secret("RefreshToken", options.RefreshTokenEnv, options.RefreshTokenFile, "when Auth is OAuth");
            if (options.TokenUrl is not null)
            {
                problems.Url(nameof(options.TokenUrl), options.TokenUrl);
            }
        }

        problems.Quota(options.Quota);
        problems.Positive("Quota:TenSecondLimit", options.Quota.TenSecondLimit);
        problems.Positive("Quota:DailyLimit", options.Quota.DailyLimit);
        problems.Positive("Quota:SearchPerSecondLimit", options.Quota.SearchPerSecondLimit);
        return problems.Result();
    }
}
