using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Outreach;

/// <summary>Sequence states: add a prospect to a sequence (prospect, sequence and mailbox required), read, list, delete, and the finish/pause/resume actions.</summary>
internal sealed class OutreachSequenceStateEndpoints
{
    private static readonly Dictionary<string, string> Required = new(StringComparer.Ordinal)
    {
        ["prospect"] = "prospect",
        ["sequence"] = "sequence",
        ["mailbox"] = "mailbox",
    };

    private readonly OutreachData _data;
    private readonly OutreachEvents _events;
    private readonly OutreachEngagement _engagement;
    private readonly OutreachOptions _options;
    private readonly TimeProvider _clock;
    private readonly OutreachFilters<OutreachSequenceState> _filters = new OutreachFilters<OutreachSequenceState>()
        .Id("id", s => s.Id)
        .Text("state", s => s.State)
        .Id("prospect.id", s => s.ProspectId)
        .Id("sequence.id", s => s.SequenceId)
        .Id("mailbox.id", s => s.MailboxId)
        .Time("createdAt", s => s.CreatedAt)
        .Time("updatedAt", s => s.UpdatedAt)
        .Time("stateChangedAt", s => s.StateChangedAt);

    public OutreachSequenceStateEndpoints(OutreachData data, OutreachEvents events, OutreachEngagement engagement, OutreachOptions options, TimeProvider clock)
    {
        _data = data;
        _events = events;
        _engagement = engagement;
        _options = options;
        _clock = clock;
    }

    public IEnumerable<SimRoute> Routes()
    {
        yield return new SimRoute("GET", "/api/v2/sequenceStates", "sequenceStates.list", List);
        yield return new SimRoute("POST", "/api/v2/sequenceStates", "sequenceStates.create", Create);
        yield return new SimRoute("GET", "/api/v2/sequenceStates/{id}", "sequenceStates.read", Read);
        yield return new SimRoute("DELETE", "/api/v2/sequenceStates/{id}", "sequenceStates.delete", Delete);
        yield return new SimRoute("POST", "/api/v2/sequenceStates/{id}/actions/{action}", "sequenceStates.action", Action);
    }

    private SimResponse Create(SimRequest request)
    {
        if (OutreachDocument.TryRead(request, "sequenceState", out var document) is { } invalid)
        {
            return invalid;
        }

        if (document.CheckRelationships("sequenceState", Required) is { } badRelationship)
        {
            return badRelationship;
        }

        if (document.Attributes.Select(a => a.Key).FirstOrDefault() is { } attribute)
        {
            return OutreachErrors.Validation($"Attribute '{attribute}' cannot be set when adding a prospect to a sequence.", "/data/attributes/" + attribute);
        }

        foreach (var name in Required.Keys)
        {
            if (document.Relationships.GetValueOrDefault(name) is null)
            {
                return OutreachErrors.Validation($"{char.ToUpperInvariant(name[0])}{name[1..]} can't be blank.", "/data/relationships/" + name);
            }
        }

        var prospectId = document.Relationships["prospect"]!.Value.Id;
        var sequenceId = document.Relationships["sequence"]!.Value.Id;
        var mailboxId = document.Relationships["mailbox"]!.Value.Id;
        lock (_data.Gate)
        {
            if (!_data.Prospects.TryGetValue(prospectId, out var prospect))
            {
                return OutreachErrors.Validation($"Could not find 'prospect' with ID '{prospectId}'.", "/data/relationships/prospect");
            }

            if (!_data.Sequences.ContainsKey(sequenceId))
            {
                return OutreachErrors.Validation($"Could not find 'sequence' with ID '{sequenceId}'.", "/data/relationships/sequence");
            }

            if (!_data.Mailboxes.ContainsKey(mailboxId))
            {
                return OutreachErrors.Validation($"Could not find 'mailbox' with ID '{mailboxId}'.", "/data/relationships/mailbox");
            }

            if (prospect.OptedOut)
            {
                return OutreachErrors.Validation("Prospect has opted out and cannot be added to a sequence.", "/data/relationships/prospect");
            }

            if (_data.SequenceStates.Values.Any(s => s.ProspectId == prospectId && s.SequenceId == sequenceId && s.IsActive))
            {
                return OutreachErrors.Validation("Prospect is already active in this sequence.", "/data/relationships/prospect");
            }

            var now = OutreachTime.Now(_clock);
            var state = new OutreachSequenceState
            {
                Id = _data.NextSequenceStateId(),
                ProspectId = prospectId,
                SequenceId = sequenceId,
                MailboxId = mailboxId,
                UserId = _options.UserId,
                CreatedAt = now,
                UpdatedAt = now,
                StateChangedAt = now,
            };
            _data.SequenceStates[state.Id] = state;
            _events.Publish(state, "created", OutreachEvents.SetAttributes(state));
            return OutreachJson.Document(201, state, request.BaseUrl);
        }
    }

    private SimResponse Read(SimRequest request)
    {
        lock (_data.Gate)
        {
            return OutreachIds.Find(_data.SequenceStates, request.Route("id")) is { } state
                ? OutreachJson.Document(200, state, request.BaseUrl)
                : OutreachErrors.NotFound("sequenceState", request.Route("id"));
        }
    }

    private SimResponse Delete(SimRequest request)
    {
        lock (_data.Gate)
        {
            if (OutreachIds.Find(_data.SequenceStates, request.Route("id")) is not { } state)
            {
                return OutreachErrors.NotFound("sequenceState", request.Route("id"));
            }

            var last = state.Attributes();
            _data.SequenceStates.Remove(state.Id);
            _events.Publish(state, "destroyed", last);
            return SimResponse.Empty(204);
        }
    }

    private SimResponse List(SimRequest request)
    {
        lock (_data.Gate)
        {
            return OutreachCollection.List(request, _data.SequenceStates.Values, _filters);
        }
    }

    /// <summary><c>finish</c> from active or paused, <c>pause</c> from active, <c>resume</c> from paused; anything else is a 422.</summary>
    private SimResponse Action(SimRequest request)
    {
        var action = request.Route("action");
        if (request.HasBody && !OutreachHeaders.IsJsonApi(request.ContentType))
        {
            return OutreachErrors.UnsupportedMediaType();
        }

        lock (_data.Gate)
        {
            if (OutreachIds.Find(_data.SequenceStates, request.Route("id")) is not { } state)
            {
                return OutreachErrors.NotFound("sequenceState", request.Route("id"));
            }

            var now = OutreachTime.Now(_clock);
            var before = state.Attributes();
            switch (action)
            {
                case "finish" when state.IsActive:
                    _engagement.Finish(state, now, [], before);
                    break;
                case "pause" when state.State == OutreachSequenceState.Active:
                    Transition(state, OutreachSequenceState.Paused, "manual", now, before);
                    break;
                case "resume" when state.State == OutreachSequenceState.Paused:
                    Transition(state, OutreachSequenceState.Active, null, now, before);
                    break;
                case "finish" or "pause" or "resume":
                    return OutreachErrors.Validation($"Cannot {action} a sequence state that is {state.State}.");
                default:
                    return OutreachErrors.NotFound("action", action);
            }

            return OutreachJson.Document(200, state, request.BaseUrl);
        }
    }

    private void Transition(OutreachSequenceState state, string to, string? pauseReason, DateTimeOffset now, System.Text.Json.Nodes.JsonObject before)
    {
        state.State = to;
        state.PauseReason = pauseReason;
        state.StateChangedAt = now;
        state.UpdatedAt = now;
        _events.Publish(state, "updated", OutreachEvents.Changed(before, state.Attributes()));
    }
}
