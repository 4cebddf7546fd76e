using System.CommandLine;
using GtmGuard.Contracts.Diff;
using GtmGuard.Contracts.Recordings;
using GtmGuard.Contracts.Reports;
using GtmGuard.Contracts.Snapshots;
using GtmGuard.Contracts.Validation;

namespace GtmGuard.Cli.Commands;

/// <summary>
/// <c>gtmguard contracts check|diff</c>: validate recorded or live vendor payloads against the OpenAPI snapshots, or
/// report what breaks between two snapshot versions. Exit codes: 0 clean, 1 additive only, 2 breaking (see
/// <c>--fail-on</c>), 3 when the check could not run (unreadable snapshot or recording, bad arguments).
/// </summary>
internal static class ContractsCommand
{
    public static Command Create()
    {
        var command = new Command("contracts", "Contract drift: check payloads against the vendor snapshots, or diff two snapshot versions.");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Diff());
        return command;
    }

    private static Command Check()
    {
        var snapshots = new Option<string>("--snapshots") { Description = "Snapshot folder (one sub-folder per vendor) or one snapshot file.", DefaultValueFactory = _ => "contracts" };
        var captures = new Option<string?>("--captures") { Description = "Folder of JSON captures (see contracts/README.md)." };
        var har = new Option<string?>("--har") { Description = "HAR file." };
        var journal = new Option<string?>("--wiremock-journal") { Description = "WireMock request journal export (GET /__admin/requests)." };
        var mappings = new Option<string?>("--wiremock-mappings") { Description = "WireMock mappings export (GET /__admin/mappings) or a folder of mapping files: their static responses are checked." };
        var live = new Option<string?>("--live") { Description = "Base URL to sample live: GETs the snapshots' safe sample requests (needs --vendor)." };
        var vendor = new Option<string?>("--vendor") { Description = "Vendor of the recording (hubspot, salesforce, outreach, clay); inferred from paths when omitted." };
        var webhooks = new Option<string?>("--webhooks") { Description = "Every HAR/journal entry is a webhook delivery from this vendor (a recording of your webhook receiver)." };
        var tokenEnv = new Option<string>("--token-env") { Description = "Environment variable holding the live API token.", DefaultValueFactory = _ => "GTMGUARD_LIVE_TOKEN" };
        var output = new ReportOptions();
        var command = new Command("check", "Validate recorded or live payloads against the snapshots and classify drift as breaking or additive.");
        foreach (var option in new Option[] { snapshots, captures, har, journal, mappings, live, vendor, webhooks, tokenEnv })
        {
            command.Options.Add(option);
        }

        output.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!output.TryRead(parse, out var settings, out var problem))
            {
                return Fail(problem);
            }

            var sources = new[] { parse.GetValue(captures), parse.GetValue(har), parse.GetValue(journal), parse.GetValue(mappings), parse.GetValue(live) }.Count(s => s is not null);
            if (sources != 1)
            {
                return Fail("give exactly one of --captures, --har, --wiremock-journal, --wiremock-mappings or --live.");
            }

            try
            {
                var set = await SnapshotLoader.LoadDirectoryAsync(parse.GetValue(snapshots)!, cancellationToken);
                var recording = await ReadRecordingAsync(parse, set, new Sources(captures, har, journal, mappings, live), vendor, webhooks, tokenEnv, cancellationToken);
                var report = new ContractChecker(set).Check(recording);
                return await ReportOptions.WriteAsync(report, settings, cancellationToken);
            }
            catch (Exception ex) when (ex is SnapshotLoadException or RecordingException)
            {
                return Fail(ex.Message);
            }
        });
        return command;
    }

    private static Command Diff()
    {
        var oldSnapshot = new Argument<string>("old") { Description = "The snapshot a client was written against, e.g. contracts/salesforce/v45.0.openapi.json." };
        var newSnapshot = new Argument<string>("new") { Description = "The newer snapshot, e.g. contracts/salesforce/v62.0.openapi.json." };
        var output = new ReportOptions();
        var command = new Command("diff", "Report what breaks for a client of OLD when the vendor moves to NEW.");
        command.Arguments.Add(oldSnapshot);
        command.Arguments.Add(newSnapshot);
        output.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!output.TryRead(parse, out var settings, out var problem))
            {
                return Fail(problem);
            }

            try
            {
                var old = await SnapshotLoader.LoadFileAsync(parse.GetValue(oldSnapshot)!, cancellationToken: cancellationToken);
                var current = await SnapshotLoader.LoadFileAsync(parse.GetValue(newSnapshot)!, cancellationToken: cancellationToken);
                return await ReportOptions.WriteAsync(SpecDiff.Compare(old, current), settings, cancellationToken);
            }
            catch (SnapshotLoadException ex)
            {
                return Fail(ex.Message);
            }
        });
        return command;
    }

    private static async Task<Recording> ReadRecordingAsync(
        ParseResult parse,
        SnapshotSet set,
        Sources sources,
        Option<string?> vendorOption,
        Option<string?> webhooksOption,
        Option<string> tokenEnv,
        CancellationToken cancellationToken)
    {
        var vendor = parse.GetValue(vendorOption)?.ToLowerInvariant();
        var webhookVendor = parse.GetValue(webhooksOption)?.ToLowerInvariant();
        if (parse.GetValue(sources.Captures) is { } folder)
        {
            return CaptureFolderReader.Read(folder);
        }

        if (parse.GetValue(sources.Har) is { } harFile)
        {
            return HarReader.Read(harFile, vendor, webhookVendor);
        }

        if (parse.GetValue(sources.Journal) is { } journalFile)
        {
            return WireMockJournalReader.Read(journalFile, vendor, webhookVendor);
        }

        if (parse.GetValue(sources.Mappings) is { } mappingsPath)
        {
            return WireMockMappingsReader.Read(mappingsPath, vendor);
        }

        var baseUrl = parse.GetValue(sources.Live)!;
        if (vendor is null)
        {
            throw new RecordingException("--live needs --vendor (hubspot, salesforce, outreach or clay).");
        }

        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new RecordingException($"--live '{baseUrl}' is not an http(s) URL.");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await LiveRecorder.RecordAsync(http, uri, set, vendor, Environment.GetEnvironmentVariable(parse.GetValue(tokenEnv)!), cancellationToken);
    }

    private sealed record Sources(Option<string?> Captures, Option<string?> Har, Option<string?> Journal, Option<string?> Mappings, Option<string?> Live);

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"gtmguard contracts: {message}");
        return ContractReport.ExitCannotCheck;
    }
}
