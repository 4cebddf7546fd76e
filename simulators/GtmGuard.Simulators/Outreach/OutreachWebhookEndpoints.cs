using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Webhooks;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// <c>/api/v2/webhooks</c>: each active webhook is a subscription on the simulator's dispatcher, so its URL receives
/// the events the simulator publishes. URLs must be on loopback unless the webhook settings allow other hosts.
/// </summary>
internal sealed class OutreachWebhookEndpoints
{
    private static readonly string[] Writable = ["url", "resource", "action", "secret", "active", "payloadVersion"];

    private readonly OutreachData _data;
    private readonly WebhookDispatcher _dispatcher;
    private readonly OutreachOptions _options;
    private readonly TimeProvider _clock;
    private readonly OutreachFilters<OutreachWebhook> _filters = new OutreachFilters<OutreachWebhook>()
        .Id("id", w => w.Id)
        .Text("resource", w => w.Resource)
        .Text("action", w => w.Action)
        .Text("url", w => w.Url)
        .Flag("active", w => w.Active)
        .Time("createdAt", w => w.CreatedAt)
        .Time("updatedAt", w => w.UpdatedAt);

    public OutreachWebhookEndpoints(OutreachData data, WebhookDispatcher dispatcher, OutreachOptions options, TimeProvider clock)
    {
        _data = data;
        _dispatcher = dispatcher;
        _options = options;
        _clock = clock;
    }

    public IEnumerable<SimRoute> Routes()
    {
        yield return new SimRoute("GET", "/api/v2/webhooks", "webhooks.list", List);
        yield return new SimRoute("POST", "/api/v2/webhooks", "webhooks.create", Create);
        yield return new SimRoute("GET", "/api/v2/webhooks/{id}", "webhooks.read", Read);
        yield return new SimRoute("PATCH", "/api/v2/webhooks/{id}", "webhooks.update", Update);
        yield return new SimRoute("DELETE", "/api/v2/webhooks/{id}", "webhooks.delete", Delete);
    }

    /// <summary>Removes every webhook's subscription, for a state reset.</summary>
    public void UnsubscribeAll()
    {
        foreach (var webhook in _data.Webhooks.Values)
        {
            _dispatcher.Unsubscribe(webhook.SubscriptionId);
        }
    }

    private SimResponse Create(SimRequest request)
    {
        if (OutreachDocument.TryRead(request, "webhook", out var document) is { } invalid)
        {
            return invalid;
        }

        if (document.Attributes["url"] is null)
        {
            return OutreachErrors.Validation("Url can't be blank.", "/data/attributes/url");
        }

        lock (_data.Gate)
        {
            var now = OutreachTime.Now(_clock);
            var webhook = new OutreachWebhook
            {
                Id = _data.NextWebhookId(),
                Url = string.Empty,
                Resource = OutreachWebhookMatrix.Any,
                Action = OutreachWebhookMatrix.Any,
                UserId = _options.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            if ((Apply(webhook, document) ?? Subscribe(webhook)) is { } rejected)
            {
                return rejected;
            }

            _data.Webhooks[webhook.Id] = webhook;
            return OutreachJson.Document(201, webhook, request.BaseUrl);
        }
    }

    private SimResponse Read(SimRequest request)
    {
        lock (_data.Gate)
        {
            return OutreachIds.Find(_data.Webhooks, request.Route("id")) is { } webhook
                ? OutreachJson.Document(200, webhook, request.BaseUrl)
                : OutreachErrors.NotFound("webhook", request.Route("id"));
        }
    }

    private SimResponse Update(SimRequest request)
    {
        var idText = request.Route("id");
        if (OutreachDocument.TryRead(request, "webhook", out var document) is { } invalid)
        {
            return invalid;
        }

        lock (_data.Gate)
        {
            if (OutreachIds.Find(_data.Webhooks, idText) is not { } stored)
            {
                return OutreachErrors.NotFound("webhook", idText);
            }

            // Validate on a copy so a refused change leaves the webhook and its subscription as they were.
            var webhook = new OutreachWebhook
            {
                Id = stored.Id,
                Url = stored.Url,
                Resource = stored.Resource,
                Action = stored.Action,
                Secret = stored.Secret,
                Active = stored.Active,
                PayloadVersion = stored.PayloadVersion,
                UserId = stored.UserId,
                CreatedAt = stored.CreatedAt,
                UpdatedAt = OutreachTime.Now(_clock),
            };
            if ((Apply(webhook, document) ?? Subscribe(webhook)) is { } rejected)
            {
                return rejected;
            }

            _data.Webhooks[webhook.Id] = webhook;
            return OutreachJson.Document(200, webhook, request.BaseUrl);
        }
    }

    private SimResponse Delete(SimRequest request)
    {
        lock (_data.Gate)
        {
            if (OutreachIds.Find(_data.Webhooks, request.Route("id")) is not { } webhook)
            {
                return OutreachErrors.NotFound("webhook", request.Route("id"));
            }

            _data.Webhooks.Remove(webhook.Id);
            _dispatcher.Unsubscribe(webhook.SubscriptionId);
            return SimResponse.Empty(204);
        }
    }

    private SimResponse List(SimRequest request)
    {
        lock (_data.Gate)
        {
            return OutreachCollection.List(request, _data.Webhooks.Values, _filters);
        }
    }

    private static SimResponse? Apply(OutreachWebhook webhook, OutreachDocument document)
    {
        foreach (var (name, value) in document.Attributes)
        {
            var pointer = "/data/attributes/" + name;
            if (!Writable.Contains(name))
            {
                return OutreachErrors.Validation(webhook.Attributes().ContainsKey(name) ? $"Attribute '{name}' is read-only." : $"Unknown attribute '{name}' for type 'webhook'.", pointer);
            }

            var kind = value?.GetValueKind() ?? JsonValueKind.Null;
            switch (name)
            {
                case "url" when kind == JsonValueKind.String:
                    webhook.Url = value!.GetValue<string>();
                    break;
                case "resource" when kind is JsonValueKind.String or JsonValueKind.Null:
                    webhook.Resource = value?.GetValue<string>() ?? OutreachWebhookMatrix.Any;
                    break;
                case "action" when kind is JsonValueKind.String or JsonValueKind.Null:
                    webhook.Action = value?.GetValue<string>() ?? OutreachWebhookMatrix.Any;
                    break;
                case "secret" when kind is JsonValueKind.String or JsonValueKind.Null:
                    webhook.Secret = value?.GetValue<string>() is { Length: > 0 } secret ? secret : null;
                    break;
                case "active" when kind is JsonValueKind.True or JsonValueKind.False:
                    webhook.Active = value!.GetValue<bool>();
                    break;
                case "payloadVersion" when kind == JsonValueKind.Number && value is JsonValue version && version.TryGetValue<int>(out var v) && v is 1 or 2:
                    webhook.PayloadVersion = v;
                    break;
                default:
                    return OutreachErrors.Validation($"{name} has an invalid value.", pointer);
            }
        }

        if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return OutreachErrors.Validation("Url is not a valid http(s) URL.", "/data/attributes/url");
        }

        return OutreachWebhookMatrix.Problem(webhook.Resource, webhook.Action) is { } problem
            ? OutreachErrors.Validation(problem, webhook.Resource != OutreachWebhookMatrix.Any && !OutreachWebhookMatrix.Actions.ContainsKey(webhook.Resource) ? "/data/attributes/resource" : "/data/attributes/action")
            : null;
    }

    /// <summary>Makes the dispatcher match the webhook: subscribed while active, not otherwise.</summary>
    private SimResponse? Subscribe(OutreachWebhook webhook)
    {
        if (!webhook.Active)
        {
            _dispatcher.Unsubscribe(webhook.SubscriptionId);
            return null;
        }

        try
        {
            _dispatcher.Subscribe(new WebhookSubscription(
                webhook.SubscriptionId,
                new Uri(webhook.Url),
                webhook.Secret ?? string.Empty,
                OutreachWebhookMatrix.EventTypes(webhook.Resource, webhook.Action)));
            return null;
        }
        catch (ArgumentException ex)
        {
            return OutreachErrors.Validation($"Url '{webhook.Url}' is refused: {ex.Message}", "/data/attributes/url");
        }
    }
}
