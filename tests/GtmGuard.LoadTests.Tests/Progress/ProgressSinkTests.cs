using GtmGuard.LoadTests.Progress;
using Spectre.Console;

namespace GtmGuard.LoadTests.Tests.Progress;

public sealed class ProgressSinkTests
{
    private static IAnsiConsole Console(InteractionSupport interactive, AnsiSupport ansi) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Interactive = interactive, Ansi = ansi, Out = new AnsiConsoleOutput(new StringWriter()) });

    [Theory]
    [InlineData(InteractionSupport.No, AnsiSupport.Yes)]
    [InlineData(InteractionSupport.Yes, AnsiSupport.No)]
    public void WithoutAnInteractiveAnsiTerminal_ProgressIsPlainLines(InteractionSupport interactive, AnsiSupport ansi) =>
        Assert.IsType<PlainProgress>(LiveProgress.For(Console(interactive, ansi), TextWriter.Null));

    [Fact]
    public void OnAnInteractiveTerminal_ProgressIsTheLiveTable() =>
        Assert.IsType<LiveProgress>(LiveProgress.For(Console(InteractionSupport.Yes, AnsiSupport.Yes), TextWriter.Null));

    [Fact]
    public async Task PlainProgress_WritesPeriodicLinesAndAFinalOne()
    {
        var output = new StringWriter();
        var sink = new PlainProgress(output, TimeSpan.FromMilliseconds(20));
        var readings = 0;

        // The work ends once a periodic line has read its snapshot, however slow the machine, so the final line follows it.
        await sink.RunAsync(
            "demo",
            () => new ProgressSnapshot("load", TimeSpan.FromSeconds(Interlocked.Increment(ref readings)), 10, 5, 2.5, 1, 0, 12.5),
            async () =>
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while (Volatile.Read(ref readings) < 1)
                {
                    await Task.Delay(5, timeout.Token);
                }
            });

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, output.ToString());
        Assert.All(lines, l => Assert.StartsWith("[demo] load", l, StringComparison.Ordinal));
        Assert.Contains("records/s=2.5 errors=1 429s=0 p95=12.5ms", lines[^1], StringComparison.Ordinal);
    }
}
