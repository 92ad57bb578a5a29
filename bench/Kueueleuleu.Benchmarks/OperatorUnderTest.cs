using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// The built operator (<see cref="OperatorBuild"/>) as a process of its own watching one namespace, with its /metrics read
/// over HTTP and its memory read from /proc. One per measurement, so counters start at zero and caches hold only
/// that measurement's objects.
/// </summary>
internal sealed partial class OperatorUnderTest : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http;
    private readonly Queue<string> lastLines = new();

    private OperatorUnderTest(Process process, int port)
    {
        this.process = process;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        // Drained so a chatty log never blocks the operator on a full pipe; the tail is kept for error messages.
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => process.Id;

    /// <summary>The operator's --workers when KUEUELEULEU_BENCH_WORKERS sets it; null for the operator's default.</summary>
    public static int? Workers { get; } = int.TryParse(Environment.GetEnvironmentVariable("KUEUELEULEU_BENCH_WORKERS"), out var w) ? w : null;

    /// <summary>User plus system CPU time the process has used, from /proc/PID/stat.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks (100 per second).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static string[] WorkersArgument => Workers is { } n ? [$"--workers={n}"] : [];

    /// <summary>Starts the operator with the default settings (and <see cref="Workers"/> workers if set) and waits until /readyz says the caches synced.</summary>
    public static async Task<OperatorUnderTest> StartAsync(string ns)
    {
        var port = FreePort();
        var (program, first) = OperatorBuild.Command();
        var info = new ProcessStartInfo(program, [.. first, $"--kubeconfig={Kube.Kubeconfig}", $"--namespaces={ns}", $"--listen-address=127.0.0.1:{port}", "--log-level=warning", .. WorkersArgument])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The caller's variables must not configure the operator behind the benchmark's back.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("KUEUELEULEU_", StringComparison.Ordinal) || k == "KUBERNETES_SERVICE_HOST").ToList())
        {
            info.Environment.Remove(key);
        }

        var op = new OperatorUnderTest(Process.Start(info)!, port);
        await op.WaitReadyAsync(TimeSpan.FromSeconds(120));
        return op;
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the operator exited with {process.ExitCode}: {Tail()}");
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

            await Task.Delay(100);
        }

        throw new TimeoutException($"the operator was not ready within {timeout}: {Tail()}");
    }

    /// <summary>The operator's /metrics samples.</summary>
    public async Task<IReadOnlyList<(string Name, string Labels, double Value)>> MetricsAsync() =>
        ParseMetrics(await http.GetStringAsync(new Uri("metrics", UriKind.Relative)));

    /// <summary>The samples of a Prometheus text exposition, histogram buckets included: (name, labels as written, value).</summary>
    public static IReadOnlyList<(string Name, string Labels, double Value)> ParseMetrics(string text) =>
        text.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success)
            .Select(m => (m.Groups["name"].Value, m.Groups["labels"].Value, Value(m.Groups["value"].Value)))
            .ToList();

    /// <summary>The sum of a metric's samples whose labels contain every given <c>key="value"</c>.</summary>
    public static double Sum(IEnumerable<(string Name, string Labels, double Value)> metrics, string name, params string[] labels) =>
        metrics.Where(m => m.Name == name && labels.All(l => m.Labels.Contains(l, StringComparison.Ordinal))).Sum(m => m.Value);

    /// <summary>Resident set size from /proc/PID/status, in bytes.</summary>
    public long RssBytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>SIGTERM and a bounded wait for the graceful exit; SIGKILL if it does not come.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        http.Dispose();
        process.Dispose();
    }

    private string Tail()
    {
        lock (lastLines)
        {
            return string.Join('\n', lastLines);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 50)
            {
                lastLines.Dequeue();
            }
        }
    }

    private static double Value(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[^}]*\})? (?<value>\S+)")]
    private static partial Regex SampleLine();
}
