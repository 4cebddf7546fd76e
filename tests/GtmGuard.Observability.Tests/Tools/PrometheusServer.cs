using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace GtmGuard.Observability.Tests.Tools;

/// <summary>
/// A real Prometheus server (Debian's /usr/bin/prometheus) on a free 127.0.0.1 port with a throw-away TSDB, started
/// from a configuration the test writes, queried through its HTTP API and stopped by its PID.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    public const string Path = "/usr/bin/prometheus";

    private const int MaxStartAttempts = 3;

    private readonly Process _process;
    private readonly TempDirectory _storage;
    private readonly StringBuilder _log;

    private PrometheusServer(Process process, TempDirectory storage, StringBuilder log, Uri url)
    {
        _process = process;
        _storage = storage;
        _log = log;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Url { get; }

    public HttpClient Http { get; }

    /// <summary>
    /// Starts Prometheus on a free port. The port is free when picked but only bound by Prometheus later, so another
    /// process may take it in between: a start that fails with "address already in use" is retried on a new port.
    /// </summary>
    public static Task<PrometheusServer> StartAsync(string configFile, CancellationToken cancellationToken) =>
        StartAsync(configFile, FreePort, cancellationToken);

    /// <summary>As <see cref="StartAsync(string, CancellationToken)"/>, with the ports to try coming from <paramref name="pickPort"/>.</summary>
    internal static async Task<PrometheusServer> StartAsync(string configFile, Func<int> pickPort, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(configFile, pickPort());
            try
            {
                await server.WaitReadyAsync(cancellationToken);
                return server;
            }
            catch (PortTakenException) when (attempt < MaxStartAttempts)
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The samples of an instant query (<c>/api/v1/query</c>): labels and value of each.</summary>
    public async Task<IReadOnlyList<(JsonObject Labels, double Value)>> QueryAsync(string promQl, CancellationToken cancellationToken)
    {
        var answer = await Http.GetFromJsonAsync<JsonObject>("api/v1/query?query=" + Uri.EscapeDataString(promQl), cancellationToken);
        return answer!["data"]!["result"]!.AsArray()
            .Select(sample => (sample!["metric"]!.AsObject(), double.Parse((string)sample["value"]![1]!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>Active alerts (<c>/api/v1/alerts</c>): pending and firing, with their labels.</summary>
    public async Task<IReadOnlyList<JsonObject>> AlertsAsync(CancellationToken cancellationToken)
    {
        var answer = await Http.GetFromJsonAsync<JsonObject>("api/v1/alerts", cancellationToken);
        return answer!["data"]!["alerts"]!.AsArray().Select(a => a!.AsObject()).ToList();
    }

    /// <summary>Scrape targets and their health (<c>/api/v1/targets</c>).</summary>
    public async Task<IReadOnlyList<JsonObject>> ActiveTargetsAsync(CancellationToken cancellationToken)
    {
        var answer = await Http.GetFromJsonAsync<JsonObject>("api/v1/targets", cancellationToken);
        return answer!["data"]!["activeTargets"]!.AsArray().Select(a => a!.AsObject()).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _storage.Dispose();
    }

    private static PrometheusServer Launch(string configFile, int port)
    {
        var storage = new TempDirectory();
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + configFile,
            "--storage.tsdb.path=" + storage.Path,
            $"--web.listen-address=127.0.0.1:{port}",
            "--web.enable-lifecycle",
            "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + Path);
        var log = new StringBuilder();
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PrometheusServer(process, storage, log, new Uri($"http://127.0.0.1:{port}/"));
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                // Wait for the redirected output to be read to its end before looking at it.
                await _process.WaitForExitAsync(cancellationToken);
                string log;
                lock (_log)
                {
                    log = _log.ToString();
                }

                var message = $"prometheus exited with code {_process.ExitCode} at start:\n{log}";
                throw log.Contains("address already in use", StringComparison.Ordinal)
                    ? new PortTakenException(message)
                    : new InvalidOperationException(message);
            }

            // A short wait per attempt: whatever else holds the port may accept the connection and never answer.
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                using var response = await Http.GetAsync("-/ready", attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // No answer within the attempt (still starting, or not Prometheus on the port).
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("prometheus did not become ready in 30 s");
    }

    private sealed class PortTakenException(string message) : Exception(message);

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
