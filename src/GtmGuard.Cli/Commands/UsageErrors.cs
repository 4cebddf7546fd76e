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
    /// <param name="parse">The parsed command line.</param>
    /// <param name="usageExitCodes">Per top-level command, the exit code of a syntax error.</param>
    /// <param name="failureExitCodes">Per top-level command, the exit code of an error nothing else caught (a config file
    /// that is not JSON, a setting of the wrong type, an unreadable path): one line naming it instead of a stack trace and
    /// System.CommandLine's 1, which is a result for several commands. Commands not listed use their usage code.</param>
    public static async Task<int> InvokeAsync(ParseResult parse, IReadOnlyDictionary<string, int> usageExitCodes, IReadOnlyDictionary<string, int>? failureExitCodes = null)
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

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException ex) when (ex.InnerException is not TimeoutException)
        {
            // Ctrl+C: the conventional 128 + SIGINT.
            return 130;
        }
        catch (Exception ex) when (TopCommand(parse) is { } failed
            && (failureExitCodes?.TryGetValue(failed, out var code) == true || usageExitCodes.TryGetValue(failed, out code)))
        {
            // Includes an HTTP client's timeout, which surfaces as a cancellation wrapping a TimeoutException.
            await Console.Error.WriteLineAsync($"gtmguard {failed}: {Describe(ex)}");
            return code;
        }
    }

    /// <summary>The error's message and, when it wraps one, the cause's (a config file's parse error names the line).</summary>
    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{ex.Message} ({inner.Message})" : ex.Message;

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
