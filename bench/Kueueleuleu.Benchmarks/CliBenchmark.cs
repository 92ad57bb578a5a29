using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kueueleuleu.Benchmarks;

/// <summary>Throughput of `kueueleuleu convert` on a large stream, and the command's start-up time.</summary>
internal static class CliBenchmark
{
    private const int Documents = 10_000;
    private const int Runs = 3;
    private const int StartupRuns = 10;
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "kueueleuleu.dll");

    public static async Task RunAsync()
    {
        var stream = Path.GetTempFileName();
        var single = Path.GetTempFileName();
        await File.WriteAllTextAsync(stream, Stream(Documents));
        await File.WriteAllTextAsync(single, Stream(1));
        var size = new FileInfo(stream).Length;

        var convert = await TimeAsync(Runs, ["convert", "-f", stream]);
        var version = await TimeAsync(StartupRuns, ["--version"]);
        var one = await TimeAsync(StartupRuns, ["convert", "-f", single]);

        Console.WriteLine($"### `kueueleuleu convert` (framework-dependent, `dotnet kueueleuleu.dll`)");
        Console.WriteLine();
        Console.WriteLine("| what | median | throughput |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| {Documents:N0} documents ({size / 1024 / 1024.0:0.0} MiB YAML, Pods/Jobs/CronJobs/ConfigMaps) | " +
            $"{Stats.Ms(convert)} | {Documents / (convert / 1000):N0} documents/s |");
        Console.WriteLine($"| `--version` (start-up) | {Stats.Ms(version)} | |");
        Console.WriteLine($"| one small Pod | {Stats.Ms(one)} | |");
        Console.WriteLine();
        File.Delete(stream);
        File.Delete(single);
    }

    private static async Task<double> TimeAsync(int runs, string[] args)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            (await ProcessRunner.RunAsync("dotnet", [Cli, .. args], timeout: TimeSpan.FromMinutes(10))).EnsureSuccess();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Stats.Percentile(times, 50);
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
