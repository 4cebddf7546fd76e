using System.Globalization;
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

    public static Dictionary<string, string?> Configure(SimulatorHost simulators)
    {
        var options = simulators.Options;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (simulators.HubSpot is { } hubSpot)
        {
            settings["Sync:Vendors:HubSpot:BaseUrl"] = hubSpot.BaseUrl;
            settings["Sync:Vendors:HubSpot:Auth"] = "PrivateApp";
            settings["Sync:Vendors:HubSpot:PrivateAppTokenEnv"] = Env("HUBSPOT_PRIVATE_APP_TOKEN", options.HubSpot.PrivateAppToken);
            settings["Sync:Intake:HubSpot:ClientSecretEnv"] = Env("HUBSPOT_CLIENT_SECRET", options.HubSpot.ClientSecret);
        }

        if (simulators.Salesforce is { } salesforce)
        {
            settings["Sync:Vendors:Salesforce:BaseUrl"] = salesforce.BaseUrl;
            settings["Sync:Vendors:Salesforce:Auth"] = "RefreshToken";
            settings["Sync:Vendors:Salesforce:ClientId"] = options.Salesforce.ClientId;
            settings["Sync:Vendors:Salesforce:ClientSecretEnv"] = Env("SALESFORCE_CLIENT_SECRET", options.Salesforce.ClientSecret);
            settings["Sync:Vendors:Salesforce:RefreshTokenEnv"] = Env("SALESFORCE_REFRESH_TOKEN", options.Salesforce.RefreshToken);
        }

        if (simulators.Outreach is { } outreach)
        {
            settings["Sync:Vendors:Outreach:BaseUrl"] = outreach.BaseUrl + "/api/v2";
            settings["Sync:Vendors:Outreach:ClientId"] = options.Outreach.ClientId;
            settings["Sync:Vendors:Outreach:ClientSecretEnv"] = Env("OUTREACH_CLIENT_SECRET", options.Outreach.ClientSecret);
            settings["Sync:Vendors:Outreach:RefreshTokenEnv"] = Env("OUTREACH_REFRESH_TOKEN", options.Outreach.RefreshToken);
            settings["Sync:Intake:Outreach:SecretEnv"] = Env("OUTREACH_WEBHOOK_SECRET", OutreachWebhookSecret);
            settings["Sync:Workflows:SequenceId"] = options.Outreach.Sequences[0].Id.ToString(CultureInfo.InvariantCulture);
            settings["Sync:Workflows:MailboxId"] = options.Outreach.Mailboxes[0].Id.ToString(CultureInfo.InvariantCulture);
        }

        if (simulators.Clay is { } clay)
        {
            settings["Sync:Vendors:Clay:BaseUrl"] = clay.BaseUrl + "/public/v0";
            settings["Sync:Vendors:Clay:ApiKeyEnv"] = Env("CLAY_API_KEY", options.Clay.ApiKey);
            settings["Sync:Vendors:Clay:WebhookUrl"] = $"{clay.BaseUrl}/v3/sources/webhook/{Table(options.Clay).WebhookSourceId}";
            settings["Sync:Vendors:Clay:WebhookBatchSize"] = "100";
            settings["Sync:Intake:Clay:TokenEnv"] = Env("CLAY_CALLBACK_TOKEN", ClayCallbackToken);
            if (Table(options.Clay).WebhookAuthToken is { } token)
            {
                settings["Sync:Vendors:Clay:WebhookAuthTokenEnv"] = Env("CLAY_WEBHOOK_TOKEN", token);
            }
        }

        return settings;
    }

    /// <summary>The Clay table leads go into: the first configured, or the simulator's default.</summary>
    public static ClayTableOptions Table(ClayOptions clay) => clay.Tables.Count > 0 ? clay.Tables[0] : ClayTableOptions.Default();

    private static string Env(string name, string value)
    {
        Environment.SetEnvironmentVariable(Prefix + name, value);
        return Prefix + name;
    }
}
