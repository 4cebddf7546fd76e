using System.Globalization;
using Spectre.Console;

namespace GtmGuard.LoadTests.Progress;

/// <summary>A Spectre.Console live table, refreshed every half second; only for interactive terminals.</summary>
public sealed class LiveProgress : IProgressSink
{
    private readonly IAnsiConsole _console;

    public LiveProgress(IAnsiConsole console) => _console = console;

    /// <summary>The live table when the console is interactive, plain lines otherwise (Spectre's live view fails under TERM=dumb).</summary>
    public static IProgressSink For(IAnsiConsole console, TextWriter plain) =>
        console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi
            ? new LiveProgress(console)
            : new PlainProgress(plain, TimeSpan.FromSeconds(5));

    public async Task RunAsync(string scenario, Func<ProgressSnapshot> snapshot, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(work);
        var table = new Table().Title($"gtmguard load: {scenario}").AddColumns("phase", "elapsed", "submitted", "done", "records/s", "errors", "429s", "p95 ms");
        table.AddRow(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        await _console.Live(table).StartAsync(async context =>
        {
            var running = work();
            do
            {
                var s = snapshot();
                table.UpdateCell(0, 0, s.Phase);
                table.UpdateCell(0, 1, s.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s");
                table.UpdateCell(0, 2, s.Submitted.ToString("N0", CultureInfo.InvariantCulture));
                table.UpdateCell(0, 3, s.Completed.ToString("N0", CultureInfo.InvariantCulture));
                table.UpdateCell(0, 4, s.RecordsPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
                table.UpdateCell(0, 5, s.Errors.ToString(CultureInfo.InvariantCulture));
                table.UpdateCell(0, 6, s.RateLimited.ToString(CultureInfo.InvariantCulture));
                table.UpdateCell(0, 7, s.P95Ms.ToString("0.0", CultureInfo.InvariantCulture));
                context.Refresh();
            }
            while (await Task.WhenAny(running, Task.Delay(500)).ConfigureAwait(false) != running);

            await running.ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
