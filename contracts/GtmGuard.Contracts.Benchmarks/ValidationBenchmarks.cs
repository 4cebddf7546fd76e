using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GtmGuard.Contracts.Recordings;
using GtmGuard.Contracts.Snapshots;
using GtmGuard.Contracts.Validation;

namespace GtmGuard.Contracts.Benchmarks;

/// <summary>
/// Validation throughput of the drift engine against the repository's HubSpot snapshot: one typical contact read, and a
/// 100-item batch upsert response, each matched to its operation and fully validated (schema, extra fields, headers).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PayloadsPerSecondConfig))]
public class ValidationBenchmarks
{
    private ContractChecker _checker = null!;
    private RecordedExchange _contact = null!;
    private RecordedExchange _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        var snapshots = SnapshotLoader.LoadDirectoryAsync(Path.Combine(RepoRoot(), "contracts", "hubspot")).GetAwaiter().GetResult();
        _checker = new ContractChecker(snapshots);
        _contact = Exchange("GET", "/crm/v3/objects/contacts/1000000001?properties=email,firstname,lastname,lead_score", Contact(1).ToJsonString());
        var batch = new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = new JsonArray(Enumerable.Range(1, 100).Select(i => (JsonNode)Upserted(i)).ToArray()),
            ["startedAt"] = "2026-11-27T09:00:00.000Z",
            ["completedAt"] = "2026-11-27T09:00:00.120Z",
        };
        _batch = Exchange("POST", "/crm/v3/objects/contacts/batch/upsert", batch.ToJsonString());
        foreach (var exchange in new[] { _contact, _batch })
        {
            if (_checker.Check(exchange).Findings.Count > 0)
            {
                throw new InvalidOperationException("Benchmark payloads must be clean.");
            }
        }
    }

    [Benchmark(Description = "HubSpot contact (1 record)")]
    public int ContactPayload() => _checker.Check(_contact).Findings.Count;

    [Benchmark(Description = "HubSpot batch upsert (100 records)")]
    public int BatchUpsertResponse() => _checker.Check(_batch).Findings.Count;

    private static RecordedExchange Exchange(string method, string url, string body) => new()
    {
        Source = "benchmark",
        Vendor = "hubspot",
        Method = method,
        Url = url,
        Status = 200,
        ResponseBody = body,
        ResponseContentType = "application/json;charset=utf-8",
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-HubSpot-RateLimit-Max"] = "100",
            ["X-HubSpot-RateLimit-Remaining"] = "97",
            ["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000",
            ["X-HubSpot-Correlation-Id"] = "9a5e1f0c-3c1c-4a57-9f5e-7a1c2b3d4e5f",
        },
    };

    private static JsonObject Contact(int i)
    {
        var id = (1_000_000_000 + i).ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = id,
            ["properties"] = new JsonObject
            {
                ["createdate"] = "2026-11-27T09:00:00.000Z",
                ["email"] = $"lead{i}@example.com",
                ["firstname"] = "Ada",
                ["hs_object_id"] = id,
                ["lastmodifieddate"] = "2026-11-27T09:00:00.000Z",
                ["lastname"] = "Lovelace",
                ["lead_score"] = "87",
                ["company"] = null,
            },
            ["createdAt"] = "2026-11-27T09:00:00.000Z",
            ["updatedAt"] = "2026-11-27T09:00:00.000Z",
            ["archived"] = false,
        };
    }

    private static JsonObject Upserted(int i)
    {
        var contact = Contact(i);
        contact.Remove("properties");
        contact["properties"] = new JsonObject
        {
            ["createdate"] = "2026-11-27T09:00:00.000Z",
            ["email"] = $"lead{i}@example.com",
            ["hs_object_id"] = (1_000_000_000 + i).ToString(CultureInfo.InvariantCulture),
            ["lastmodifieddate"] = "2026-11-27T09:00:00.000Z",
            ["lead_score"] = "87",
        };
        contact["new"] = i % 3 == 0;
        return contact;
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GtmGuard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    private sealed class PayloadsPerSecondConfig : ManualConfig
    {
        public PayloadsPerSecondConfig() => AddColumn(new PayloadsPerSecondColumn());
    }
}
