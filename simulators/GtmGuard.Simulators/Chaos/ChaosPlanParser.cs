using System.Globalization;
using System.Text.Json;
using GtmGuard.Simulators.Hosting;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace GtmGuard.Simulators.Chaos;

/// <summary>Reads scenario files and plan documents and turns them into validated plans, with errors that name the field.</summary>
public static class ChaosPlanParser
{
    private static readonly TimeSpan DefaultHang = TimeSpan.FromSeconds(100);

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Loads a YAML scenario file; throws <see cref="ChaosPlanException"/> with the reason when it is invalid.</summary>
    public static ChaosScenarioDocument LoadScenario(string path)
    {
        if (!File.Exists(path))
        {
            throw new ChaosPlanException($"Scenario file '{path}' does not exist.");
        }

        try
        {
            var document = Yaml.Deserialize<ChaosScenarioDocument?>(File.ReadAllText(path))
                ?? throw new ChaosPlanException($"Scenario file '{path}' is empty.");
            document.Name ??= Path.GetFileNameWithoutExtension(path);
            foreach (var (vendor, plan) in document.Vendors)
            {
                _ = ToPlan(plan, document.Name, DeriveSeed(document.Seed, vendor), vendor);
            }

            return document;
        }
        catch (YamlException ex)
        {
            throw new ChaosPlanException($"Scenario file '{path}' is not valid YAML at line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }

    /// <summary>The plan a scenario gives one vendor; vendors absent from the scenario get no chaos.</summary>
    public static ChaosPlan PlanFor(ChaosScenarioDocument scenario, string vendor) =>
        scenario.Vendors.TryGetValue(vendor, out var plan)
            ? ToPlan(plan, scenario.Name ?? "scenario", DeriveSeed(scenario.Seed, vendor), vendor)
            : ChaosPlan.None;

    /// <summary>Parses a plan sent as JSON to the control API.</summary>
    public static ChaosPlan ParseJson(string json, string vendor)
    {
        ChaosPlanDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ChaosPlanDocument>(json, SimJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ChaosPlanException($"The chaos plan is not valid JSON: {ex.Message}", ex);
        }

        if (document is null)
        {
            throw new ChaosPlanException("The chaos plan must be a JSON object.");
        }

        return ToPlan(document, document.Name ?? "control-api", document.Seed ?? 0, vendor);
    }

    public static ChaosPlan ToPlan(ChaosPlanDocument document, string name, int seed, string vendor)
    {
        // "rules": null reads as no rules; a null entry in a list is an error that names it.
        document.Rules ??= [];
        document.Events ??= [];
        document.Webhooks ??= [];
        RequireEntries(document.Rules, $"{vendor}.rules");
        RequireEntries(document.Events, $"{vendor}.events");
        RequireEntries(document.Webhooks, $"{vendor}.webhooks");
        var rules = new List<ChaosRule>(document.Rules.Count);
        for (var i = 0; i < document.Rules.Count; i++)
        {
            rules.Add(ToRule(document.Rules[i], $"{vendor}.rules[{i}]"));
        }

        var events = new List<ChaosEvent>(document.Events.Count);
        for (var i = 0; i < document.Events.Count; i++)
        {
            events.Add(ToEvent(document.Events[i], $"{vendor}.events[{i}]"));
        }

        var webhooks = new List<WebhookChaosRule>(document.Webhooks.Count);
        for (var i = 0; i < document.Webhooks.Count; i++)
        {
            webhooks.Add(ToWebhookRule(document.Webhooks[i], $"{vendor}.webhooks[{i}]"));
        }

        return new ChaosPlan(document.Name ?? name, document.Seed ?? seed, rules, events) { Webhooks = webhooks };
    }

    private static void RequireEntries<T>(List<T> entries, string field)
        where T : class
    {
        var missing = entries.IndexOf(null!);
        if (missing >= 0)
        {
            throw new ChaosPlanException($"{field}[{missing}] is null; each entry must be an object.");
        }
    }

    /// <summary>Parses durations such as <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, a bare number of seconds, or <c>hh:mm:ss</c>.</summary>
    public static TimeSpan ParseDuration(string text, string field)
    {
        var parsed = ParseUnbounded(text, field);
        return parsed <= MaxDuration
            ? parsed
            : throw new ChaosPlanException($"{field}: '{text}' is longer than the {MaxDuration.TotalDays:0}-day maximum.");
    }

    /// <summary>The longest duration a plan may name: timers and delays accept up to about 49 days.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    private static TimeSpan ParseUnbounded(string text, string field)
    {
        var value = text.Trim();
        (string Suffix, double Scale)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, scale) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number >= 0)
            {
                // Out of TimeSpan's range (or infinite) is simply too long.
                return number * scale < MaxDuration.TotalSeconds ? TimeSpan.FromSeconds(number * scale) : TimeSpan.MaxValue;
            }
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return seconds < MaxDuration.TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new ChaosPlanException($"{field}: '{text}' is not a duration (use e.g. 250ms, 30s, 5m, 1h).");
    }

    private static ChaosRule ToRule(ChaosRuleDocument rule, string where)
    {
        if (string.IsNullOrWhiteSpace(rule.Fault) || !Enum.TryParse<ChaosFault>(rule.Fault, ignoreCase: true, out var fault))
        {
            var known = string.Join(", ", Enum.GetNames<ChaosFault>().Select(ToCamel));
            throw new ChaosPlanException($"{where}.fault: '{rule.Fault}' is not a fault; use one of {known}.");
        }

        var probability = rule.Probability ?? 1.0;
        if (probability is < 0 or > 1 || double.IsNaN(probability))
        {
            throw new ChaosPlanException($"{where}.probability: {probability} is outside 0..1.");
        }

        var from = rule.From is null ? (TimeSpan?)null : ParseDuration(rule.From, $"{where}.from");
        var to = rule.To is null ? (TimeSpan?)null : ParseDuration(rule.To, $"{where}.to");
        if (from is not null && to is not null && to <= from)
        {
            throw new ChaosPlanException($"{where}: 'to' ({rule.To}) must be after 'from' ({rule.From}).");
        }

        var latency = rule.Latency is null
            ? (fault == ChaosFault.Hang ? DefaultHang : TimeSpan.Zero)
            : ParseDuration(rule.Latency, $"{where}.latency");
        if (fault == ChaosFault.Latency && latency == TimeSpan.Zero)
        {
            throw new ChaosPlanException($"{where}.latency: a latency rule needs a latency, e.g. 200ms.");
        }

        return new ChaosRule(string.IsNullOrWhiteSpace(rule.Operation) ? "*" : rule.Operation.Trim(), fault, probability, from, to, latency, rule.Message);
    }

    private static WebhookChaosRule ToWebhookRule(WebhookChaosDocument rule, string where)
    {
        if (string.IsNullOrWhiteSpace(rule.Effect) || !Enum.TryParse<WebhookChaosEffect>(rule.Effect, ignoreCase: true, out var effect))
        {
            var known = string.Join(", ", Enum.GetNames<WebhookChaosEffect>().Select(ToCamel));
            throw new ChaosPlanException($"{where}.effect: '{rule.Effect}' is not a webhook effect; use one of {known}.");
        }

        var probability = rule.Probability ?? 1.0;
        if (probability is < 0 or > 1 || double.IsNaN(probability))
        {
            throw new ChaosPlanException($"{where}.probability: {probability} is outside 0..1.");
        }

        var from = rule.From is null ? (TimeSpan?)null : ParseDuration(rule.From, $"{where}.from");
        var to = rule.To is null ? (TimeSpan?)null : ParseDuration(rule.To, $"{where}.to");
        if (from is not null && to is not null && to <= from)
        {
            throw new ChaosPlanException($"{where}: 'to' ({rule.To}) must be after 'from' ({rule.From}).");
        }

        var window = effect switch
        {
            WebhookChaosEffect.Delay => rule.Latency is null
                ? throw new ChaosPlanException($"{where}.latency: a delay needs a latency, e.g. 2s.")
                : ParseDuration(rule.Latency, $"{where}.latency"),
            WebhookChaosEffect.Reorder or WebhookChaosEffect.Duplicate => rule.Window is null ? TimeSpan.FromSeconds(5) : ParseDuration(rule.Window, $"{where}.window"),
            _ => TimeSpan.Zero,
        };

        PayloadDrift? drift = null;
        if (effect == WebhookChaosEffect.Drift)
        {
            if (string.IsNullOrWhiteSpace(rule.Field))
            {
                throw new ChaosPlanException($"{where}.field: a drift names the event field it changes.");
            }

            if (rule.RetypeTo is not (null or "string" or "number" or "boolean" or "array"))
            {
                throw new ChaosPlanException($"{where}.retypeTo: '{rule.RetypeTo}' is not string, number, boolean or array.");
            }

            if (rule.RenameTo is null && rule.RetypeTo is null && !rule.Remove)
            {
                throw new ChaosPlanException($"{where}: a drift needs renameTo, retypeTo or remove: true.");
            }

            drift = new PayloadDrift(rule.Field.Trim(), rule.RenameTo, rule.RetypeTo, rule.Remove);
        }

        return new WebhookChaosRule(effect, probability, from, to, window, drift);
    }

    private static ChaosEvent ToEvent(ChaosEventDocument @event, string where)
    {
        if (string.IsNullOrWhiteSpace(@event.Action) || !Enum.TryParse<ChaosAction>(@event.Action, ignoreCase: true, out var action))
        {
            var known = string.Join(", ", Enum.GetNames<ChaosAction>().Select(ToCamel));
            throw new ChaosPlanException($"{where}.action: '{@event.Action}' is not an action; use one of {known}.");
        }

        if (@event.At is null)
        {
            throw new ChaosPlanException($"{where}.at: an event needs a time, e.g. 30s.");
        }

        var every = @event.Every is null ? (TimeSpan?)null : ParseDuration(@event.Every, $"{where}.every");
        if (every == TimeSpan.Zero)
        {
            throw new ChaosPlanException($"{where}.every: must be more than zero.");
        }

        return new ChaosEvent(ParseDuration(@event.At, $"{where}.at"), action, every);
    }

    /// <summary>Each vendor draws from its own stream so adding a vendor does not shift another's faults.</summary>
    internal static int DeriveSeed(int seed, string vendor) =>
        unchecked((int)StableHash.Mix((ulong)(uint)seed, StableHash.Of(vendor.ToLowerInvariant())));

    private static string ToCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
