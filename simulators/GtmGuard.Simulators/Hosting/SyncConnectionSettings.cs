using System.Globalization;
using GtmGuard.Simulators.Clay;

namespace GtmGuard.Simulators.Hosting;

/// <summary>The secrets the sync core's webhook intake checks: they belong to the receiver, so its owner chooses them.</summary>
public sealed record IntakeSecrets(string OutreachWebhookSecret, string ClayCallbackToken);

/// <summary>Where each started simulator listens (null: not started), in this process or another.</summary>
public sealed record SimulatorUrls(string? Salesforce, string? HubSpot, string? Outreach, string? Clay)
{
    public static SimulatorUrls Of(SimulatorHost simulators)
    {
        ArgumentNullException.ThrowIfNull(simulators);
        return new(simulators.Salesforce?.BaseUrl, simulators.HubSpot?.BaseUrl, simulators.Outreach?.BaseUrl, simulators.Clay?.BaseUrl);
    }

    public IEnumerable<string> All => new[] { Salesforce, HubSpot, Outreach, Clay }.OfType<string>();
}

/// <summary>
/// The configuration a GtmGuard sync core needs to talk to running simulators, in its <c>Sync:</c> sections: URLs as
/// plain settings, credentials through a <c>publishSecret</c> callback (which stores a value where the sync core reads
/// secrets, an environment variable, and returns its name), so no secret sits in configuration. One place for
/// <c>gtmguard up</c>, <c>gtmguard probe --simulators</c> and the load-test runner.
/// </summary>
public static class SyncConnectionSettings
{
    public static Dictionary<string, string?> For(SimulatorHost simulators, IntakeSecrets intake, Func<string, string, string> publishSecret)
    {
        ArgumentNullException.ThrowIfNull(simulators);
        return For(simulators.Options, SimulatorUrls.Of(simulators), intake, publishSecret);
    }

    /// <summary>The same for simulators started with <paramref name="options"/> wherever they run, listening on <paramref name="urls"/>.</summary>
    public static Dictionary<string, string?> For(SimulatorsOptions options, SimulatorUrls urls, IntakeSecrets intake, Func<string, string, string> publishSecret)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(publishSecret);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Sync:Intake:Clay:TokenEnv"] = publishSecret("CLAY_CALLBACK_TOKEN", intake.ClayCallbackToken),
        };
        if (urls.HubSpot is { } hubSpot)
        {
            settings["Sync:Vendors:HubSpot:BaseUrl"] = hubSpot;
            settings["Sync:Vendors:HubSpot:Auth"] = "PrivateApp";
            settings["Sync:Vendors:HubSpot:PrivateAppTokenEnv"] = publishSecret("HUBSPOT_PRIVATE_APP_TOKEN", options.HubSpot.PrivateAppToken);
            settings["Sync:Intake:HubSpot:ClientSecretEnv"] = publishSecret("HUBSPOT_CLIENT_SECRET", options.HubSpot.ClientSecret);
        }
        else
        {
            settings["Sync:Intake:HubSpot:Enabled"] = "false";
        }

        if (urls.Salesforce is { } salesforce)
        {
            settings["Sync:Vendors:Salesforce:BaseUrl"] = salesforce;
            settings["Sync:Vendors:Salesforce:Auth"] = "RefreshToken";
            settings["Sync:Vendors:Salesforce:ClientId"] = options.Salesforce.ClientId;
            settings["Sync:Vendors:Salesforce:ClientSecretEnv"] = publishSecret("SALESFORCE_CLIENT_SECRET", options.Salesforce.ClientSecret);
            settings["Sync:Vendors:Salesforce:RefreshTokenEnv"] = publishSecret("SALESFORCE_REFRESH_TOKEN", options.Salesforce.RefreshToken);
        }

        if (urls.Outreach is { } outreach)
        {
            settings["Sync:Vendors:Outreach:BaseUrl"] = outreach + "/api/v2";
            settings["Sync:Vendors:Outreach:ClientId"] = options.Outreach.ClientId;
            settings["Sync:Vendors:Outreach:ClientSecretEnv"] = publishSecret("OUTREACH_CLIENT_SECRET", options.Outreach.ClientSecret);
            settings["Sync:Vendors:Outreach:RefreshTokenEnv"] = publishSecret("OUTREACH_REFRESH_TOKEN", options.Outreach.RefreshToken);
            settings["Sync:Intake:Outreach:SecretEnv"] = publishSecret("OUTREACH_WEBHOOK_SECRET", intake.OutreachWebhookSecret);
            settings["Sync:Workflows:SequenceId"] = options.Outreach.Sequences[0].Id.ToString(CultureInfo.InvariantCulture);
            settings["Sync:Workflows:MailboxId"] = options.Outreach.Mailboxes[0].Id.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            settings["Sync:Intake:Outreach:Enabled"] = "false";
        }

        if (urls.Clay is { } clay)
        {
            var table = ClayTable(options.Clay);
            settings["Sync:Vendors:Clay:BaseUrl"] = clay + "/public/v0";
            settings["Sync:Vendors:Clay:ApiKeyEnv"] = publishSecret("CLAY_API_KEY", options.Clay.ApiKey);
            settings["Sync:Vendors:Clay:WebhookUrl"] = $"{clay}/v3/sources/webhook/{table.WebhookSourceId}";
            settings["Sync:Vendors:Clay:WebhookBatchSize"] = "100";
            if (table.WebhookAuthToken is { } token)
            {
                settings["Sync:Vendors:Clay:WebhookAuthTokenEnv"] = publishSecret("CLAY_WEBHOOK_TOKEN", token);
            }
        }

        return settings;
    }

    /// <summary>The Clay table leads go into: the first configured, or the simulator's default.</summary>
    public static ClayTableOptions ClayTable(ClayOptions clay)
    {
        ArgumentNullException.ThrowIfNull(clay);
        return clay.Tables.Count > 0 ? clay.Tables[0] : ClayTableOptions.Default();
    }
}
