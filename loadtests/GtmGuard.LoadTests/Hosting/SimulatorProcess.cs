using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.LoadTests.Hosting;

/// <summary>
/// The simulators in a child process (the load-test runner's <c>simulators</c> command) on free 127.0.0.1 ports: the
/// options go in a file read once at start, the child announces its URLs on one stdout line, and from then on the
/// runner reaches it over HTTP only (subscriptions, pending webhooks, state dumps). Closing the child's stdin stops it,
/// so it also ends when the runner dies.
/// </summary>
internal sealed class SimulatorProcess : RunningSimulators
{
    public const string ReadyPrefix = "gtmguard-simulators-ready ";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Task _stdout;
    private readonly Task _stderr;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly HashSet<string> _withoutWebhooks = [];

    private SimulatorProcess(SimulatorsOptions options, SimulatorUrls urls, Process process, Task stdout, Task stderr)
        : base(options, urls)
    {
        _process = process;
        _stdout = stdout;
        _stderr = stderr;
    }

    public override Process Process => _process;

    public static async Task<SimulatorProcess> StartAsync(SimulatorsOptions options, CancellationToken cancellationToken)
    {
        var optionsFile = Path.Combine(Path.GetTempPath(), $"gtmguard-simulators-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(optionsFile, SimulatorOptionsFile.Write(options), cancellationToken).ConfigureAwait(false);
        var start = Command(optionsFile);
        var process = Process.Start(start) ?? throw new IOException($"Could not start the simulators process ({start.FileName}).");
        var errors = new TailBuffer(20);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdout = PumpAsync(process.StandardOutput, line =>
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                ready.TrySetResult(line[ReadyPrefix.Length..]);
            }
        });
        var stderr = PumpAsync(process.StandardError, errors.Add);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            var exited = process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(ready.Task, exited).ConfigureAwait(false);
            if (first != ready.Task)
            {
                await first.ConfigureAwait(false);
                throw new IOException($"The simulators process exited with {process.ExitCode} before it was ready: {errors}");
            }

            var urls = JsonSerializer.Deserialize<SimulatorUrls>(await ready.Task.ConfigureAwait(false), SimulatorOptionsFile.Json)
                ?? throw new IOException("The simulators process announced no URLs.");
            return new SimulatorProcess(options, urls, process, stdout, stderr);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
        finally
        {
            File.Delete(optionsFile);
        }
    }

    public override async Task<int> PendingWebhooksAsync(CancellationToken cancellationToken)
    {
        var pending = 0;
        foreach (var url in Urls.All.Where(u => !_withoutWebhooks.Contains(u)))
        {
            using var response = await _http.GetAsync(new Uri(new Uri(url), "/__gtmguard/webhooks/pending"), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // This vendor sends no webhooks.
                _withoutWebhooks.Add(url);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
            pending += body?["pending"]?.GetValue<int>() ?? 0;
        }

        return pending;
    }

    public override async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Stop(_process);
        }

        await Task.WhenAll(_stdout, _stderr).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>The runner's own executable with <c>simulators --options FILE</c>: its apphost when next to the assembly, else <c>dotnet</c>.</summary>
    private static ProcessStartInfo Command(string optionsFile)
    {
        var assembly = typeof(SimulatorProcess).Assembly.Location;
        var appHost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        var start = File.Exists(appHost) ? new ProcessStartInfo(appHost) : new ProcessStartInfo("dotnet") { ArgumentList = { assembly } };
        start.ArgumentList.Add("simulators");
        start.ArgumentList.Add("--options");
        start.ArgumentList.Add(optionsFile);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = Directory.GetCurrentDirectory();
        return start;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> line)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } text)
        {
            line(text);
        }
    }

    /// <summary>The last lines the child wrote to stderr, for the error when it fails to start.</summary>
    private sealed class TailBuffer(int size)
    {
        private readonly Queue<string> _lines = new();
        private readonly Lock _gate = new();

        public void Add(string line)
        {
            lock (_gate)
            {
                _lines.Enqueue(line);
                if (_lines.Count > size)
                {
                    _lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return _lines.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, _lines);
            }
        }
    }
}

/// <summary>Simulator options as the child process reads them: JSON of <see cref="SimulatorsOptions"/>.</summary>
internal static class SimulatorOptionsFile
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(SimulatorsOptions options) => JsonSerializer.Serialize(options, Json);

    public static SimulatorsOptions Read(string json) =>
        JsonSerializer.Deserialize<SimulatorsOptions>(json, Json) ?? throw new InvalidDataException("The simulator options file is empty.");
}
