using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kueueleuleu.TestSupport;

/// <summary>
/// The operator as a real process: <c>dotnet DLL ARGS</c>, where DLL is a built kueueleuleu-operator.dll (a test
/// project's reference to the operator copies it into the test's output directory, see <see cref="BesideTests"/>), or a
/// native build (<see cref="StartProgram"/>; the benchmarks run the published one).
/// Output is captured for failure messages; Kill sends SIGKILL, Stop sends SIGTERM, both to this process only.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private OperatorProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The operator copied into the running test's output directory by a project reference.</summary>
    public static string BesideTests => Path.Combine(AppContext.BaseDirectory, "kueueleuleu-operator.dll");

    /// <summary>The port of /metrics, /healthz and /readyz.</summary>
    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public bool HasExited => process.HasExited;

    public int Id => process.Id;

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the operator in <paramref name="dll"/> with a free loopback port for its HTTP endpoints.</summary>
    /// <param name="dll">The operator's assembly.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="environment">
    /// Variables to set for it: the runtime's <c>DOTNET_GCHeapHardLimit</c>, or LD_PRELOAD and FAKETIME (libfaketime skews a
    /// real process's clock).
    /// </param>
    public static OperatorProcess Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        StartProgram("dotnet", [dll, .. args], environment);

    /// <summary>
    /// Starts <paramref name="program"/> (a native build of the operator, or <c>dotnet</c> followed by a DLL) with a free
    /// loopback port for its HTTP endpoints; its working directory is the operator's.
    /// </summary>
    /// <param name="program">The executable.</param>
    /// <param name="args">Its arguments; the first names the DLL when <paramref name="program"/> is <c>dotnet</c>.</param>
    /// <param name="environment">Variables to set for it, as for <see cref="Start"/>.</param>
    public static OperatorProcess StartProgram(string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = Info(program, [.. args, $"--listen-address=127.0.0.1:{port}"]);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new OperatorProcess(Process.Start(info)!, port);
    }

    /// <summary>Runs the operator to its exit (bounded) and returns what it printed.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(string dll, IEnumerable<string> args)
    {
        using var process = Process.Start(Info("dotnet", [dll, .. args]))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits until /readyz answers 200 (bounded); fails with the process output otherwise.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the operator exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the operator was not ready within {timeout}:\n{Output}");
    }

    public async Task<(HttpStatusCode Status, string Body, string? ContentType)> GetAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>SIGKILL: the process gets no chance to clean up (no Lease release, no drain).</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await WaitExitAsync();
    }

    /// <summary>SIGTERM, then waits for the graceful exit (bounded).</summary>
    public async Task<int> StopAsync()
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        await WaitExitAsync();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private async Task WaitExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static ProcessStartInfo Info(string program, IReadOnlyList<string> argv)
    {
        // The operator's own directory: the DLL's under dotnet, else the executable's.
        var operatorPath = program == "dotnet" ? argv[0] : program;
        var info = new ProcessStartInfo(program, argv)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(operatorPath))!,
        };
        // The test host's own variables must not configure the operator behind the test's back, except the entrypoint
        // image under test, which every operator of the run must inject (see LocalClusterScripts.EntrypointImage).
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("KUEUELEULEU_", StringComparison.Ordinal) || k == "KUBERNETES_SERVICE_HOST").ToList())
        {
            if (key != LocalClusterScripts.EntrypointImageVariable)
            {
                info.Environment.Remove(key);
            }
        }

        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
