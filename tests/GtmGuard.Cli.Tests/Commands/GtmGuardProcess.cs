using System.Diagnostics;
using System.Text;

namespace GtmGuard.Cli.Tests.Commands;

/// <summary>Runs the real <c>gtmguard</c> binary as a child process, capturing its output.</summary>
internal sealed class GtmGuardProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private GtmGuardProcess(Process process) => _process = process;

    public static GtmGuardProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    public static GtmGuardProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gtmguard.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var wrapper = new GtmGuardProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        wrapper._process.OutputDataReceived += (_, e) => wrapper.Append(wrapper._stdout, e.Data);
        wrapper._process.ErrorDataReceived += (_, e) => wrapper.Append(wrapper._stderr, e.Data);
        wrapper._process.Start();
        wrapper._process.BeginOutputReadLine();
        wrapper._process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>The child's process id (for signals such as SIGKILL).</summary>
    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout contains <paramref name="text"/>, or fails with what was printed.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"'{text}' not printed. stdout: {Stdout} stderr: {Stderr}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.AppendLine(line);
        }
    }
}
