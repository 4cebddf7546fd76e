using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Recordings;
using GtmGuard.Contracts.Reports;
using GtmGuard.Contracts.Snapshots;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace GtmGuard.Contracts.Validation;

/// <summary>
/// Checks recorded exchanges and webhook deliveries against the snapshots: finds the operation by method, path template
/// and status (webhooks by name), then checks status, content type, headers and bodies. Never throws on bad payloads:
/// an unknown operation, a non-JSON body or an undocumented status is a finding. Thread-safe.
/// </summary>
public sealed class ContractChecker
{
    private readonly SnapshotSet _snapshots;
    private readonly bool _checkRejectedRequests;

    /// <param name="snapshots">The snapshots to check against.</param>
    /// <param name="checkRejectedRequests">False skips request bodies the vendor answered with a 4xx (tests that send bad input on purpose).</param>
    public ContractChecker(SnapshotSet snapshots, bool checkRejectedRequests = true)
    {
        _snapshots = snapshots;
        _checkRejectedRequests = checkRejectedRequests;
    }

    public SnapshotSet Snapshots => _snapshots;

    /// <summary>Checks a whole recording and folds the findings into a report.</summary>
    public ContractReport Check(Recording recording, string title = "contracts check")
    {
        var findings = new List<Finding>(recording.Problems);
        var operations = new Dictionary<(string Vendor, string Operation), int>();
        foreach (var exchange in recording.Exchanges)
        {
            var result = Check(exchange);
            findings.AddRange(result.Findings);
            foreach (var checkedOperation in result.Operations)
            {
                operations[checkedOperation] = operations.GetValueOrDefault(checkedOperation) + 1;
            }
        }

        return new ContractReport
        {
            Title = title,
            Subject = $"{recording.Exchanges.Count} recorded exchange(s)",
            Findings = FindingAggregator.Aggregate(findings),
            Operations = operations.Select(o => new CheckedOperation(o.Key.Vendor, o.Key.Operation, o.Value)).ToList(),
        };
    }

    /// <summary>Checks one exchange; the findings are per payload (not yet folded), with the operations they were matched to.</summary>
    public CheckResult Check(RecordedExchange exchange) => exchange.IsWebhook ? CheckWebhook(exchange) : CheckApi(exchange);

    private CheckResult CheckApi(RecordedExchange exchange)
    {
        var operation = _snapshots.FindOperation(exchange.Vendor, exchange.Method, exchange.Path);
        var vendor = operation?.Vendor ?? exchange.Vendor ?? "unknown";
        if (operation is null)
        {
            var where = exchange.Vendor is null ? "any snapshot" : $"the {exchange.Vendor} snapshots";
            return CheckResult.Unmatched(vendor, new Finding(Severity.Info, FindingKind.UnknownOperation, vendor, "unknown", "request", "$",
                $"{exchange.Method} {exchange.Path} is not documented in {where}") { Source = exchange.Source });
        }

        var findings = new List<Finding>();
        void Add(FindingKind kind, string location, string path, string message) =>
            findings.Add(new Finding(FindingSeverities.Of(kind), kind, vendor, operation.Id, location, path, message) { Source = exchange.Source });

        var rejected = exchange.Status is >= 400 and < 500;
        if (exchange.RequestBody is { Length: > 0 } requestBody && operation.RequestContent.Count > 0 && (_checkRejectedRequests || !rejected))
        {
            BodyChecks.CheckRequest(operation, requestBody, exchange.RequestContentType, (issue, location) => Add(issue.Kind, location, issue.Path, issue.Message));
        }

        var response = operation.ResponseFor(exchange.Status);
        var statusLocation = "response " + exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (response is null)
        {
            var documented = string.Join(", ", operation.Responses.Select(r => r.StatusKey));
            Add(FindingKind.StatusNotDocumented, statusLocation, "$", $"status {exchange.Status} is not documented for {operation}; the snapshot documents {documented}");
            return new CheckResult(findings, [(vendor, operation.Id)]);
        }

        BodyChecks.CheckHeaders(response, exchange.Headers, (kind, path, message) => Add(kind, statusLocation, path, message));
        if (!exchange.ResponseBodyOmitted)
        {
            BodyChecks.CheckBody(response.Content, exchange.ResponseBody, exchange.ResponseContentType, issue => Add(issue.Kind, statusLocation, issue.Path, issue.Message));
        }
        return new CheckResult(findings, [(vendor, operation.Id)]);
    }

    private CheckResult CheckWebhook(RecordedExchange exchange)
    {
        var vendor = exchange.Vendor ?? "unknown";
        var snapshots = _snapshots.WebhookSnapshots(vendor).ToList();
        Finding Unknown(string message) =>
            new(Severity.Info, FindingKind.UnknownOperation, vendor, "unknown", "webhook payload", "$", message) { Source = exchange.Source };
        if (snapshots.Count == 0)
        {
            return CheckResult.Unmatched(vendor, Unknown($"no {vendor} snapshot documents webhooks"));
        }

        if (!JsonPayload.TryParse(exchange.RequestBody, out var payload, out var error))
        {
            var operationId = exchange.WebhookName is null ? "webhook" : "webhook:" + exchange.WebhookName;
            return new CheckResult(
                [new Finding(Severity.Breaking, FindingKind.NotJson, vendor, operationId, "webhook payload", "$", "webhook payload is " + error) { Source = exchange.Source }],
                [(vendor, operationId)]);
        }

        var naming = snapshots.Select(s => s.WebhookNaming).FirstOrDefault(n => n is not null);
        var findings = new List<Finding>();
        var operations = new List<(string, string)>();
        void Validate(SnapshotOperation webhook, JToken body, bool single)
        {
            operations.Add((vendor, webhook.Id));
            if (webhook.RequestContent.Values.FirstOrDefault(s => s is not null) is not { } schema)
            {
                return;
            }

            // One event of a batched delivery is checked against the item schema of the documented array.
            var target = single && schema.ActualSchema.Item is { } item ? item : schema;
            foreach (var issue in PayloadValidator.Validate(body, target))
            {
                findings.Add(new Finding(FindingSeverities.Of(issue.Kind), issue.Kind, vendor, webhook.Id, "webhook payload", issue.Path, issue.Message) { Source = exchange.Source });
            }
        }

        if (exchange.WebhookName is { } explicitName)
        {
            if (_snapshots.FindWebhook(vendor, explicitName) is not { } named)
            {
                return CheckResult.Unmatched(vendor, Unknown($"webhook '{explicitName}' is not documented in the {vendor} snapshots"));
            }

            Validate(named, payload, single: false);
            return new CheckResult(findings, operations);
        }

        if (naming is { PerItem: true } && payload is JArray events)
        {
            for (var i = 0; i < events.Count; i++)
            {
                var name = naming.NameOf(events[i]);
                if (name is not null && _snapshots.FindWebhook(vendor, name) is { } webhook)
                {
                    Validate(webhook, events[i], single: true);
                }
                else
                {
                    findings.Add(Unknown($"event {i} names webhook '{name ?? "(none)"}' ({string.Join('.', naming.Field)}), which the {vendor} snapshots do not document") with { Path = SchemaPath.Item("$", i) });
                }
            }

            return new CheckResult(findings, operations);
        }

        var resolved = naming is not null && !naming.PerItem ? naming.NameOf(payload) : null;
        var candidates = snapshots.SelectMany(s => s.Webhooks).ToList();
        var match = resolved is not null ? _snapshots.FindWebhook(vendor, resolved) : candidates.Count == 1 ? candidates[0] : null;
        if (match is null)
        {
            return CheckResult.Unmatched(vendor, Unknown(resolved is null
                ? $"cannot tell which {vendor} webhook this payload is; name it in the capture (\"webhook\": \"NAME\")"
                : $"webhook '{resolved}' is not documented in the {vendor} snapshots"));
        }

        Validate(match, payload, single: false);
        return new CheckResult(findings, operations);
    }
}
