using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Reports;
using GtmGuard.Contracts.Snapshots;

namespace GtmGuard.Contracts.Diff;

/// <summary>
/// <c>contracts diff OLD NEW</c>: what changed between two versions of a vendor's snapshot, classified for a client
/// written against the old one — operations and webhooks removed, parameters added or made required, success status
/// codes changed (Salesforce's v46.0 upsert update: 204 → 200), response fields removed or retyped, enum values.
/// </summary>
public static class SpecDiff
{
    public static ContractReport Compare(ContractSnapshot old, ContractSnapshot @new)
    {
        var findings = new List<Finding>();
        var compared = new List<CheckedOperation>();
        var vendor = @new.Vendor;
        var newOperations = @new.Operations.ToDictionary(Key, StringComparer.Ordinal);
        foreach (var oldOperation in old.Operations)
        {
            void Add(FindingKind kind, Severity severity, string location, string path, string message) =>
                findings.Add(new Finding(severity, kind, vendor, oldOperation.Id, location, path, message) { Source = @new.FileName });

            if (!newOperations.TryGetValue(Key(oldOperation), out var newOperation))
            {
                Add(FindingKind.OperationRemoved, Severity.Breaking, "operation", "$", $"{oldOperation} is gone from {@new.FileName}");
                continue;
            }

            compared.Add(new CheckedOperation(vendor, oldOperation.Id, 1));
            CompareParameters(oldOperation, newOperation, Add);
            CompareRequest(oldOperation, newOperation, Add);
            CompareResponses(oldOperation, newOperation, Add);
        }

        var oldKeys = old.Operations.Select(Key).ToHashSet(StringComparer.Ordinal);
        foreach (var added in @new.Operations.Where(o => !oldKeys.Contains(Key(o))))
        {
            findings.Add(new Finding(Severity.Additive, FindingKind.OperationAdded, vendor, added.Id, "operation", "$", $"{added} is new in {@new.FileName}") { Source = @new.FileName });
        }

        return new ContractReport
        {
            Title = "contracts diff",
            Subject = $"{old.Vendor}/{old.FileName} ({old.ApiVersion}) → {@new.Vendor}/{@new.FileName} ({@new.ApiVersion})",
            Findings = FindingAggregator.Aggregate(findings),
            Operations = compared,
        };
    }

    /// <summary>Operations pair up by method and path shape (parameter names ignored), webhooks by name.</summary>
    private static string Key(SnapshotOperation operation) =>
        operation.WebhookName is { } webhook ? "webhook " + webhook : operation.Method + " " + operation.Template.Shape;

    /// <summary>Header names are case-insensitive (RFC 9110), so a header renamed only in case is the same parameter.</summary>
    private static (string In, string Name) ParameterKey(SnapshotParameter parameter) =>
        (parameter.In, parameter.In == "header" ? parameter.Name.ToLowerInvariant() : parameter.Name);

    private static void CompareParameters(SnapshotOperation old, SnapshotOperation @new, Action<FindingKind, Severity, string, string, string> add)
    {
        var newParameters = @new.Parameters.Where(p => p.In != "path").ToDictionary(ParameterKey);
        foreach (var parameter in old.Parameters.Where(p => p.In != "path"))
        {
            var location = $"{parameter.In} parameter {parameter.Name}";
            if (!newParameters.Remove(ParameterKey(parameter), out var current))
            {
                add(FindingKind.ParameterRemoved, Severity.Breaking, location, "$", $"{parameter.In} parameter '{parameter.Name}' removed");
                continue;
            }

            if (!parameter.Required && current.Required)
            {
                add(FindingKind.ParameterMadeRequired, Severity.Breaking, location, "$", $"{parameter.In} parameter '{parameter.Name}' is now required");
            }
            else if (parameter.Required && !current.Required)
            {
                add(FindingKind.ParameterMadeOptional, Severity.Additive, location, "$", $"{parameter.In} parameter '{parameter.Name}' is now optional");
            }

            SchemaDiff.Compare(parameter.Schema, current.Schema, isResponse: false, (kind, severity, path, message) => add(kind, severity, location, path, message));
        }

        foreach (var added in newParameters.Values)
        {
            add(FindingKind.ParameterAdded, added.Required ? Severity.Breaking : Severity.Additive, $"{added.In} parameter {added.Name}", "$",
                $"{(added.Required ? "required" : "optional")} {added.In} parameter '{added.Name}' added");
        }
    }

    private static void CompareRequest(SnapshotOperation old, SnapshotOperation @new, Action<FindingKind, Severity, string, string, string> add)
    {
        foreach (var (media, schema) in old.RequestContent)
        {
            if (@new.RequestContent.TryGetValue(media, out var current))
            {
                SchemaDiff.Compare(schema, current, isResponse: @new.WebhookName is not null, (kind, severity, path, message) => add(kind, severity, "request " + media, path, message));
            }
            else
            {
                add(FindingKind.ContentTypeChanged, Severity.Breaking, "request", "$", $"request body {media} no longer accepted");
            }
        }
    }

    private static void CompareResponses(SnapshotOperation old, SnapshotOperation @new, Action<FindingKind, Severity, string, string, string> add)
    {
        var oldKeys = old.Responses.Select(r => r.StatusKey).ToHashSet(StringComparer.Ordinal);
        var newKeys = @new.Responses.Select(r => r.StatusKey).ToHashSet(StringComparer.Ordinal);
        var removedSuccess = oldKeys.Except(newKeys).Where(IsSuccess).Order(StringComparer.Ordinal).ToList();
        var addedSuccess = newKeys.Except(oldKeys).Where(IsSuccess).Order(StringComparer.Ordinal).ToList();

        // A success code swapped for another (204 → 200) is one change a client must handle, not an addition and a removal.
        while (removedSuccess.Count > 0 && addedSuccess.Count > 0)
        {
            var (from, to) = (removedSuccess[0], addedSuccess[0]);
            removedSuccess.RemoveAt(0);
            addedSuccess.RemoveAt(0);
            add(FindingKind.StatusCodeChanged, Severity.Breaking, "responses", "$", $"success status {from} became {to}{BodyChange(old, @new, from, to)}");
        }

        foreach (var removed in oldKeys.Except(newKeys).Where(k => !IsSuccess(k) || removedSuccess.Contains(k)))
        {
            add(FindingKind.StatusCodeRemoved, IsSuccess(removed) ? Severity.Breaking : Severity.Additive, "responses", "$", $"status {removed} no longer documented");
        }

        foreach (var added in newKeys.Except(oldKeys).Where(k => !IsSuccess(k) || addedSuccess.Contains(k)))
        {
            add(FindingKind.StatusCodeAdded, Severity.Additive, "responses", "$", $"status {added} now documented");
        }

        foreach (var response in old.Responses)
        {
            if (@new.Responses.FirstOrDefault(r => r.StatusKey == response.StatusKey) is not { } current)
            {
                continue;
            }

            var location = "response " + response.StatusKey;
            foreach (var (media, schema) in response.Content)
            {
                if (current.Content.TryGetValue(media, out var currentSchema))
                {
                    SchemaDiff.Compare(schema, currentSchema, isResponse: true, (kind, severity, path, message) => add(kind, severity, location, path, message));
                }
                else
                {
                    add(FindingKind.ContentTypeChanged, Severity.Breaking, location, "$", $"{media} body no longer returned ({string.Join(", ", current.Content.Keys.DefaultIfEmpty("no body"))})");
                }
            }

            if (response.Content.Count == 0 && current.Content.Count > 0)
            {
                add(FindingKind.UnexpectedBody, Severity.Additive, location, "$", "now has a body");
            }

            foreach (var header in response.Headers.Values.Where(h => !current.Headers.ContainsKey(h.Name)))
            {
                add(FindingKind.HeaderMissing, Severity.Breaking, location, header.Name, $"header {header.Name} no longer documented");
            }
        }
    }

    private static string BodyChange(SnapshotOperation old, SnapshotOperation @new, string from, string to)
    {
        var hadBody = old.Responses.First(r => r.StatusKey == from).Content.Count > 0;
        var hasBody = @new.Responses.First(r => r.StatusKey == to).Content.Count > 0;
        return (hadBody, hasBody) switch
        {
            (false, true) => " (and now has a body)",
            (true, false) => " (and no longer has a body)",
            _ => string.Empty,
        };
    }

    private static bool IsSuccess(string statusKey) => statusKey.StartsWith('2');
}
