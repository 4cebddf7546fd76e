using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Recordings;
using GtmGuard.Contracts.Validation;

namespace GtmGuard.Contracts.Sampling;

/// <summary>
/// The entry the sync core calls for live sampling: every response or webhook payload is offered, a fixed fraction is
/// validated against the snapshots, and each finding increments
/// <c>gtmguard_contract_drift_findings_total{vendor,operation,severity}</c>. Sampling is deterministic (every
/// 1/rate-th offer, by an atomic counter per vendor), so it needs no random source and is safe from any thread.
/// </summary>
public sealed class ContractSampler
{
    private readonly ContractChecker _checker;
    private readonly ContractSamplerOptions _options;
    private readonly ContractMetrics _metrics;
    private readonly Dictionary<string, StrongBox> _offers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ContractSampler(ContractChecker checker, ContractSamplerOptions options, ContractMetrics metrics)
    {
        options.Validate();
        _checker = checker;
        _options = options;
        _metrics = metrics;
    }

    /// <summary>Offers a vendor response; returns the findings when it was sampled, null when it was skipped.</summary>
    public IReadOnlyList<Finding>? SampleResponse(string vendor, string method, string path, int status, string? body, string? contentType = "application/json") =>
        Sample(vendor, body, () => Response(vendor, method, path, status, body, contentType));

    internal static RecordedExchange Response(string vendor, string method, string path, int status, string? body, string? contentType) => new()
    {
        Source = "live",
        Vendor = vendor,
        Method = method.ToUpperInvariant(),
        Url = path,
        Status = status,
        ResponseBody = body,
        ResponseContentType = contentType,
    };

    /// <summary>Offers a webhook payload as received (<paramref name="webhookName"/> when the intake knows it, else read from the payload).</summary>
    public IReadOnlyList<Finding>? SampleWebhook(string vendor, string? body, string? webhookName = null) =>
        Sample(vendor, body, () => new RecordedExchange
        {
            Source = "live",
            Vendor = vendor,
            Method = "POST",
            IsWebhook = true,
            WebhookName = webhookName,
            RequestBody = body,
        });

    private IReadOnlyList<Finding>? Sample(string vendor, string? body, Func<RecordedExchange> exchange) =>
        ShouldSample(vendor) ? Validate(vendor, body, exchange) : null;

    /// <summary>Validates an offer already claimed with <see cref="ShouldSample"/> and counts its findings.</summary>
    internal IReadOnlyList<Finding>? Validate(string vendor, string? body, Func<RecordedExchange> exchange)
    {
        if ((body?.Length ?? 0) > _options.MaxBodyBytes)
        {
            return null;
        }

        var findings = _checker.Check(exchange()).Findings;
        _metrics.RecordSample(vendor);
        foreach (var finding in findings)
        {
            _metrics.RecordFinding(finding);
        }

        return findings;
    }

    /// <summary>True for the offers where floor(n × rate) steps up: exactly rate × n of the first n offers per vendor.</summary>
    internal bool ShouldSample(string vendor)
    {
        var rate = _options.SampleRate;
        if (rate <= 0)
        {
            return false;
        }

        if (rate >= 1)
        {
            return true;
        }

        StrongBox counter;
        lock (_gate)
        {
            if (!_offers.TryGetValue(vendor, out counter!))
            {
                counter = new StrongBox();
                _offers[vendor] = counter;
            }
        }

        var n = Interlocked.Increment(ref counter.Value);
        return Math.Floor(n * rate) > Math.Floor((n - 1) * rate);
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
