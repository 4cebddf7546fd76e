using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// Clay's Public API v0 (<c>/public/v0</c>, header <c>clay-api-key</c>): <c>GET /me</c> and <c>POST /tables/query</c>.
/// Once the credit budget is spent, data endpoints answer 402; <c>/me</c> keeps answering so a client can still check its key.
/// </summary>
internal sealed class ClayPublicApiEndpoints
{
    public const string Prefix = "/public/v0";

    private readonly ClayOptions _options;
    private readonly ClayCredits _credits;
    private readonly ClayTableQuery _query;

    public ClayPublicApiEndpoints(ClayOptions options, ClayCredits credits, ClayTables tables)
    {
        _options = options;
        _credits = credits;
        _query = new ClayTableQuery(tables);
    }

    public IEnumerable<SimRoute> Routes()
    {
        yield return new SimRoute("GET", Prefix + "/me", "me.get", Me);
        yield return new SimRoute("POST", Prefix + "/tables/query", "tables.query", request => _credits.Exhausted ? ClayErrors.PaymentRequired() : _query.Run(request));
    }

    private SimResponse Me(SimRequest request) => SimResponse.Json(200, new
    {
        user = new { id = _options.UserId, name = _options.UserName, cli_onboarded = false },
        workspace = new { id = _options.WorkspaceId },
    });
}
