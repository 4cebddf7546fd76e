using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

// The baseline for the simulator throughput benchmark: a bare WireMock.Net server with one static
// mapping answering a HubSpot-shaped contact, configured like the simulators (journal size, no JSON body parsing).
// Usage: BareWireMock [port] [--admin]   (--admin turns on WireMock's admin API, as the simulators have it)
var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5199;
var admin = args.Contains("--admin");
using var server = WireMockServer.Start(new WireMockServerSettings
{
    Urls = [$"http://127.0.0.1:{port}"],
    StartAdminInterface = admin,
    MaxRequestLogCount = 1000,
    DisableJsonBodyParsing = true,
    Logger = new WireMock.Logging.WireMockNullLogger(),
});
server
    .Given(Request.Create().WithPath("/crm/v3/objects/contacts/1000000001").UsingGet())
    .RespondWith(Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/json; charset=utf-8")
        .WithBody("""{"id":"1000000001","properties":{"createdate":"2026-11-27T09:00:00.000Z","email":"bench@example.com","firstname":"Bench","hs_object_id":"1000000001","lastmodifieddate":"2026-11-27T09:00:00.000Z","lastname":"Mark"},"createdAt":"2026-11-27T09:00:00.000Z","updatedAt":"2026-11-27T09:00:00.000Z","archived":false}"""));
Console.WriteLine($"bare WireMock listening on http://127.0.0.1:{port} (admin API {(admin ? "on" : "off")})");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
