using System.CommandLine;

namespace GtmGuard.Cli.Commands;

/// <summary>
/// Invokes a parsed <c>gtmguard</c> command line. System.CommandLine exits 1 on a syntax error (an unknown option, a
/// value of the wrong type, a missing required option), but 1 is a result for several commands (<c>load</c>: threshold
/// breached, <c>contracts</c>: additive drift, <c>sync</c>: dead-lettered): each command maps syntax errors to its own
/// documented usage exit code instead.
/// </summary>
internal static class UsageErrors
{
    public static async Task<int> InvokeAsync(ParseResult parse, IReadOnlyDictionary<string, int> usageExitCodes)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Errors.Count > 0 && TopCommand(parse) is { } name && usageExitCodes.TryGetValue(name, out var exitCode))
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"gtmguard {name}: {error.Message}");
            }

            await Console.Error.WriteLineAsync($"gtmguard {name}: see `gtmguard {name} --help`.");
            return exitCode;
        }

        return await parse.InvokeAsync();
    }

    /// <summary>The root's subcommand the command line names (<c>load</c> for <c>gtmguard load serve …</c> too), if any.</summary>
    private static string? TopCommand(ParseResult parse)
    {
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Parent is System.CommandLine.Parsing.CommandResult { Parent: null })
            {
                return result.Command.Name;
            }
        }

        return null;
    }
}
