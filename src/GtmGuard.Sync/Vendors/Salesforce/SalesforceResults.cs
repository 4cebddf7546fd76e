using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;

namespace GtmGuard.Sync.Vendors.Salesforce;

/// <summary>A record written by external id: its Salesforce id (null for a pre-46.0 update's 204) and whether it was created.</summary>
public sealed record SalesforceUpsert(string? Id, bool Created);

/// <summary>What happened to one input record of a many-record upsert.</summary>
public sealed record SalesforceRecordResult(string ExternalId, VendorOutcome Outcome, string? Id, bool Created, string? Error)
{
    public bool IsSuccess => Outcome == VendorOutcome.Success;
}

/// <summary>
/// The result of upserting many records, in input order (duplicates merged): through sObject Collections in chunks of
/// 200, or through one Bulk API 2.0 job (<see cref="BulkJobId"/>, null when the job could not be created).
/// </summary>
public sealed record SalesforceBatchResult(IReadOnlyList<SalesforceRecordResult> Records, bool UsedBulkApi = false, string? BulkJobId = null)
{
    /// <summary>Success only when every record succeeded; otherwise the first failed record's outcome.</summary>
    public VendorOutcome Outcome => Records.FirstOrDefault(r => !r.IsSuccess)?.Outcome ?? VendorOutcome.Success;

    public bool IsSuccess => Outcome == VendorOutcome.Success;

    public int CreatedCount => Records.Count(r => r.Created);
}

/// <summary>Every record of a SOQL query, all pages followed.</summary>
public sealed record SalesforceQueryResult(IReadOnlyList<JsonObject> Records, long TotalSize);
