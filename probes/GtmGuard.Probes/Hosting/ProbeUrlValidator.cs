using GtmGuard.Sync;
using Microsoft.Extensions.Options;

namespace GtmGuard.Probes.Hosting;

/// <summary>The probe service listens on loopback only; the start-up check names the URL at fault.</summary>
internal sealed class ProbeUrlValidator : IValidateOptions<ProbeOptions>
{
    public ValidateOptionsResult Validate(string? name, ProbeOptions options) =>
        Loopback.IsHttpUrl(options.Url)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Probes:Url '{options.Url}' must be an http URL on loopback (127.0.0.1, [::1] or localhost).");
}
