using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GtmGuard.Simulators.Control;
using GtmGuard.Simulators.Hosting;
using WireMock;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// Control endpoints for what people do in Outreach, so tests can drive a sequence:
/// <c>POST /__gtmguard/sequenceStates/{id}/advance</c> (<c>{"open": true}</c> optional) delivers the current step,
/// <c>POST /__gtmguard/prospects/{id}/reply</c> (<c>{"optOut": true|false, "sequenceStateId"?: n}</c>) answers the latest mailing.
/// </summary>
internal static partial class OutreachControlApi
{
    public static void Map(VendorSimulator simulator, OutreachData data, OutreachEngagement engagement, TimeProvider clock)
    {
        ControlApi.Map(simulator, "POST", "/sequenceStates/(?<id>[^/]+)/advance", request =>
        {
            var body = Body(request);
            lock (data.Gate)
            {
                if (OutreachIds.Find(data.SequenceStates, Id(request)) is not { } state)
                {
                    return ControlResponse.Error(404, $"No sequence state '{Id(request)}'.");
                }

                if (state.State != OutreachSequenceState.Active)
                {
                    return ControlResponse.Error(409, $"Sequence state {state.Id} is {state.State}; only active ones advance.");
                }

                var events = new List<string>();
                var open = Flag(body, "open") ?? Flag(body, "opened") ?? false;
                var mailing = engagement.Advance(state, open, OutreachTime.Now(clock), events);
                return Result(simulator, data, mailing, state, events);
            }
        });
        ControlApi.Map(simulator, "POST", "/prospects/(?<id>[^/]+)/reply", request =>
        {
            var body = Body(request);
            lock (data.Gate)
            {
                if (OutreachIds.Find(data.Prospects, Id(request)) is not { } prospect)
                {
                    return ControlResponse.Error(404, $"No prospect '{Id(request)}'.");
                }

                var wanted = body?["sequenceStateId"] is { } node ? OutreachDocument.ReadId(node) : null;
                var state = data.SequenceStates.Values.LastOrDefault(s => s.ProspectId == prospect.Id && s.IsActive && (wanted is null || s.Id == wanted));
                if (state is null)
                {
                    return ControlResponse.Error(409, $"Prospect {prospect.Id} is not active in {(wanted is null ? "any sequence" : $"sequence state {wanted}")}.");
                }

                var events = new List<string>();
                var optOut = Flag(body, "optOut") ?? false;
                var mailing = engagement.Reply(prospect, state, optOut, OutreachTime.Now(clock), events);
                return Result(simulator, data, mailing, state, events);
            }
        });
    }

    private static ControlResponse Result(VendorSimulator simulator, OutreachData data, OutreachMailing mailing, OutreachSequenceState state, List<string> events) =>
        ControlResponse.Ok(new JsonObject
        {
            ["events"] = OutreachJson.Strings(events),
            ["mailing"] = OutreachJson.Resource(mailing, simulator.BaseUrl),
            ["sequenceState"] = OutreachJson.Resource(state, simulator.BaseUrl),
            ["prospect"] = data.Prospects.TryGetValue(state.ProspectId, out var prospect) ? OutreachJson.Resource(prospect, simulator.BaseUrl) : null,
        });

    private static JsonObject? Body(IRequestMessage request) =>
        string.IsNullOrWhiteSpace(request.Body) ? null : JsonNode.Parse(request.Body) as JsonObject;

    /// <summary>A boolean member; any other type is refused as a 400 by the control API.</summary>
    private static bool? Flag(JsonObject? body, string name) => body?[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw new JsonException($"'{name}' must be true or false."),
    };

    private static string Id(IRequestMessage request) => Uri.UnescapeDataString(IdPattern().Match(request.AbsolutePath).Groups["id"].Value);

    [GeneratedRegex(@"/(?:sequenceStates|prospects)/(?<id>[^/]+)/")]
    private static partial Regex IdPattern();
}
