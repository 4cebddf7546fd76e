namespace GtmGuard.Simulators.Chaos;

/// <summary>A scenario file (<c>simulators/scenarios/*.yaml</c>): a name, a seed and a plan per vendor.</summary>
public sealed class ChaosScenarioDocument
{
    public string? Name { get; set; }

    public int Seed { get; set; }

    public string? Description { get; set; }

    public Dictionary<string, ChaosPlanDocument> Vendors { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One vendor's plan as written in YAML or sent to <c>PUT /__gtmguard/chaos</c>.</summary>
public sealed class ChaosPlanDocument
{
    public string? Name { get; set; }

    public int? Seed { get; set; }

    public List<ChaosRuleDocument> Rules { get; set; } = [];

    public List<ChaosEventDocument> Events { get; set; } = [];

    public List<WebhookChaosDocument> Webhooks { get; set; } = [];
}

public sealed class ChaosRuleDocument
{
    /// <summary>Operation glob: <c>*</c>, <c>contacts.*</c> or an exact operation name.</summary>
    public string Operation { get; set; } = "*";

    public string? Fault { get; set; }

    /// <summary>0..1; omitted means every matching request (an outage when combined with a window).</summary>
    public double? Probability { get; set; }

    /// <summary>Offset from the plan's start, e.g. <c>45s</c>.</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>Added delay for <c>latency</c>, hold time for <c>hang</c>.</summary>
    public string? Latency { get; set; }

    public string? Message { get; set; }
}

public sealed class ChaosEventDocument
{
    public string? At { get; set; }

    public string? Action { get; set; }

    public string? Every { get; set; }
}

public sealed class WebhookChaosDocument
{
    /// <summary>duplicate, reorder, delay, drop, corruptSignature or drift.</summary>
    public string? Effect { get; set; }

    public double? Probability { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>Reorder and duplicate spread, e.g. <c>5s</c>.</summary>
    public string? Window { get; set; }

    /// <summary>Hold time for <c>delay</c>.</summary>
    public string? Latency { get; set; }

    /// <summary>Drift: the event field to change (dotted path, e.g. <c>propertyValue</c> or <c>data.attributes.emails</c>).</summary>
    public string? Field { get; set; }

    public string? RenameTo { get; set; }

    /// <summary>Drift: <c>string</c>, <c>number</c>, <c>boolean</c> or <c>array</c>.</summary>
    public string? RetypeTo { get; set; }

    public bool Remove { get; set; }
}
