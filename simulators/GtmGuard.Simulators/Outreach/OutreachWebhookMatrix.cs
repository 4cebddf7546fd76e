namespace GtmGuard.Simulators.Outreach;

/// <summary>Which actions each webhook resource has (vendor-facts §3.6); <c>*</c> stands for any resource or any action.</summary>
internal static class OutreachWebhookMatrix
{
    public const string Any = "*";

    private static readonly string[] Crud = ["created", "updated", "destroyed"];

    public static IReadOnlyDictionary<string, string[]> Actions { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["account"] = Crud,
        ["call"] = Crud,
        ["emailAddress"] = Crud,
        ["opportunity"] = Crud,
        ["opportunityProspectRole"] = Crud,
        ["prospect"] = Crud,
        ["sequence"] = Crud,
        ["mailing"] = [.. Crud, "bounced", "delivered", "opened", "replied"],
        ["sequenceState"] = [.. Crud, "advanced", "finished"],
        ["task"] = [.. Crud, "completed"],
        ["import"] = ["created", "finished"],
        ["user"] = ["created", "updated"],
        ["kaiaRecording"] = ["created"],
    };

    /// <summary>Why the pair is not a webhook Outreach offers, or null when it is.</summary>
    public static string? Problem(string resource, string action)
    {
        if (resource != Any && !Actions.ContainsKey(resource))
        {
            return $"Resource '{resource}' is not supported; use * or one of: {string.Join(", ", Actions.Keys.Order(StringComparer.Ordinal))}.";
        }

        if (action == Any)
        {
            return null;
        }

        var offered = resource == Any ? Actions.Values.SelectMany(a => a).Distinct().ToArray() : Actions[resource];
        return offered.Contains(action) ? null : $"Action '{action}' is not supported for resource '{resource}'; use * or one of: {string.Join(", ", offered)}.";
    }

    /// <summary>Dispatcher event types for the pair: <c>*</c>, <c>prospect.*</c>, <c>prospect.updated</c>, or every <c>resource.action</c> for <c>*</c>/action.</summary>
    public static IReadOnlySet<string> EventTypes(string resource, string action) => (resource, action) switch
    {
        (Any, Any) => new HashSet<string>(StringComparer.Ordinal) { Any },
        (_, Any) => new HashSet<string>(StringComparer.Ordinal) { resource + ".*" },
        (Any, _) => Actions.Where(r => r.Value.Contains(action)).Select(r => r.Key + "." + action).ToHashSet(StringComparer.Ordinal),
        _ => new HashSet<string>(StringComparer.Ordinal) { resource + "." + action },
    };
}
