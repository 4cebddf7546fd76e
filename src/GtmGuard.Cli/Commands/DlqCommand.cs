using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GtmGuard.Sync.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Cli.Commands;

/// <summary><c>gtmguard dlq list</c> and <c>gtmguard dlq replay [--id N | --all]</c> against the sync store.</summary>
internal static class DlqCommand
{
    public static Command Create()
    {
        var command = new Command("dlq", "Inspect and replay dead letters (writes and events that failed for good).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Replay());
        return command;
    }

    private static Command List()
    {
        var store = StoreAccess.StoreOption();
        var workflow = new Option<string?>("--workflow") { Description = "Only this workflow's dead letters." };
        var all = new Option<bool>("--include-replayed") { Description = "Also list replayed ones." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print each dead letter's HTTP exchange (request and response, secrets redacted)." };
        var json = new Option<bool>("--json") { Description = "Print the dead letters, exchange included, as a JSON array." };
        var command = new Command("list", "List dead letters, newest first.") { store, workflow, all, verbose, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var provider = StoreAccess.Open(CliHost.Configuration(StoreAccess.Overrides(parse.GetValue(store))));
            var letters = await provider.GetRequiredService<ISyncStore>().ListDeadLettersAsync(
                new DeadLetterFilter(parse.GetValue(workflow), IncludeReplayed: parse.GetValue(all), Limit: 1000), cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(letters, JsonOptions));
                return 0;
            }

            foreach (var letter in letters)
            {
                var replayed = letter.ReplayedAt is { } at ? " replayed " + at.ToString("u", CultureInfo.InvariantCulture) : string.Empty;
                Console.WriteLine($"{letter.Id,6}  {letter.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}  {letter.Workflow,-10} {letter.Vendor.ToString().ToLowerInvariant(),-10} {letter.Operation,-28} {letter.ErrorType,-18} {letter.ErrorMessage}{replayed}");
                if (parse.GetValue(verbose))
                {
                    PrintExchange(letter);
                }
            }

            Console.WriteLine($"{letters.Count} dead letter(s)");
            return 0;
        });
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The stored exchange as HTTP reads it: request line, headers, body; status, headers, body (already redacted).</summary>
    private static void PrintExchange(DeadLetter letter)
    {
        Console.WriteLine($"        > {letter.Request.Method} {letter.Request.Url}");
        foreach (var (name, value) in letter.Request.Headers)
        {
            Console.WriteLine($"        > {name}: {value}");
        }

        if (letter.Request.Body is { Length: > 0 } requestBody)
        {
            Console.WriteLine($"        > {requestBody}");
        }

        if (letter.Response is not { } response)
        {
            Console.WriteLine("        < (no response)");
            return;
        }

        Console.WriteLine($"        < {response.StatusCode}");
        foreach (var (name, value) in response.Headers)
        {
            Console.WriteLine($"        < {name}: {value}");
        }

        if (response.Body is { Length: > 0 } responseBody)
        {
            Console.WriteLine($"        < {responseBody}");
        }
    }

    private static Command Replay()
    {
        var store = StoreAccess.StoreOption();
        var id = new Option<long?>("--id") { Description = "The dead letter to replay." };
        var all = new Option<bool>("--all") { Description = "Replay every dead letter not yet replayed." };
        var command = new Command("replay", "Re-queue dead letters: their inbox event or outbox write becomes pending again.") { store, id, all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(id) is null == !parse.GetValue(all))
            {
                await Console.Error.WriteLineAsync("gtmguard dlq replay: give exactly one of --id N or --all.");
                return 2;
            }

            await using var provider = StoreAccess.Open(CliHost.Configuration(StoreAccess.Overrides(parse.GetValue(store))));
            var syncStore = provider.GetRequiredService<ISyncStore>();
            var ids = parse.GetValue(id) is { } one
                ? [one]
                : (await syncStore.ListDeadLettersAsync(new DeadLetterFilter(Limit: 100_000), cancellationToken)).Select(l => l.Id).ToList();
            var replayed = 0;
            foreach (var letterId in ids)
            {
                if (await syncStore.ReplayDeadLetterAsync(letterId, cancellationToken))
                {
                    replayed++;
                }
                else
                {
                    await Console.Error.WriteLineAsync($"gtmguard dlq replay: dead letter {letterId} is unknown or already replayed.");
                }
            }

            Console.WriteLine($"{replayed} dead letter(s) re-queued");
            return replayed == ids.Count ? 0 : 1;
        });
        return command;
    }
}
