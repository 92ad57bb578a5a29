using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// Throughput of `kueueleuleu convert` on a large stream, the command's start-up time and its peak memory, for the
/// dotnet tool's framework-dependent program and, when hack/release-cli.sh has published it, the native executable.
/// The two builds run alternately, so a change in the shared machine's load falls on both.
/// </summary>
internal static class CliBenchmark
{
    private const int Documents = 10_000;
    private const int Runs = 3;
    private const int StartupRuns = 40;

    public static async Task RunAsync()
    {
        var stream = Path.GetTempFileName();
        var single = Path.GetTempFileName();
        await File.WriteAllTextAsync(stream, Stream(Documents));
        await File.WriteAllTextAsync(single, Stream(1));
        var size = new FileInfo(stream).Length;
        CliBuild[] builds = CliBuild.Native is { } native ? [CliBuild.Tool, native] : [CliBuild.Tool];
        var loadBefore = Load();

        var convert = await TimeAsync(builds, Runs, ["convert", "-f", stream]);
        var version = await TimeAsync(builds, StartupRuns, ["--version"]);
        var one = await TimeAsync(builds, StartupRuns, ["convert", "-f", single]);
        var convertPeak = await PeakAsync(builds, ["convert", "-f", stream]);
        var versionPeak = await PeakAsync(builds, ["--version"]);

        Console.WriteLine("### `kueueleuleu convert`");
        Console.WriteLine();
        Console.WriteLine($"1-minute load average {loadBefore} before, {Load()} after. Times: median / p90 of alternating runs " +
            $"({Runs} of the stream, {StartupRuns} of each start-up command); peak RSS: `/usr/bin/time -f %M`, one run.");
        if (CliBuild.Native is null)
        {
            Console.WriteLine($"No native executable at {CliBuild.NativePath}: run hack/release-cli.sh to measure it too.");
        }
        else
        {
            Console.WriteLine($"Native executable: {new FileInfo(CliBuild.NativePath).Length / 1024.0 / 1024.0:0.0} MiB.");
        }

        Console.WriteLine();
        Console.WriteLine($"| what | {string.Join(" | ", builds.Select(b => b.Name))} |{(builds.Length > 1 ? " tool / native |" : "")}");
        Console.WriteLine($"| --- |{string.Concat(builds.Select(_ => " --- |"))}{(builds.Length > 1 ? " --- |" : "")}");
        Row($"{Documents:N0} documents ({size / 1024 / 1024.0:0.0} MiB YAML, Pods/Jobs/CronJobs/ConfigMaps)", convert,
            t => $"{Stats.Ms(Stats.Percentile(t, 50))}: {Documents / (Stats.Percentile(t, 50) / 1000):N0} documents/s");
        Row("`--version` (start-up)", version, Timing);
        Row("`convert -f` one small Pod", one, Timing);
        PeakRow("peak RSS, the 10,000 documents", convertPeak);
        PeakRow("peak RSS, `--version`", versionPeak);
        Console.WriteLine();
        File.Delete(stream);
        File.Delete(single);
    }

    private static string Timing(IReadOnlyList<double> times) =>
        $"{Stats.Ms(Stats.Percentile(times, 50))} / {Stats.Ms(Stats.Percentile(times, 90))}";

    private static void Row(string what, List<double>[] times, Func<IReadOnlyList<double>, string> cell)
    {
        var ratio = times.Length > 1
            ? $" {Stats.Percentile(times[0], 50) / Stats.Percentile(times[1], 50):0.0}× |"
            : string.Empty;
        Console.WriteLine($"| {what} |{string.Concat(times.Select(t => $" {cell(t)} |"))}{ratio}");
    }

    private static void PeakRow(string what, long[] kilobytes)
    {
        var ratio = kilobytes.Length > 1 ? $" {(double)kilobytes[0] / kilobytes[1]:0.0}× |" : string.Empty;
        Console.WriteLine($"| {what} |{string.Concat(kilobytes.Select(k => $" {k / 1024.0:0} MiB |"))}{ratio}");
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static async Task<List<double>[]> TimeAsync(CliBuild[] builds, int runs, string[] args)
    {
        var times = builds.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < runs; i++)
        {
            for (var b = 0; b < builds.Length; b++)
            {
                var clock = Stopwatch.StartNew();
                (await ProcessRunner.RunAsync(builds[b].Program, builds[b].Arguments(args), timeout: TimeSpan.FromMinutes(10))).EnsureSuccess();
                times[b].Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    // GNU time's %M: the maximum resident set size in kilobytes, from the kernel's accounting of the finished process.
    private static async Task<long[]> PeakAsync(CliBuild[] builds, string[] args)
    {
        var peaks = new long[builds.Length];
        var report = Path.GetTempFileName();
        for (var b = 0; b < builds.Length; b++)
        {
            (await ProcessRunner.RunAsync("/usr/bin/time", ["-f", "%M", "-o", report, builds[b].Program, .. builds[b].Arguments(args)],
                timeout: TimeSpan.FromMinutes(10))).EnsureSuccess();
            peaks[b] = long.Parse((await File.ReadAllTextAsync(report)).Trim(), CultureInfo.InvariantCulture);
        }

        File.Delete(report);
        return peaks;
    }

    /// <summary>A realistic mixed stream: every fourth document of each kind.</summary>
    private static string Stream(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append("---\n").Append((i % 4) switch
            {
                0 => Pod(i),
                1 => Job(i),
                2 => CronJob(i),
                _ => ConfigMap(i),
            });
        }

        return text.ToString();
    }

    private static string Containers(string indent) => string.Create(CultureInfo.InvariantCulture, $"""
        {indent}containers:
        {indent}- name: build
        {indent}  image: registry.example/build:1.2.3
        {indent}  command: ["sh", "-c"]
        {indent}  args:
        {indent}  - |
        {indent}    set -eu
        {indent}    make build
        {indent}  resources:
        {indent}    requests: {"{"}cpu: 200m, memory: 128Mi{"}"}
        {indent}  env:
        {indent}  - {"{"}name: MODE, value: "on"{"}"}
        {indent}- name: test
        {indent}  image: registry.example/test:1.2.3
        {indent}  command: ["make", "test"]
        {indent}- name: publish
        {indent}  image: registry.example/publish:1.2.3
        {indent}  command: ["publish", "--dry-run=false"]

        """);

    private static string Pod(int i) =>
        $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-{i}\n  labels: {{app: bench}}\nspec:\n  restartPolicy: Never\n{Containers("  ")}";

    private static string Job(int i) =>
        $"apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: job-{i}\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n{Containers("      ")}";

    private static string CronJob(int i) =>
        $"apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cron-{i}\nspec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n{Containers("          ")}";

    private static string ConfigMap(int i) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-{i}\ndata:\n  mode: \"0755\"\n  enabled: \"yes\"\n";
}
