using System.Text.Json;
using GtmGuard.LoadTests.Cli;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Progress;
using GtmGuard.LoadTests.Scenarios;

namespace GtmGuard.LoadTests.Tests.Scenarios;

/// <summary>Runs scenarios the way <c>gtmguard load</c> does, into a temporary reports folder, and reads the JSON report back.</summary>
internal sealed class SmokeRun : IDisposable
{
    public string Reports { get; } = Path.Combine(Path.GetTempPath(), "gtmguard-loadtests-tests", Guid.NewGuid().ToString("N"));

    public StringWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    public async Task<(int ExitCode, JsonElement Report)> RunAsync(
        string scenarios, LoadModel model, string[]? thresholds = null, string[]? settings = null, Action<ScenarioOptions>? configure = null)
    {
        var request = LoadRequest.From([scenarios], model, thresholds ?? [], settings ?? [], null, TimeSpan.FromSeconds(90), Reports, "test " + scenarios);
        var exit = await LoadRun.RunAsync(request, new PlainProgress(Output, TimeSpan.FromSeconds(1)), Output, Error, CancellationToken.None, configure);
        var json = Directory.GetFiles(Reports, "*.json").Single();
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        return (exit, document.RootElement.Clone());
    }

    public static JsonElement Metrics(JsonElement report, string scenario) =>
        report.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("scenario").GetString() == scenario).GetProperty("metrics");

    public static double Metric(JsonElement report, string scenario, string name) => Metrics(report, scenario).GetProperty(name).GetDouble();

    public void Dispose()
    {
        Output.Dispose();
        Error.Dispose();
        if (Directory.Exists(Reports))
        {
            Directory.Delete(Reports, recursive: true);
        }
    }
}
