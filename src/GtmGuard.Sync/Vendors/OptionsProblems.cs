using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Resilience;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Vendors;

/// <summary>Collects start-up validation failures, each naming its setting by its full configuration path.</summary>
internal sealed class OptionsProblems
{
    private readonly List<string> _problems = [];

    public OptionsProblems(string section) => Section = section;

    /// <summary>The vendor's section, e.g. <c>Sync:Vendors:HubSpot</c>.</summary>
    public string Section { get; }

    public string Setting(string name) => $"{Section}:{name}";

    public void Add(string? problem)
    {
        if (problem is not null)
        {
            _problems.Add(problem);
        }
    }

    public void Url(string name, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            _problems.Add($"{Setting(name)} '{value}' is not an absolute http(s) URL.");
        }
    }

    public void Required(string name, string? value, string because)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _problems.Add($"{Setting(name)} is required {because}.");
        }
    }

    public void Secret(string name, string? env, string? file, string because) =>
        Add(new SecretReference(Setting(name), env, file).Problem(because));

    /// <summary><c>RotatedRefreshToken</c> is Store, File or Memory; File needs a file in an existing folder.</summary>
    public void RotatedTokenKeeper(string keeper, string? file)
    {
        if (!new[] { "store", "file", "memory" }.Contains(keeper.ToLowerInvariant()))
        {
            _problems.Add($"{Setting("RotatedRefreshToken")} '{keeper}' must be Store, File or Memory.");
        }
        else if (keeper.Equals("file", StringComparison.OrdinalIgnoreCase))
        {
            var folder = string.IsNullOrWhiteSpace(file) ? null : Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is null)
            {
                _problems.Add($"{Setting("RotatedRefreshTokenFile")} is required when RotatedRefreshToken is File.");
            }
            else if (!Directory.Exists(folder))
            {
                _problems.Add($"{Setting("RotatedRefreshTokenFile")} '{file}' is in a folder that does not exist.");
            }
        }
    }

    public void Positive(string name, double value)
    {
        if (value <= 0)
        {
            _problems.Add($"{Setting(name)} must be greater than zero (was {value}).");
        }
    }

    public void Positive(string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            _problems.Add($"{Setting(name)} must be a positive duration (was {value}).");
        }
    }

    public void Common(VendorOptions options)
    {
        Url(nameof(VendorOptions.BaseUrl), options.BaseUrl);
        Required(nameof(VendorOptions.Account), options.Account, "to name the account whose quota is shared");
        if (options.TokenRefreshAhead < TimeSpan.Zero)
        {
            _problems.Add($"{Setting(nameof(VendorOptions.TokenRefreshAhead))} must not be negative.");
        }

        var resilience = options.Resilience;
        const string prefix = nameof(VendorOptions.Resilience) + ":";
        if (resilience.MaxRetryAttempts is < 0 or > 20)
        {
            _problems.Add($"{Setting(prefix + nameof(VendorResilienceOptions.MaxRetryAttempts))} must be between 0 and 20 (was {resilience.MaxRetryAttempts}).");
        }

        Positive(prefix + nameof(VendorResilienceOptions.AttemptTimeout), resilience.AttemptTimeout);
        Positive(prefix + nameof(VendorResilienceOptions.TotalTimeout), resilience.TotalTimeout);
        Positive(prefix + nameof(VendorResilienceOptions.BaseDelay), resilience.BaseDelay);
        Positive(prefix + nameof(VendorResilienceOptions.MaxDelay), resilience.MaxDelay);
        Positive(prefix + nameof(VendorResilienceOptions.BreakerSamplingDuration), resilience.BreakerSamplingDuration);
        Positive(prefix + nameof(VendorResilienceOptions.BreakerBreakDuration), resilience.BreakerBreakDuration);
        if (resilience.BreakerFailureRatio is <= 0 or > 1)
        {
            _problems.Add($"{Setting(prefix + nameof(VendorResilienceOptions.BreakerFailureRatio))} must be in (0, 1] (was {resilience.BreakerFailureRatio}).");
        }

        if (resilience.BreakerMinimumThroughput < 2)
        {
            _problems.Add($"{Setting(prefix + nameof(VendorResilienceOptions.BreakerMinimumThroughput))} must be at least 2 (was {resilience.BreakerMinimumThroughput}).");
        }
    }

    public void Quota(VendorQuotaOptions quota)
    {
        const string prefix = "Quota:";
        Positive(prefix + nameof(VendorQuotaOptions.MaxWait), quota.MaxWait);
        if (quota.SlowDownBelow is < 0 or >= 1)
        {
            _problems.Add($"{Setting(prefix + nameof(VendorQuotaOptions.SlowDownBelow))} must be in [0, 1) (was {quota.SlowDownBelow}).");
        }
    }

    public ValidateOptionsResult Result() => _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);
}
