using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Tests.Workflows;

/// <summary>
/// The standard chaos scenario, all three workflows in one run: 10% 500/503 and 5% injected 429 on every vendor API, on
/// top of a HubSpot quota the run really exceeds; tokens expiring every 60 s; 20% duplicate and 30% reordered (within 5 s)
/// webhooks; one 30-second Salesforce outage. Simulators and engine share one fake clock that the test moves on in
/// 100 ms steps, so every duration is the stated one in fake time while the run takes seconds of wall time; nothing
/// asserts on wall time. Afterwards every simulator is reconciled against the expected end state: 0 lost records,
/// 0 duplicates, 0 stale overwrites, every validation failure (and nothing else) in the dead letters.
/// </summary>
public sealed class StandardChaosTests : IAsyncLifetime
{
    private const string Invalid = "invalid-company@analytical.io";
    private const int Versioned = 4;

    private const string ApiFaults = """
        {"operation":"*","fault":"serverError","probability":0.05},
        {"operation":"*","fault":"unavailable","probability":0.05},
        {"operation":"*","fault":"rateLimit","probability":0.05}
        """;

    private const string TokenExpiry = """{"at":"30s","every":"60s","action":"expireTokens"}""";

    private const string WebhookFaults = """
        "webhooks":[{"effect":"duplicate","probability":0.2,"window":"5s"},{"effect":"reorder","probability":0.3,"window":"5s"}]
        """;

    private readonly LogCapture _simulatorLogs = new();
    private ILoggerFactory _simulatorLogFactory = null!;
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _simulatorLogFactory = LoggerFactory.Create(b => b.AddProvider(_simulatorLogs).SetMinimumLevel(LogLevel.Debug));
        _host = await WorkflowTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Sync:Inbox:Workers"] = "3",
                ["Sync:Vendors:HubSpot:Auth"] = "OAuth",
                // Retries must outlast the 30-second outage (about 100 s of backoff), as the defaults (minutes) do.
                ["Sync:Inbox:RetryBaseDelay"] = "00:00:01",
                ["Sync:Inbox:RetryMaxDelay"] = "00:00:16",
                ["Sync:Inbox:MaxAttempts"] = "12",
                ["Sync:Workflows:Outbox:RetryBaseDelay"] = "00:00:01",
                ["Sync:Workflows:Outbox:RetryMaxDelay"] = "00:00:16",
                ["Sync:Workflows:Outbox:MaxAttempts"] = "12",
            },
            (settings, hubSpot) =>
            {
                // The app's installation allows 20 calls per 10 s, shared with another app of the same portal (below).
                settings.EnforceQuotas = true;
                hubSpot.TenSecondLimit = 20;
            },
            _simulatorLogFactory);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _simulatorLogFactory.Dispose();
    }

    private static async Task ChaosAsync(VendorSimulator simulator, string plan)
    {
        using var http = WorkflowTestHost.Client(simulator.BaseUrl, null);
        using var response = await http.PutAsync("/__gtmguard/chaos", new StringContent(plan, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"chaos on {simulator.Name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Email(JsonNode contact) => contact["properties"]!["email"]!.GetValue<string>();

    private static string? Text(JsonNode? node) => node?.GetValueKind() is System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString();

    /// <summary>Version <paramref name="version"/> of a lead whose title changes; the event time says which version is newest.</summary>
    private static Dictionary<string, object?> Version(int lead, int version) => new Dictionary<string, object?>
    {
        ["email"] = $"versioned{lead}@analytical.io",
        ["last_name"] = $"Versioned{lead}",
        ["company"] = "Acme",
        ["title"] = $"Title v{version}",
        ["lead_score"] = "50",
        ["updatedAt"] = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero).AddMinutes(version).ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Another integration on the same HubSpot portal: every 2.5 s of fake time 4 reads (16 of the 20 per 10 s) with its own OAuth
    /// tokens (refreshed when they expire), spending the 10-second quota the engine shares with it, so the engine meets
    /// real quota 429s its limiter could not see coming. Records its tokens to tell its requests apart; ends when cancelled.
    /// </summary>
    private async Task NeighbourAsync(HashSet<string> tokens, CancellationToken stop)
    {
        var options = new GtmGuard.Simulators.HubSpot.HubSpotOptions();
        using var http = WorkflowTestHost.Client(_host.HubSpot.BaseUrl, null);
        string? token = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (token is null)
                {
                    using var grant = await http.PostAsync("/oauth/v1/token", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "refresh_token",
                        ["client_id"] = options.ClientId,
                        ["client_secret"] = options.ClientSecret,
                        ["refresh_token"] = options.RefreshToken,
                    }), stop);
                    token = grant.IsSuccessStatusCode ? (await grant.Content.ReadFromJsonAsync<JsonObject>(stop))!["access_token"]!.GetValue<string>() : null;
                    lock (tokens)
                    {
                        tokens.Add(token ?? string.Empty);
                    }
                }

                for (var i = 0; i < 4 && token is not null; i++)
                {
                    using var read = new HttpRequestMessage(HttpMethod.Get, "/crm/v3/objects/contacts?limit=1");
                    read.Headers.Authorization = new("Bearer", token);
                    using var answer = await http.SendAsync(read, stop);
                    token = answer.StatusCode == System.Net.HttpStatusCode.Unauthorized ? null : token;
                }

                await Task.Delay(TimeSpan.FromSeconds(2.5), _host.Clock, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static string? Header(IDictionary<string, WireMock.Types.WireMockList<string>>? headers, string name) =>
        headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static int TokenRequests(VendorSimulator simulator, string path) =>
        simulator.Server.LogEntries.Count(e => e.RequestMessage.Path == path && Convert.ToInt32(e.ResponseMessage.StatusCode, CultureInfo.InvariantCulture) == 200);

    [Fact]
    public async Task UnderStandardChaos_AllThreeWorkflowsEndReconciled_NothingLostDuplicatedOrStale_OnlyValidationFailuresDeadLettered()
    {
        await ChaosAsync(_host.HubSpot, $$"""{"seed":1234,"rules":[{{ApiFaults}}],"events":[{{TokenExpiry}}],{{WebhookFaults}}}""");
        await ChaosAsync(_host.Salesforce, $$"""{"seed":1235,"rules":[{{ApiFaults}},{"operation":"*","fault":"unavailable","from":"20s","to":"50s"}],"events":[{{TokenExpiry}}]}""");
        await ChaosAsync(_host.Outreach, $$"""{"seed":1236,"rules":[{{ApiFaults}}],"events":[{{TokenExpiry}}],{{WebhookFaults}}}""");
        await ChaosAsync(_host.Clay, $$"""{"seed":1237,{{WebhookFaults}}}""");
        using var stopNeighbour = new CancellationTokenSource();
        var neighbourTokens = new HashSet<string>(StringComparer.Ordinal);
        var neighbour = NeighbourAsync(neighbourTokens, stopNeighbour.Token);
        var plain = WorkflowTestHost.Leads(20);
        var invalid = new Dictionary<string, object?> { ["email"] = Invalid, ["last_name"] = "Long", ["company"] = new string('x', 300) };

        // Leads arrive over a minute, before, during and after the outage; versions of the same leads arrive out of
        // event-time order (the middle one first, the oldest last), and webhook chaos reorders them further.
        await _host.Submitter.SubmitAsync([.. plain.Take(10), invalid, .. Enumerable.Range(1, Versioned).Select(i => Version(i, 2))], default);
        await _host.RunForAsync(TimeSpan.FromSeconds(25));
        await _host.Submitter.SubmitAsync([.. plain.Skip(10), .. Enumerable.Range(1, Versioned).Select(i => Version(i, 3))], default);
        await _host.RunForAsync(TimeSpan.FromSeconds(15));
        await _host.Submitter.SubmitAsync([.. Enumerable.Range(1, Versioned).Select(i => Version(i, 1))], default);
        var emails = plain.Select(l => (string)l["email"]!).Append(Invalid).Concat(Enumerable.Range(1, Versioned).Select(i => $"versioned{i}@analytical.io")).Order().ToList();
        await _host.UntilAsync(async () => (await WorkflowTestHost.StateAsync(_host.Salesforce, "Lead")).Count >= emails.Count - 1, "every valid lead reached Salesforce", maxSteps: 8000);

        // Two enrolled prospects reply with an opt-out: the opt-out workflow runs under the same chaos.
        await _host.UntilAsync(async () => (await WorkflowTestHost.StateAsync(_host.Outreach, "sequenceStates")).Count >= 2, "two prospects enrolled", maxSteps: 8000);
        var optedOut = (await WorkflowTestHost.StateAsync(_host.Outreach, "sequenceStates")).Take(2).Select(s => s!["relationships"]!["prospect"]!["data"]!["id"]!.GetValue<long>()).ToList();
        using (var outreach = WorkflowTestHost.Client(_host.Outreach.BaseUrl, null))
        {
            foreach (var prospect in optedOut)
            {
                using var reply = await outreach.PostAsJsonAsync($"/__gtmguard/prospects/{prospect}/reply", new { optOut = true });
                Assert.True(reply.IsSuccessStatusCode, $"reply of {prospect}: {reply.StatusCode}");
            }
        }

        await _host.RunForAsync(TimeSpan.FromSeconds(10));
        await stopNeighbour.CancelAsync();
        await neighbour;
        await _host.SettleAsync(maxSteps: 8000);

        var contacts = (await WorkflowTestHost.StateAsync(_host.HubSpot, "contacts")).Select(c => c!).ToList();
        var sfLeads = (await WorkflowTestHost.StateAsync(_host.Salesforce, "Lead")).Select(l => l!).ToList();
        var prospects = (await WorkflowTestHost.StateAsync(_host.Outreach, "prospects")).Select(p => p!).ToList();
        var states = (await WorkflowTestHost.StateAsync(_host.Outreach, "sequenceStates")).Select(s => s!).ToList();
        var letters = await _host.Store.ListDeadLettersAsync(new DeadLetterFilter(Limit: 1000), default);
        var prospectEmail = prospects.ToDictionary(p => p["id"]!.GetValue<long>(), p => p["attributes"]!["emails"]![0]!.GetValue<string>());
        var optedOutEmails = optedOut.Select(id => prospectEmail[id]).ToHashSet();
        var qualified = contacts
            .Where(c => double.TryParse(Text(c["properties"]!["lead_score"]), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score >= 70)
            .Select(Email)
            .ToHashSet();

        // Reconciliation: what each simulator holds against what it must hold.
        var hubSpotEmails = contacts.Select(Email).ToList();
        var salesforceIds = sfLeads.Select(l => l["External_Id__c"]!.GetValue<string>()).ToList();
        var prospectEmails = prospectEmail.Values.ToList();
        var lost = emails.Except(hubSpotEmails).Count()
            + emails.Where(e => e != Invalid).Except(salesforceIds).Count()
            + qualified.Except(prospectEmails).Count();
        var duplicates = (hubSpotEmails.Count - hubSpotEmails.Distinct().Count())
            + (salesforceIds.Count - salesforceIds.Distinct().Count())
            + (prospectEmails.Count - prospectEmails.Distinct().Count())
            + states.GroupBy(s => s["relationships"]!["prospect"]!["data"]!["id"]!.GetValue<long>()).Count(g => g.Count() > 1);
        var stale = Enumerable.Range(1, Versioned).Sum(i =>
        {
            var email = $"versioned{i}@analytical.io";
            var hubSpotTitle = Text(contacts.Single(c => Email(c) == email)["properties"]!["jobtitle"]);
            var salesforceTitle = Text(sfLeads.Single(l => l["External_Id__c"]!.GetValue<string>() == email)["Title"]);
            return (hubSpotTitle == "Title v3" ? 0 : 1) + (salesforceTitle == "Title v3" ? 0 : 1);
        });
        var report = $"lost {lost}, duplicates {duplicates}, stale {stale}; dead letters: {string.Join("; ", letters.Select(l => $"{l.Vendor} {l.Operation} {l.ErrorType} {l.ErrorMessage}"))}";

        Assert.True((lost, duplicates, stale) == (0, 0, 0), report);
        Assert.Equal(emails.Where(e => e != Invalid), salesforceIds.Order());
        Assert.Equal(emails, hubSpotEmails.Order());

        // Every validation failure, and nothing else, is in the dead letters.
        var letter = Assert.Single(letters);
        Assert.Equal((VendorId.Salesforce, "validation"), (letter.Vendor, letter.ErrorType));
        Assert.Contains(Invalid, letter.Request.Body, StringComparison.Ordinal);
        Assert.Empty(await _host.Store.ListOutboxAsync(OutboxItemState.Pending, 10, default));

        // Qualified: each qualified contact once in Outreach and nobody else; each still enrolled exactly once, the
        // opted-out ones in no sequence and flagged in both CRMs, nobody else flagged.
        Assert.Equal(qualified.Order(), prospectEmails.Order());
        var enrolled = states.Select(s => s["relationships"]!["prospect"]!["data"]!["id"]!.GetValue<long>()).ToList();
        Assert.Equal(prospectEmail.Keys.Except(optedOut).Order(), enrolled.Order());
        Assert.Equal(optedOutEmails.Order(), contacts.Where(c => Text(c["properties"]!["hs_email_optout"]) == "true").Select(Email).Order());
        Assert.Equal(optedOutEmails.Order(), sfLeads.Where(l => l["HasOptedOutOfEmail"]?.GetValue<bool>() == true).Select(l => l["External_Id__c"]!.GetValue<string>()).Order());

        // The chaos really happened: injected faults, real quota 429s beyond them, token refreshes after expiry,
        // the outage, duplicate webhooks recognised and older versions dropped as stale.
        // Every 429 is either the quota's or injected, and each injection is logged with its operation: the engine's API
        // 429s less those injected into its operations are the real quota 429s it met. (The neighbour only lists
        // contacts, which the engine never does; token calls are not metered and are left out on both sides.)
        bool FromEngine(WireMock.Logging.ILogEntry e) => !neighbourTokens.Contains(Header(e.RequestMessage.Headers, "Authorization")?.Replace("Bearer ", string.Empty, StringComparison.Ordinal) ?? string.Empty);
        var engine429 = _host.HubSpot.Server.LogEntries.Count(e =>
            Convert.ToInt32(e.ResponseMessage.StatusCode, CultureInfo.InvariantCulture) == 429 && FromEngine(e) && e.RequestMessage.Path.StartsWith("/crm/", StringComparison.Ordinal));
        var injected429 = _simulatorLogs.Lines.Count(l =>
            l.Contains("Chaos on hubspot", StringComparison.OrdinalIgnoreCase) && l.Contains("Fault=RateLimit", StringComparison.Ordinal)
            && !l.Contains("Operation=contacts.list", StringComparison.Ordinal) && !l.Contains("Operation=oauth", StringComparison.Ordinal));
        Assert.True(engine429 - injected429 > 0, $"the engine met no real quota 429: {engine429} 429s, {injected429} of them injected");
        Assert.True(injected429 > 0, "no 429 was injected");
        var faults = new[] { _host.HubSpot, (VendorSimulator)_host.Salesforce, _host.Outreach }
            .SelectMany(s => s.Server.LogEntries)
            .Count(e => Convert.ToInt32(e.ResponseMessage.StatusCode, CultureInfo.InvariantCulture) is 500 or 503);
        Assert.True(faults > 0, "no server error was injected");
        Assert.True(TokenRequests(_host.HubSpot, "/oauth/v1/token") > 1, "HubSpot tokens never expired during the run");
        Assert.True(TokenRequests(_host.Salesforce, "/services/oauth2/token") > 1, "Salesforce tokens never expired during the run");
        Assert.True(TokenRequests(_host.Outreach, "/oauth/token") > 1, "Outreach tokens never expired during the run");
        var inbox = await _host.Store.ListInboxEventsAsync(new InboxEventFilter(Limit: 10_000), default);
        Assert.Contains(inbox, e => e.State == InboxEventState.Duplicate);
        Assert.Contains(inbox, e => e.State == InboxEventState.Stale && e.RecordKey.StartsWith("email:versioned", StringComparison.Ordinal));

        // No credential the sync core used appears in its logs or dead letters, faults and token refreshes included.
        var written = _host.Logs.All + string.Join('\n', letters.Select(l => $"{l.Request} {l.Request.Body} {l.Response?.Body} {l.ErrorMessage} {string.Join(",", l.Request.Headers.Values)}"));
        Assert.All(_host.Secrets, secret => Assert.DoesNotContain(secret, written, StringComparison.Ordinal));
        Assert.NotEmpty(_host.Logs.Lines);
    }
}
