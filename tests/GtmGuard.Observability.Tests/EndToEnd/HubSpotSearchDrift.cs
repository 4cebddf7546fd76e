using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GtmGuard.Observability.Tests.EndToEnd;

/// <summary>
/// HubSpot changes its contact search answer without notice: a WireMock mapping (the simulator's admin API) replays the
/// simulator's own answer with one undocumented field added, the kind of additive drift live contract sampling counts.
/// Disposing removes the mapping, so the built-in route answers again.
/// </summary>
internal sealed class HubSpotSearchDrift : IAsyncDisposable
{
    public const string SearchPath = "/crm/v3/objects/contacts/search";
    public const string UndocumentedField = "gtmguardUndocumentedField";

    private readonly HttpClient _hubSpot;
    private readonly Guid _mapping = Guid.NewGuid();

    private HubSpotSearchDrift(HttpClient hubSpot) => _hubSpot = hubSpot;

    public static async Task<HubSpotSearchDrift> StartAsync(HttpClient hubSpot, string accessToken, CancellationToken cancellationToken)
    {
        using var search = new HttpRequestMessage(HttpMethod.Post, SearchPath.TrimStart('/'))
        {
            Content = JsonContent.Create(new { filterGroups = Array.Empty<object>(), properties = new[] { "email" }, limit = 1 }),
        };
        search.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var answer = await hubSpot.SendAsync(search, cancellationToken);
        answer.EnsureSuccessStatusCode();
        var drifted = JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        drifted[UndocumentedField] = "added by the vendor";

        var drift = new HubSpotSearchDrift(hubSpot);
        var mapping = new
        {
            Guid = drift._mapping,
            Request = new { Path = SearchPath, Methods = new[] { "POST" } },
            Response = new { StatusCode = 200, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" }, Body = drifted.ToJsonString() },
        };
        using var created = await hubSpot.PostAsJsonAsync("__admin/mappings", mapping, cancellationToken);
        created.EnsureSuccessStatusCode();
        return drift;
    }

    public async ValueTask DisposeAsync()
    {
        using var deleted = await _hubSpot.DeleteAsync($"__admin/mappings/{_mapping}");
        deleted.EnsureSuccessStatusCode();
    }
}
