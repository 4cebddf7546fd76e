using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Chaos;
using GtmGuard.Simulators.Hosting;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace GtmGuard.Simulators.Control;

/// <summary>GtmGuard's own control API under <c>/__gtmguard/</c>: state, reset, chaos, tokens and quota.</summary>
internal static class ControlApi
{
    public const string Prefix = "/__gtmguard";

    public static void Map(VendorSimulator simulator)
    {
        Register(simulator);
        WebhookControlApi.Map(simulator);
        Get(simulator, "/info", _ => ControlResponse.Ok(new
        {
            vendor = simulator.Name,
            baseUrl = simulator.BaseUrl,
            credentials = simulator.Credentials,
            operations = simulator.Routes.Select(r => new { r.Operation, r.Method, path = r.Template }),
        }));
        Get(simulator, "/state", _ => ControlResponse.Ok(new { vendor = simulator.Name, objects = simulator.StateSummary() }));
        Map(simulator, "GET", "/state/(?<type>[^/]+)", request =>
        {
            var type = Uri.UnescapeDataString(request.AbsolutePath[(Prefix.Length + "/state/".Length)..].TrimEnd('/'));
            if (!TryPage(request, out var offset, out var limit))
            {
                return ControlResponse.Error(400, "offset must be a whole number ≥ 0 and limit one from 1 to 100000.");
            }

            var dump = limit is null && offset == 0 ? simulator.StateDump(type) : simulator.StateDump(type, offset, limit ?? int.MaxValue);
            return dump is not null
                ? ControlResponse.Ok(dump)
                : ControlResponse.Error(404, $"Unknown object type '{type}'. Known: {string.Join(", ", simulator.StateSummary().Keys)}.");
        });
        Map(simulator, "POST", "/reset", _ =>
        {
            simulator.ResetState();
            simulator.Dialect.Quota.Reset();
            simulator.Webhooks?.Clear();
            return ControlResponse.Ok(new { reset = true, objects = simulator.StateSummary() });
        });
        Get(simulator, "/chaos", _ => ControlResponse.Ok(ChaosView(simulator)));
        Map(simulator, "PUT", "/chaos", request =>
        {
            try
            {
                simulator.Chaos.Apply(ChaosPlanParser.ParseJson(request.Body ?? string.Empty, simulator.Name));
                return ControlResponse.Ok(ChaosView(simulator));
            }
            catch (ChaosPlanException ex)
            {
                return ControlResponse.Error(400, ex.Message);
            }
        });
        Map(simulator, "DELETE", "/chaos", _ =>
        {
            simulator.Chaos.Apply(ChaosPlan.None);
            return ControlResponse.Ok(ChaosView(simulator));
        });
        Map(simulator, "POST", "/tokens/expire", _ => ControlResponse.Ok(new { expired = simulator.Tokens.ExpireAll() }));
        Map(simulator, "POST", "/tokens/revoke", request => RevokeTokens(simulator, request));
        Get(simulator, "/quota", _ => ControlResponse.Ok(new { vendor = simulator.Name, windows = simulator.Dialect.Quota.Usage() }));
        Map(simulator, "POST", "/quota/reset", _ =>
        {
            simulator.Dialect.Quota.Reset();
            return ControlResponse.Ok(new { vendor = simulator.Name, windows = simulator.Dialect.Quota.Usage() });
        });
    }

    /// <summary>Adds a control endpoint; vendors add their own (e.g. validation rules) through this.</summary>
    public static void Map(VendorSimulator simulator, string method, string pathPattern, Func<IRequestMessage, ControlResponse> handler) =>
        simulator.ControlRoutes.Add(method, $"^{Prefix}{pathPattern}/?$", handler);

    /// <summary>One WireMock mapping serves every control endpoint, ahead of user mappings and built-ins.</summary>
    internal static void Register(VendorSimulator simulator) =>
        simulator.Server
            .Given(Request.Create().WithPath(path => path.StartsWith(Prefix, StringComparison.Ordinal)).UsingAnyMethod())
            .AtPriority(VendorSimulator.ControlPriority)
            .WithTitle($"{simulator.Name} control API")
            .RespondWith(Response.Create().WithCallback(request => Safe(simulator.ControlRoutes.Find(request.Method, request.AbsolutePath) ?? NotFound, request)));

    /// <summary>The optional <c>?offset=N&amp;limit=M</c> of a state dump (no limit: every record from the offset on).</summary>
    private static bool TryPage(IRequestMessage request, out int offset, out int? limit)
    {
        offset = 0;
        limit = null;
        if (Query(request, "offset") is { } o && (!int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            return false;
        }

        if (Query(request, "limit") is { } l)
        {
            if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 100_000)
            {
                return false;
            }

            limit = parsed;
        }

        return true;
    }

    private static string? Query(IRequestMessage request, string name) =>
        request.Query is { } query && query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static ControlResponse NotFound(IRequestMessage request) =>
        ControlResponse.Error(404, $"No control endpoint {request.Method} {request.AbsolutePath}; see GET {Prefix}/info.");

    private static void Get(VendorSimulator simulator, string path, Func<IRequestMessage, ControlResponse> handler) =>
        Map(simulator, "GET", path, handler);

    private static IResponseMessage Safe(Func<IRequestMessage, ControlResponse> handler, IRequestMessage request)
    {
        try
        {
            return handler(request).ToMessage();
        }
        catch (JsonException ex)
        {
            return ControlResponse.Error(400, $"The body is not valid JSON: {ex.Message}").ToMessage();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // A value of the wrong type or range (a number where a string goes, a repeated name, a huge duration).
            return ControlResponse.Error(400, $"The body does not fit this endpoint: {ex.Message}").ToMessage();
        }
    }

    private static ControlResponse RevokeTokens(VendorSimulator simulator, IRequestMessage request)
    {
        var body = string.IsNullOrWhiteSpace(request.Body) ? null : JsonNode.Parse(request.Body) as JsonObject;
        if (body?["token"]?.GetValue<string>() is { } token)
        {
            return simulator.Tokens.Revoke(token) || simulator.Tokens.RevokeRefreshToken(token)
                ? ControlResponse.Ok(new { revoked = 1 })
                : ControlResponse.Error(404, "No such token was issued by this simulator.");
        }

        var includeRefresh = body?["includeRefreshTokens"]?.GetValue<bool>() ?? false;
        return ControlResponse.Ok(new { revoked = simulator.Tokens.RevokeAll(includeRefresh) });
    }

    private static object ChaosView(VendorSimulator simulator)
    {
        var plan = simulator.Chaos.Plan;
        return new
        {
            vendor = simulator.Name,
            name = plan.Name,
            seed = plan.Seed,
            startedAt = simulator.Chaos.StartedAt,
            rules = plan.Rules.Select(r => new
            {
                operation = r.Operation,
                fault = JsonNamingPolicy.CamelCase.ConvertName(r.Fault.ToString()),
                probability = r.Probability,
                from = Format(r.From),
                to = Format(r.To),
                latency = r.Latency > TimeSpan.Zero ? Format(r.Latency) : null,
                message = r.Message,
            }),
            events = plan.Events.Select(e => new
            {
                at = Format(e.At),
                action = JsonNamingPolicy.CamelCase.ConvertName(e.Action.ToString()),
                every = Format(e.Every),
            }),
        };
    }

    private static string? Format(TimeSpan? span) =>
        span is null ? null : span.Value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
