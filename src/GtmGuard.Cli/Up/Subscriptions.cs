using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Cli.Up;

/// <summary>Points every simulator's webhooks at the intake: HubSpot by its control API, Outreach by its webhook API, Clay by the table's callback.</summary>
internal static class Subscriptions
{
    private static readonly string[] HubSpotEventTypes = ["contact.creation", "contact.propertyChange"];

    public static async Task SubscribeAsync(SimulatorHost simulators, Uri intake, CancellationToken cancellationToken)
    {
        var options = simulators.Options;
        if (simulators.HubSpot is { } hubSpot)
        {
            using var http = Client(hubSpot.BaseUrl, options.HubSpot.PrivateAppToken);
            using var response = await http.PostAsJsonAsync(
                "/__gtmguard/webhooks/subscriptions",
                new { targetUrl = Url(intake, "hubspot"), eventTypes = HubSpotEventTypes },
                cancellationToken);
            Ensure(response, "HubSpot webhook subscription");
        }

        if (simulators.Outreach is { } outreach)
        {
            using var http = Client(outreach.BaseUrl, null);
            using var token = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["client_id"] = options.Outreach.ClientId,
                ["client_secret"] = options.Outreach.ClientSecret,
                ["redirect_uri"] = options.Outreach.RedirectUri,
                ["code"] = options.Outreach.AuthorizationCode,
            }), cancellationToken);
            Ensure(token, "Outreach token");
            var accessToken = (await token.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["access_token"]!.GetValue<string>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            var document = new JsonObject
            {
                ["data"] = new JsonObject
                {
                    ["type"] = "webhook",
                    ["attributes"] = new JsonObject { ["url"] = Url(intake, "outreach"), ["resource"] = "mailing", ["secret"] = DemoConnections.OutreachWebhookSecret },
                },
            };
            using var content = new StringContent(document.ToJsonString(), Encoding.UTF8, "application/vnd.api+json");
            using var created = await http.PostAsync("/api/v2/webhooks", content, cancellationToken);
            Ensure(created, "Outreach webhook");
        }

        if (simulators.Clay is { } clay)
        {
            using var http = Client(clay.BaseUrl, null);
            var table = DemoConnections.Table(options.Clay);
            using var response = await http.PutAsJsonAsync(
                $"/__gtmguard/tables/{table.Id}/callback",
                new { url = Url(intake, "clay"), requests = 100, perMilliseconds = 1000, headers = new Dictionary<string, string> { ["x-clay-webhook-auth"] = DemoConnections.ClayCallbackToken } },
                cancellationToken);
            Ensure(response, "Clay table callback");
        }
    }

    private static string Url(Uri intake, string vendor) => new Uri(intake, "/webhooks/" + vendor).AbsoluteUri;

    private static HttpClient Client(string baseUrl, string? bearer)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    private static void Ensure(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"{what} failed: {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }
}
