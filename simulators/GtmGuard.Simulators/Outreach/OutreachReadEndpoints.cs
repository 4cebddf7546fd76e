using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Outreach;

/// <summary>Read and list routes for the types clients only read: sequences, mailboxes and mailings.</summary>
internal static class OutreachReadEndpoints
{
    public static IEnumerable<SimRoute> Routes(OutreachData data)
    {
        var sequences = new OutreachFilters<OutreachSequence>()
            .Id("id", s => s.Id)
            .Text("name", s => s.Name)
            .Time("createdAt", s => s.CreatedAt)
            .Time("updatedAt", s => s.UpdatedAt);
        var mailboxes = new OutreachFilters<OutreachMailbox>()
            .Id("id", m => m.Id)
            .Text("email", m => m.Email)
            .Id("user.id", m => m.UserId)
            .Id("userId", m => m.UserId);
        var mailings = new OutreachFilters<OutreachMailing>()
            .Id("id", m => m.Id)
            .Text("state", m => m.State)
            .Id("prospect.id", m => m.ProspectId)
            .Id("sequence.id", m => m.SequenceId)
            .Id("sequenceState.id", m => m.SequenceStateId)
            .Id("mailbox.id", m => m.MailboxId)
            .Time("createdAt", m => m.CreatedAt)
            .Time("updatedAt", m => m.UpdatedAt)
            .Time("deliveredAt", m => m.DeliveredAt)
            .Time("repliedAt", m => m.RepliedAt);
        return For(data, data.Sequences, "sequence", sequences)
            .Concat(For(data, data.Mailboxes, "mailbox", mailboxes))
            .Concat(For(data, data.Mailings, "mailing", mailings));
    }

    private static IEnumerable<SimRoute> For<T>(OutreachData data, SortedDictionary<long, T> store, string type, OutreachFilters<T> filters)
        where T : class, IOutreachResource
    {
        var collection = OutreachJson.Collection(type);
        yield return new SimRoute("GET", $"/api/v2/{collection}", $"{collection}.list", request =>
        {
            lock (data.Gate)
            {
                return OutreachCollection.List(request, store.Values, filters);
            }
        });
        yield return new SimRoute("GET", $"/api/v2/{collection}/{{id}}", $"{collection}.read", request =>
        {
            lock (data.Gate)
            {
                return OutreachIds.Find(store, request.Route("id")) is { } found
                    ? OutreachJson.Document(200, found, request.BaseUrl)
                    : OutreachErrors.NotFound(type, request.Route("id"));
            }
        });
    }
}
