using Microsoft.AspNetCore.Builder;

namespace GtmGuard.Simulators.Hosting;

/// <summary>
/// WireMock callbacks cannot reach the connection, so a chaos "reset" marks its response with a header and
/// this middleware aborts the connection just before the headers would go out.
/// </summary>
internal static class ConnectionReset
{
    public const string MarkerHeader = "X-GtmGuard-Connection-Reset";

    /// <summary>Installs the middleware; it only watches responses while <paramref name="armed"/> says a reset rule exists.</summary>
    public static void Install(IApplicationBuilder app, Func<bool> armed) =>
        app.Use(async (context, next) =>
        {
            if (!armed())
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.OnStarting(() =>
            {
                if (context.Response.Headers.ContainsKey(MarkerHeader))
                {
                    context.Abort();
                }

                return Task.CompletedTask;
            });
            await next(context).ConfigureAwait(false);
        });
}
