using System.Globalization;
using GtmGuard.Simulators.Hosting;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// Outreach API v2: OAuth with rotating refresh tokens, JSON:API prospects, sequences, mailboxes, sequence states,
/// mailings and webhooks, a per-user hourly quota, signed webhook deliveries, and control endpoints that play the prospect.
/// </summary>
public sealed class OutreachSimulator : VendorSimulator
{
    private readonly OutreachOptions _options;
    private readonly OutreachDialect _dialect;
    private readonly OutreachData _data;
    private readonly OutreachRefreshTokens _refreshTokens;
    private readonly OutreachWebhookEndpoints _webhookEndpoints;
    private readonly IReadOnlyList<SimRoute> _routes;

    public OutreachSimulator(OutreachOptions options, SimulatorSettings settings, TimeProvider clock, ILoggerFactory loggers)
        : base("outreach", settings, clock, loggers)
    {
        _options = options;
        var dispatcher = UseWebhooks(new OutreachWebhookProtocol());
        _data = new OutreachData(options, clock);
        _dialect = new OutreachDialect(Tokens, new OutreachQuota(options.RequestsPerHour, Tokens, clock), clock);
        _refreshTokens = new OutreachRefreshTokens(Tokens, clock, options.RefreshTokenLifetime);
        _refreshTokens.Add(options.RefreshToken, UserSubject);

        var events = new OutreachEvents(dispatcher, () => BaseUrl, clock);
        var engagement = new OutreachEngagement(_data, events);
        _webhookEndpoints = new OutreachWebhookEndpoints(_data, dispatcher, options, clock);
        _routes =
        [
            .. new OutreachOAuthEndpoints(options, Tokens, _refreshTokens).Routes(),
            .. new OutreachProspectEndpoints(_data, events, engagement, options, clock).Routes(),
            .. new OutreachSequenceStateEndpoints(_data, events, engagement, options, clock).Routes(),
            .. OutreachReadEndpoints.Routes(_data),
            .. _webhookEndpoints.Routes(),
        ];
        OutreachControlApi.Map(this, _data, engagement, clock);
    }

    public override IVendorDialect Dialect => _dialect;

    public override IReadOnlyList<SimRoute> Routes => _routes;

    public override string? DefaultWebhookSecret => _options.WebhookSecret;

    public override IReadOnlyDictionary<string, string> Credentials => new Dictionary<string, string>
    {
        ["clientId"] = _options.ClientId,
        ["clientSecret"] = _options.ClientSecret,
        ["refreshToken"] = _options.RefreshToken,
        ["authorizationCode"] = _options.AuthorizationCode,
        ["redirectUri"] = _options.RedirectUri,
        ["userId"] = UserSubject,
        ["tokenUrl"] = BaseUrl + "/oauth/token",
        ["apiBaseUrl"] = BaseUrl + "/api/v2",
    };

    protected override int Port => _options.Port;

    private string UserSubject => _options.UserId.ToString(CultureInfo.InvariantCulture);

    public override IReadOnlyDictionary<string, int> StateSummary()
    {
        lock (_data.Gate)
        {
            return _data.Counts();
        }
    }

    public override object? StateDump(string objectType) => StateDump(objectType, 0, int.MaxValue);

    /// <summary>Skips to the page before rendering, so each page of a large store costs only its own records' JSON.</summary>
    public override object? StateDump(string objectType, int offset, int limit)
    {
        lock (_data.Gate)
        {
            IEnumerable<IOutreachResource>? records = objectType switch
            {
                "prospects" or "prospect" => _data.Prospects.Values,
                "sequences" or "sequence" => _data.Sequences.Values,
                "mailboxes" or "mailbox" => _data.Mailboxes.Values,
                "sequenceStates" or "sequenceState" => _data.SequenceStates.Values,
                "mailings" or "mailing" => _data.Mailings.Values,
                "webhooks" or "webhook" => _data.Webhooks.Values,
                _ => null,
            };
            return records?.Skip(offset).Take(limit).Select(r => OutreachJson.Resource(r, BaseUrl)).ToList();
        }
    }

    /// <summary>Forgets prospects, sequence states, mailings and webhooks (and their subscriptions); seeded sequences, mailboxes and the seeded refresh token are back.</summary>
    public override void ResetState()
    {
        lock (_data.Gate)
        {
            _webhookEndpoints.UnsubscribeAll();
            _data.Clear();
        }

        _refreshTokens.Add(_options.RefreshToken, UserSubject);
    }
}
