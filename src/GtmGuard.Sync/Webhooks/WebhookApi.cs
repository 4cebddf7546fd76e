using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GtmGuard.Sync.Webhooks;

/// <summary>The webhook endpoints, one per vendor under <c>/webhooks</c>.</summary>
public static class WebhookApi
{
    /// <summary>Maps <c>POST /webhooks/hubspot</c>, <c>/webhooks/outreach</c> and <c>/webhooks/clay</c>; a disabled vendor answers 404.</summary>
    public static RouteGroupBuilder MapGtmGuardWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapPost("/hubspot", (HttpContext context, [FromServices] WebhookIntake intake, [FromServices] HubSpotWebhookSource source) => intake.AcceptAsync(context, source));
        group.MapPost("/outreach", (HttpContext context, [FromServices] WebhookIntake intake, [FromServices] OutreachWebhookSource source) => intake.AcceptAsync(context, source));
        group.MapPost("/clay", (HttpContext context, [FromServices] WebhookIntake intake, [FromServices] ClayWebhookSource source) => intake.AcceptAsync(context, source));
        return group;
    }
}
