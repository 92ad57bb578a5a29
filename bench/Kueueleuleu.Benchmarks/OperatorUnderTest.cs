using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// The built operator (<see cref="OperatorBuild"/>) as a process of its own watching one namespace (the tests'
/// <see cref="OperatorProcess"/>), with its /metrics read over HTTP and its memory and CPU time read from /proc. One per
/// measurement, so counters start at zero and caches hold only that measurement's objects.
/// </summary>
internal sealed partial class OperatorUnderTest : IAsyncDisposable
{
    private readonly OperatorProcess process;

    private OperatorUnderTest(OperatorProcess process) => this.process = process;

    public int Pid => process.Id;

    /// <summary>The operator's --workers when KUEUELEULEU_BENCH_WORKERS sets it; null for the operator's default.</summary>
    public static int? Workers { get; } = int.TryParse(Environment.GetEnvironmentVariable("KUEUELEULEU_BENCH_WORKERS"), out var w) ? w : null;

    /// <summary>User plus system CPU time the process has used, from /proc/PID/stat.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks (100 per second).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static string[] WorkersArgument => Workers is { } n ? [$"--workers={n}"] : [];

    /// <summary>Starts the operator with the default settings (and <see cref="Workers"/> workers if set) and waits until /readyz says the caches synced.</summary>
    /// <param name="ns">The namespace it watches.</param>
    /// <param name="environment">Extra environment variables, e.g. a GC heap limit.</param>
    public static async Task<OperatorUnderTest> StartAsync(string ns, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (program, first) = OperatorBuild.Command();
        var op = new OperatorUnderTest(OperatorProcess.StartProgram(
            program, [.. first, $"--kubeconfig={LocalClusterScripts.AdminKubeconfig}", $"--namespaces={ns}", $"--entrypoint-image={LocalClusterScripts.EntrypointImage}", "--log-level=warning", .. WorkersArgument], environment));
        try
        {
            await op.process.WaitReadyAsync(TimeSpan.FromSeconds(120));
        }
        catch
        {
            await op.DisposeAsync();
            throw;
        }

        return op;
    }

    /// <summary>The operator's /metrics samples.</summary>
    public async Task<IReadOnlyList<(string Name, string Labels, double Value)>> MetricsAsync()
    {
        var (status, body, _) = await process.GetAsync("metrics");
        return status == HttpStatusCode.OK ? ParseMetrics(body) : throw new InvalidOperationException($"/metrics answered {(int)status}: {body}");
    }

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
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>SIGTERM and a bounded wait for the graceful exit; SIGKILL if it does not come.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await process.StopAsync();
        }
        catch (OperationCanceledException)
        {
            // No graceful exit within the bound: the kill below ends it.
        }

        await process.DisposeAsync();
    }

    private static double Value(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[^}]*\})? (?<value>\S+)")]
    private static partial Regex SampleLine();
}
