using GtmGuard.Simulators.Clay;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Cli.Up;

/// <summary>
/// Points the sync core at the running simulators for <c>gtmguard up</c> only: URLs as configuration, the simulators'
/// public demo credentials as process environment variables the configuration names. The sync core itself holds no secret.
/// Settings the user gave (appsettings, <c>GTMGUARD__</c>, flags) win over these defaults.
/// </summary>
internal static class DemoConnections
{
    public const string OutreachWebhookSecret = "gtmguard-demo-outreach-webhook-secret";
    public const string ClayCallbackToken = "gtmguard-demo-clay-callback-token";

    private const string Prefix = "GTMGUARD_DEMO_";

    public static Dictionary<string, string?> Configure(SimulatorHost simulators) =>
        SyncConnectionSettings.For(simulators, new IntakeSecrets(OutreachWebhookSecret, ClayCallbackToken), Env);

    /// <summary>The Clay table leads go into: the first configured, or the simulator's default.</summary>
    public static ClayTableOptions Table(ClayOptions clay) => SyncConnectionSettings.ClayTable(clay);

    private static string Env(string name, string value)
    {
        Environment.SetEnvironmentVariable(Prefix + name, value);
        return Prefix + name;
    }
}
