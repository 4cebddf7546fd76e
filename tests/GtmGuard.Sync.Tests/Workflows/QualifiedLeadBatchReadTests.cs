using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Tests.Vendors.HubSpot;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.HubSpot;
using GtmGuard.Sync.Webhooks;
using GtmGuard.Sync.Workflows;
using GtmGuard.Sync.Workflows.Qualified;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Tests.Workflows;

/// <summary>The qualified-lead workflow reads a claimed batch's contacts with one batch read, not one call per event.</summary>
public sealed class QualifiedLeadBatchReadTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private static InboxEvent Creation(string contactId, int sequence) =>
        new(sequence, VendorId.HubSpot, $"evt-{contactId}", $"contact:{contactId}", QualifiedLeadHandler.Creation, At, $$"""{"objectId":{{contactId}}}""", At, InboxEventState.Pending, 0, At, null);

    private static async Task<List<string>> ContactsAsync(HubSpotSyncHost host, params int[] scores)
    {
        var inputs = scores.Select((score, i) => new HubSpotContactInput(
            $"scored{i}@example.com",
            new Dictionary<string, string?> { ["firstname"] = $"Lead{i}", ["lead_score"] = score.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var written = await host.Client.UpsertContactsAsync(inputs);
        return written.Contacts.OrderBy(c => c.Email, StringComparer.Ordinal).Select(c => c.Id).ToList();
    }

    private static QualifiedLeadHandler Handler(HubSpotSyncHost host) => new(host.Client, Options.Create(new WorkflowOptions { QualifiedThreshold = 70 }));

    [Fact]
    public async Task ABatchOfCreations_IsReadInOneCall_AndOnlyTheQualifiedOnesAreEnrolled()
    {
        await using var host = HubSpotSyncHost.Start();
        var ids = await ContactsAsync(host, 90, 20, 75);
        var events = ids.Select((id, i) => Creation(id, i + 1)).Append(Creation("999999999", 9)).ToList();
        var handler = Handler(host);
        var batch = new InboxBatchItems();

        await handler.PrepareBatchAsync(events, batch, default);
        var enrolled = new List<string>();
        foreach (var e in events)
        {
            var context = new InboxApplyContext(e, batch);
            await handler.HandleAsync(e, context, default);
            enrolled.AddRange(context.Writes.Select(w => w.IdempotencyKey));
        }

        Assert.Single(host.Requests(HubSpotSyncHost.ContactsPath + "/batch/read"));
        Assert.Empty(host.Requests(HubSpotSyncHost.ContactsPath + "/" + ids[0]));
        Assert.Equal(["qualified:scored0@example.com:1", "qualified:scored2@example.com:1"], enrolled);
    }

    [Fact]
    public async Task WithoutAPreparedBatch_EachEventReadsItsOwnContact_WithTheSameOutcome()
    {
        await using var host = HubSpotSyncHost.Start();
        var ids = await ContactsAsync(host, 90, 20);
        var handler = Handler(host);
        var enrolled = new List<string>();
        foreach (var e in ids.Select((id, i) => Creation(id, i + 1)))
        {
            var context = new InboxApplyContext(e);
            await handler.HandleAsync(e, context, default);
            enrolled.AddRange(context.Writes.Select(w => w.IdempotencyKey));
        }

        Assert.Empty(host.Requests(HubSpotSyncHost.ContactsPath + "/batch/read"));
        Assert.Single(host.Requests(HubSpotSyncHost.ContactsPath + "/" + ids[0]));
        Assert.Equal(["qualified:scored0@example.com:1"], enrolled);
    }
}
