using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Outreach;

/// <summary>Prospects: create (no upsert; a taken email is a 422), read, update, delete and list.</summary>
internal sealed class OutreachProspectEndpoints
{
    private const string DuplicateEmail = "Contacts email hash has already been taken.";

    private static readonly Dictionary<string, string> WritableRelationships = new(StringComparer.Ordinal)
    {
        ["account"] = "account",
        ["owner"] = "user",
    };

    private readonly OutreachData _data;
    private readonly OutreachEvents _events;
    private readonly OutreachEngagement _engagement;
    private readonly OutreachOptions _options;
    private readonly TimeProvider _clock;
    private readonly OutreachFilters<OutreachProspect> _filters = new OutreachFilters<OutreachProspect>()
        .Id("id", p => p.Id)
        .Texts("emails", p => p.Emails)
        .Texts("tags", p => p.Tags)
        .Text("externalId", p => p.Text("externalId"))
        .Text("firstName", p => p.Text("firstName"))
        .Text("lastName", p => p.Text("lastName"))
        .Text("company", p => p.Text("company"))
        .Text("title", p => p.Text("title"))
        .Flag("optedOut", p => p.OptedOut)
        .Id("account.id", p => p.AccountId)
        .Id("owner.id", p => p.OwnerId)
        .Time("createdAt", p => p.CreatedAt)
        .Time("updatedAt", p => p.UpdatedAt)
        .Time("engagedAt", p => p.EngagedAt);

    public OutreachProspectEndpoints(OutreachData data, OutreachEvents events, OutreachEngagement engagement, OutreachOptions options, TimeProvider clock)
    {
        _data = data;
        _events = events;
        _engagement = engagement;
        _options = options;
        _clock = clock;
    }

    public IEnumerable<SimRoute> Routes()
    {
        yield return new SimRoute("GET", "/api/v2/prospects", "prospects.list", List);
        yield return new SimRoute("POST", "/api/v2/prospects", "prospects.create", Create);
        yield return new SimRoute("GET", "/api/v2/prospects/{id}", "prospects.read", Read);
        yield return new SimRoute("PATCH", "/api/v2/prospects/{id}", "prospects.update", Update);
        yield return new SimRoute("DELETE", "/api/v2/prospects/{id}", "prospects.delete", Delete);
    }

    private SimResponse Create(SimRequest request)
    {
        if (Read(request, out var document, out var values) is { } invalid)
        {
            return invalid;
        }

        if (document.Id is not null)
        {
            return OutreachErrors.Validation("Ids are assigned by Outreach; leave out 'data.id' when creating.", "/data/id");
        }

        lock (_data.Gate)
        {
            if (TakenEmail(values, null))
            {
                return OutreachErrors.Validation(DuplicateEmail);
            }

            var now = OutreachTime.Now(_clock);
            var prospect = new OutreachProspect
            {
                Id = _data.NextProspectId(),
                OwnerId = _options.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            Apply(prospect, document, values, now);
            _data.Prospects[prospect.Id] = prospect;
            _data.IndexEmails(prospect, []);
            _events.Publish(prospect, "created", OutreachEvents.SetAttributes(prospect));
            return OutreachJson.Document(201, prospect, request.BaseUrl);
        }
    }

    private SimResponse Read(SimRequest request)
    {
        lock (_data.Gate)
        {
            return OutreachIds.Find(_data.Prospects, request.Route("id")) is { } prospect
                ? OutreachJson.Document(200, prospect, request.BaseUrl)
                : OutreachErrors.NotFound("prospect", request.Route("id"));
        }
    }

    private SimResponse Update(SimRequest request)
    {
        var idText = request.Route("id");
        if (Read(request, out var document, out var values) is { } invalid)
        {
            return invalid;
        }

        lock (_data.Gate)
        {
            if (OutreachIds.Find(_data.Prospects, idText) is not { } prospect)
            {
                return OutreachErrors.NotFound("prospect", idText);
            }

            if (document.Id is { } bodyId && bodyId != prospect.Id)
            {
                return OutreachErrors.Validation($"'data.id' {bodyId} does not match the prospect in the path ({prospect.Id}).", "/data/id");
            }

            if (TakenEmail(values, prospect.Id))
            {
                return OutreachErrors.Validation(DuplicateEmail);
            }

            var now = OutreachTime.Now(_clock);
            var before = prospect.Attributes();
            var wasOptedOut = prospect.OptedOut;
            var previousEmails = prospect.Emails;
            Apply(prospect, document, values, now);
            _data.IndexEmails(prospect, previousEmails);
            var changed = OutreachEvents.Changed(before, prospect.Attributes());
            if (changed.Count > 0)
            {
                prospect.UpdatedAt = now;
                changed["updatedAt"] = OutreachTime.Node(now);
                _events.Publish(prospect, "updated", changed);
                if (!wasOptedOut && prospect.OptedOut)
                {
                    _engagement.OptOut(prospect, now, []);
                }
            }

            return OutreachJson.Document(200, prospect, request.BaseUrl);
        }
    }

    private SimResponse Delete(SimRequest request)
    {
        var idText = request.Route("id");
        lock (_data.Gate)
        {
            if (OutreachIds.Find(_data.Prospects, idText) is not { } prospect)
            {
                return OutreachErrors.NotFound("prospect", idText);
            }

            var last = prospect.Attributes();
            _data.RemoveProspect(prospect);
            foreach (var state in _data.SequenceStates.Values.Where(s => s.ProspectId == prospect.Id).ToList())
            {
                _data.SequenceStates.Remove(state.Id);
            }

            foreach (var mailing in _data.Mailings.Values.Where(m => m.ProspectId == prospect.Id).ToList())
            {
                _data.Mailings.Remove(mailing.Id);
            }

            _events.Publish(prospect, "destroyed", last);
            return SimResponse.Empty(204);
        }
    }

    private SimResponse List(SimRequest request)
    {
        lock (_data.Gate)
        {
            return OutreachCollection.List(request, _data.Prospects.Values, _filters);
        }
    }

    private SimResponse? Read(SimRequest request, out OutreachDocument document, out Dictionary<string, JsonNode?> values)
    {
        values = [];
        if (OutreachDocument.TryRead(request, "prospect", out document) is { } invalid)
        {
            return invalid;
        }

        if (document.CheckRelationships("prospect", WritableRelationships) is { } badRelationship)
        {
            return badRelationship;
        }

        if (document.Relationships.GetValueOrDefault("owner") is { } owner && owner.Id != _options.UserId)
        {
            return OutreachErrors.Validation($"Owner {owner.Id} is not a user of this organization.", "/data/relationships/owner");
        }

        return OutreachProspectAttributes.Validate(document.Attributes, out values);
    }

    private bool TakenEmail(Dictionary<string, JsonNode?> values, long? self) =>
        values.GetValueOrDefault("emails") is JsonArray emails && emails.Any(e => _data.ProspectByEmail(e!.GetValue<string>(), self) is not null);

    private static void Apply(OutreachProspect prospect, OutreachDocument document, Dictionary<string, JsonNode?> values, DateTimeOffset now)
    {
        foreach (var (name, value) in values)
        {
            if (value is null)
            {
                prospect.Values.Remove(name);
            }
            else
            {
                prospect.Values[name] = value;
            }
        }

        if (values.ContainsKey("optedOut"))
        {
            prospect.OptedOutAt = prospect.OptedOut ? prospect.OptedOutAt ?? now : null;
        }

        if (document.Relationships.TryGetValue("account", out var account))
        {
            prospect.AccountId = account?.Id;
        }
    }
}
