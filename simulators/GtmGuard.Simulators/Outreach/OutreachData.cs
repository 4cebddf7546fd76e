namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// Every Outreach record, behind one lock: replies and opt-outs touch prospects, sequence states and mailings at once.
/// Sequences and mailboxes come from the options and survive <see cref="Clear"/>.
/// </summary>
internal sealed class OutreachData
{
    private readonly OutreachOptions _options;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, long> _prospectsByEmail = new(StringComparer.OrdinalIgnoreCase);
    private long _nextProspect;
    private long _nextSequenceState;
    private long _nextMailing;
    private long _nextWebhook;

    public OutreachData(OutreachOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        Clear();
        Seed();
    }

    /// <summary>Held by every handler for its whole operation.</summary>
    public Lock Gate { get; } = new();

    public SortedDictionary<long, OutreachProspect> Prospects { get; } = [];

    public SortedDictionary<long, OutreachSequence> Sequences { get; } = [];

    public SortedDictionary<long, OutreachMailbox> Mailboxes { get; } = [];

    public SortedDictionary<long, OutreachSequenceState> SequenceStates { get; } = [];

    public SortedDictionary<long, OutreachMailing> Mailings { get; } = [];

    public SortedDictionary<long, OutreachWebhook> Webhooks { get; } = [];

    public long NextProspectId() => _nextProspect++;

    public long NextSequenceStateId() => _nextSequenceState++;

    public long NextMailingId() => _nextMailing++;

    public long NextWebhookId() => _nextWebhook++;

    /// <summary>The prospect holding <paramref name="email"/> (case-insensitive), other than <paramref name="except"/>.</summary>
    public OutreachProspect? ProspectByEmail(string email, long? except = null) =>
        _prospectsByEmail.TryGetValue(email, out var id) && id != except ? Prospects[id] : null;

    /// <summary>Re-indexes a prospect's emails after a create or update.</summary>
    public void IndexEmails(OutreachProspect prospect, IEnumerable<string> previous)
    {
        Unindex(prospect.Id, previous);
        foreach (var email in prospect.Emails)
        {
            _prospectsByEmail[email] = prospect.Id;
        }
    }

    public void RemoveProspect(OutreachProspect prospect)
    {
        Unindex(prospect.Id, prospect.Emails);
        Prospects.Remove(prospect.Id);
    }

    /// <summary>Forgets prospects, sequence states, mailings and webhooks; seeded sequences and mailboxes stay, their counters zeroed.</summary>
    public void Clear()
    {
        Prospects.Clear();
        SequenceStates.Clear();
        Mailings.Clear();
        Webhooks.Clear();
        _prospectsByEmail.Clear();
        (_nextProspect, _nextSequenceState, _nextMailing, _nextWebhook) = (1, 1, 1, 1);
        foreach (var sequence in Sequences.Values)
        {
            (sequence.DeliverCount, sequence.OpenCount, sequence.ReplyCount, sequence.OptOutCount) = (0, 0, 0, 0);
        }
    }

    public IReadOnlyDictionary<string, int> Counts() => new Dictionary<string, int>
    {
        ["prospects"] = Prospects.Count,
        ["sequences"] = Sequences.Count,
        ["mailboxes"] = Mailboxes.Count,
        ["sequenceStates"] = SequenceStates.Count,
        ["mailings"] = Mailings.Count,
        ["webhooks"] = Webhooks.Count,
    };

    private void Unindex(long prospectId, IEnumerable<string> emails)
    {
        foreach (var email in emails)
        {
            if (_prospectsByEmail.TryGetValue(email, out var id) && id == prospectId)
            {
                _prospectsByEmail.Remove(email);
            }
        }
    }

    private void Seed()
    {
        var now = OutreachTime.Now(_clock);
        foreach (var seed in _options.Sequences)
        {
            Sequences[seed.Id] = new OutreachSequence { Id = seed.Id, Name = seed.Name, StepCount = seed.StepCount, OwnerId = _options.UserId, CreatedAt = now, UpdatedAt = now };
        }

        foreach (var seed in _options.Mailboxes)
        {
            Mailboxes[seed.Id] = new OutreachMailbox { Id = seed.Id, Email = seed.Email, UserId = _options.UserId, CreatedAt = now };
        }
    }
}
