using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Auth;

/// <summary>
/// Posts a form to an OAuth token endpoint and reads the answer: <c>access_token</c>, <c>expires_in</c> (HubSpot,
/// Outreach; Salesforce sends none), <c>refresh_token</c> (kept by rotating grants) and <c>instance_url</c> (Salesforce).
/// </summary>
internal sealed class OAuthTokenEndpoint
{
    public const string Operation = "oauth.token";

    private readonly IHttpClientFactory _clients;
    private readonly string _clientName;
    private readonly Uri _tokenUrl;
    private readonly TimeProvider _clock;

    public OAuthTokenEndpoint(IHttpClientFactory clients, string clientName, Uri tokenUrl, TimeProvider clock)
    {
        _clients = clients;
        _clientName = clientName;
        _tokenUrl = tokenUrl;
        _clock = clock;
    }

    public async Task<(AccessToken Token, string? RefreshToken)> RequestAsync(IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var fields = form.ToList();
        using var request = VendorRequest.Create(HttpMethod.Post, _tokenUrl.ToString(), Operation, new FormUrlEncodedContent(fields));
        if (fields.Any(f => f is { Key: "grant_type", Value: "refresh_token" }))
        {
            // The vendor may rotate the refresh token and drop the old one: a resend after a lost answer would present
            // a token it no longer takes, and the new one would never arrive.
            request.SendOnce();
        }

        HttpResponseMessage response;
        try
        {
            response = await _clients.CreateClient(_clientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OutcomeClassifier.TryClassify(ex, cancellationToken, out var outcome))
        {
            throw new TokenRequestException(outcome, $"The token endpoint {_tokenUrl.GetLeftPart(UriPartial.Path)} could not be reached: {ex.GetType().Name}.", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new TokenRequestException(Failure(response.StatusCode), $"The token endpoint answered {(int)response.StatusCode}: {ErrorText(body)}");
            }

            return Parse(body);
        }
    }

    /// <summary>A refused grant (400 invalid_grant, 401 invalid_client) means the credentials are wrong; anything else may pass.</summary>
    private static VendorOutcome Failure(HttpStatusCode status) => (int)status switch
    {
        400 or 401 or 403 => VendorOutcome.Unauthorized,
        var other => OutcomeClassifier.Classify(other),
    };

    /// <summary>The OAuth <c>error</c>/<c>error_description</c> or HubSpot <c>status</c>/<c>message</c>; never the request.</summary>
    private static string ErrorText(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject error)
            {
                var code = Text(error, "error") ?? Text(error, "status");
                var description = Text(error, "error_description") ?? Text(error, "message");
                return $"{code} {description}".Trim();
            }
        }
        catch (JsonException)
        {
        }

        return "unreadable error body";
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private (AccessToken, string?) Parse(string body)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            throw new TokenRequestException(VendorOutcome.ServerError, "The token endpoint answered 2xx with a body that is not a JSON object.", ex);
        }

        var accessToken = Text(json, "access_token");
        if (string.IsNullOrEmpty(accessToken))
        {
            throw new TokenRequestException(VendorOutcome.ServerError, "The token endpoint answered 2xx without an access_token.");
        }

        DateTimeOffset? expiresAt = json["expires_in"] is JsonValue expires && expires.TryGetValue<long>(out var seconds) && seconds > 0
            ? _clock.GetUtcNow().AddSeconds(seconds)
            : null;
        Uri? instance = Text(json, "instance_url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : null;
        return (new AccessToken(accessToken, expiresAt, instance), Text(json, "refresh_token"));
    }
}
