using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// What happens in Outreach when mail goes out and people answer: steps advance, mailings are delivered, opened and
/// replied to, prospects opt out, sequence states finish. Every change publishes its webhook event. Call with the data lock held.
/// </summary>
internal sealed class OutreachEngagement
{
    private readonly OutreachData _data;
    private readonly OutreachEvents _events;

    public OutreachEngagement(OutreachData data, OutreachEvents events)
    {
        _data = data;
        _events = events;
    }

    /// <summary>Delivers the current step's mailing (optionally opened), then moves to the next step or finishes after the last.</summary>
    public OutreachMailing Advance(OutreachSequenceState state, bool open, DateTimeOffset now, List<string> published)
    {
        var before = state.Attributes();
        var mailing = Deliver(state, now, published);
        if (open)
        {
            Open(mailing, state, now, published);
        }

        var sequence = _data.Sequences[state.SequenceId];
        if (state.Step >= sequence.StepCount)
        {
            Finish(state, now, published, before);
            return mailing;
        }

        state.Step++;
        state.UpdatedAt = now;
        published.Add(_events.Publish(state, "advanced", OutreachEvents.Changed(before, state.Attributes())));
        return mailing;
    }

    /// <summary>
    /// The prospect answers the latest mailing of <paramref name="state"/> (one is delivered first if none went out yet):
    /// the mailing is replied, the state finishes, and an opt-out also opts the prospect out and finishes their other sequences.
    /// </summary>
    public OutreachMailing Reply(OutreachProspect prospect, OutreachSequenceState state, bool optOut, DateTimeOffset now, List<string> published)
    {
        var mailing = _data.Mailings.Values.LastOrDefault(m => m.SequenceStateId == state.Id) ?? Deliver(state, now, published);
        var before = mailing.Attributes();
        mailing.State = OutreachMailing.Replied;
        mailing.RepliedAt = now;
        mailing.StateChangedAt = now;
        mailing.UpdatedAt = now;
        mailing.OptOut = optOut;
        mailing.UnsubscribedAt = optOut ? now : null;
        var changed = OutreachEvents.Changed(before, mailing.Attributes());
        changed["optOut"] = optOut;
        published.Add(_events.Publish(mailing, "replied", changed));

        var stateBefore = state.Attributes();
        state.ReplyCount++;
        state.RepliedAt = now;
        state.OptOutCount += optOut ? 1 : 0;
        var sequence = _data.Sequences[state.SequenceId];
        sequence.ReplyCount++;
        sequence.OptOutCount += optOut ? 1 : 0;
        prospect.ReplyCount++;
        prospect.EngagedAt = now;
        Finish(state, now, published, stateBefore);

        if (optOut)
        {
            OptOut(prospect, now, published);
        }

        return mailing;
    }

    /// <summary>Opts the prospect out (<c>optedOut</c>, <c>optedOutAt</c>) and finishes every sequence they are still in.</summary>
    public void OptOut(OutreachProspect prospect, DateTimeOffset now, List<string> published)
    {
        if (!prospect.OptedOut)
        {
            var before = prospect.Attributes();
            prospect.Values["optedOut"] = true;
            prospect.OptedOutAt = now;
            prospect.UpdatedAt = now;
            published.Add(_events.Publish(prospect, "updated", OutreachEvents.Changed(before, prospect.Attributes())));
        }

        foreach (var other in _data.SequenceStates.Values.Where(s => s.ProspectId == prospect.Id && s.IsActive).ToList())
        {
            Finish(other, now, published, other.Attributes());
        }
    }

    /// <summary>Finishes a sequence state; <paramref name="before"/> is its rendering before this change began.</summary>
    public void Finish(OutreachSequenceState state, DateTimeOffset now, List<string> published, JsonObject before)
    {
        state.State = OutreachSequenceState.Finished;
        state.PauseReason = null;
        state.StateChangedAt = now;
        state.UpdatedAt = now;
        published.Add(_events.Publish(state, "finished", OutreachEvents.Changed(before, state.Attributes())));
    }

    private OutreachMailing Deliver(OutreachSequenceState state, DateTimeOffset now, List<string> published)
    {
        var sequence = _data.Sequences[state.SequenceId];
        var mailbox = _data.Mailboxes[state.MailboxId];
        var mailing = new OutreachMailing
        {
            Id = _data.NextMailingId(),
            ProspectId = state.ProspectId,
            SequenceStateId = state.Id,
            SequenceId = state.SequenceId,
            MailboxId = state.MailboxId,
            MailboxAddress = mailbox.Email,
            UserId = state.UserId,
            Step = state.Step,
            Subject = $"{sequence.Name}: step {state.Step}",
            CreatedAt = now,
            UpdatedAt = now,
            StateChangedAt = now,
            DeliveredAt = now,
        };
        _data.Mailings[mailing.Id] = mailing;
        state.DeliverCount++;
        sequence.DeliverCount++;
        if (_data.Prospects.TryGetValue(state.ProspectId, out var prospect))
        {
            prospect.TouchedAt = now;
        }

        published.Add(_events.Publish(mailing, "delivered", OutreachEvents.SetAttributes(mailing)));
        return mailing;
    }

    private void Open(OutreachMailing mailing, OutreachSequenceState state, DateTimeOffset now, List<string> published)
    {
        var before = mailing.Attributes();
        mailing.State = OutreachMailing.Opened;
        mailing.OpenedAt = now;
        mailing.OpenCount++;
        mailing.StateChangedAt = now;
        mailing.UpdatedAt = now;
        state.OpenCount++;
        _data.Sequences[state.SequenceId].OpenCount++;
        if (_data.Prospects.TryGetValue(state.ProspectId, out var prospect))
        {
            prospect.OpenCount++;
            prospect.EngagedAt = now;
        }

        published.Add(_events.Publish(mailing, "opened", OutreachEvents.Changed(before, mailing.Attributes())));
    }
}
