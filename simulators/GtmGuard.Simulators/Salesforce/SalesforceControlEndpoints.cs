using System.Text.Json;
using System.Text.Json.Serialization;
using GtmGuard.Simulators.Control;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>Salesforce's own control endpoints: <c>GET/PUT /__gtmguard/validation-rules</c> to read or replace the rules at run time.</summary>
internal static class SalesforceControlEndpoints
{
    private static readonly JsonSerializerOptions RuleJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Map(SalesforceSimulator simulator)
    {
        ControlApi.Map(simulator, "GET", "/validation-rules", _ => ControlResponse.Ok(View(simulator)));
        ControlApi.Map(simulator, "PUT", "/validation-rules", request =>
        {
            try
            {
                // Either a bare array of rules or {"rules": [...]}.
                var text = request.Body ?? string.Empty;
                var rules = text.TrimStart().StartsWith('[')
                    ? JsonSerializer.Deserialize<List<SalesforceValidationRule>>(text, RuleJson)
                    : JsonSerializer.Deserialize<RuleDocument>(text, RuleJson)?.Rules;
                simulator.Rules.Replace(rules ?? [], simulator.Database.Schema);
                return ControlResponse.Ok(View(simulator));
            }
            catch (ArgumentException ex)
            {
                return ControlResponse.Error(400, ex.Message);
            }
        });
    }

    private static object View(SalesforceSimulator simulator) => new
    {
        vendor = simulator.Name,
        rules = simulator.Rules.Current.Select(r => new
        {
            @object = r.Object,
            field = r.Field,
            @operator = r.Operator.ToString(),
            value = r.Value,
            message = r.Message,
            showOnField = r.ShowOnField,
        }),
    };

    private sealed class RuleDocument
    {
        public List<SalesforceValidationRule>? Rules { get; set; }
    }
}
