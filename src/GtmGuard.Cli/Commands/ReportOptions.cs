using System.CommandLine;
using GtmGuard.Contracts.Reports;

namespace GtmGuard.Cli.Commands;

/// <summary>The report options <c>contracts check</c> and <c>contracts diff</c> share: format, output file and what fails the run.</summary>
internal sealed class ReportOptions
{
    private readonly Option<string> _format = new("--format") { Description = "table (default), json or junit.", DefaultValueFactory = _ => "table" };
    private readonly Option<string?> _output = new("--output") { Description = "Write the report to this file instead of standard output." };
    private readonly Option<string> _failOn = new("--fail-on") { Description = "additive (default: exit 1 for additive, 2 for breaking), breaking (exit 2 only) or never.", DefaultValueFactory = _ => "additive" };

    public void AddTo(Command command)
    {
        command.Options.Add(_format);
        command.Options.Add(_output);
        command.Options.Add(_failOn);
    }

    public bool TryRead(ParseResult parse, out Settings settings, out string problem)
    {
        settings = null!;
        problem = string.Empty;
        if (!Enum.TryParse<ReportFormat>(parse.GetValue(_format), ignoreCase: true, out var format) || !Enum.IsDefined(format))
        {
            problem = $"--format '{parse.GetValue(_format)}' is not table, json or junit.";
            return false;
        }

        if (!Enum.TryParse<FailOn>(parse.GetValue(_failOn), ignoreCase: true, out var failOn) || !Enum.IsDefined(failOn))
        {
            problem = $"--fail-on '{parse.GetValue(_failOn)}' is not additive, breaking or never.";
            return false;
        }

        settings = new Settings(format, parse.GetValue(_output), failOn);
        return true;
    }

    /// <summary>Writes the report where asked and returns the exit code; with --output the summary still goes to standard output.</summary>
    public static async Task<int> WriteAsync(ContractReport report, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Output is { } path)
        {
            await using (var file = new StreamWriter(path))
            {
                ReportWriter.Write(report, settings.Format, file);
            }

            await Console.Out.WriteLineAsync($"{report.Title}: {report.Subject}: {report.Summary}; report written to {path}".AsMemory(), cancellationToken);
        }
        else
        {
            ReportWriter.Write(report, settings.Format, Console.Out);
        }

        return report.ExitCode(settings.FailOn);
    }

    internal sealed record Settings(ReportFormat Format, string? Output, FailOn FailOn);
}
