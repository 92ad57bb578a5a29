using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kueueleuleu.Benchmarks;

/// <summary>
/// The CPU a running step gets on a node that another Pod loads, under the Peak reservation (its container requests 0 CPU,
/// the injected init container requests the peak) against the reservation as written and against a plain Pod of one
/// container with the same request. The step burns two cores for <see cref="BurnSeconds"/> and prints what its own
/// cgroup's <c>cpuacct.usage</c> grew by; the Pod's and the container's <c>cpu.shares</c> are read on the node (this
/// machine) while it runs. A benchmark: nothing here passes or fails.
/// </summary>
internal static partial class CpuShareBenchmark
{
    private const int Runs = 3;
    private const int BurnSeconds = 10;

    /// <summary>
    /// Every step's and the loader's request. The node has 2 allocatable CPUs, so three steps of 1 CPU as written (3 CPUs)
    /// beside a loader of 1 could never be scheduled; CFS weights are proportional to the requests, so a smaller unit keeps
    /// the ratios that matter (3 against 1 as written, 1 against 1 under Peak) and leaves room for other users' Pods.
    /// </summary>
    private const string Cpu = "400m";

    private const string Image = "localhost/busybox:local";
    private const string Loader = "loader";
    private const string SequentialJobLabel = "kueueleuleu.io/sequentialjob";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Two busy loops for <see cref="BurnSeconds"/>, bracketed by the container's own CPU time (cgroup v1 cpuacct, which
    /// runc mounts at the container's own cgroup) and the wall clock (/proc/uptime, 10 ms resolution).
    /// </summary>
    private static readonly string Burner =
        "u0=$(cat /sys/fs/cgroup/cpuacct/cpuacct.usage); w0=$(cut -d' ' -f1 /proc/uptime); " +
        "while :; do :; done & a=$!; while :; do :; done & b=$!; " +
        $"sleep {BurnSeconds}; " +
        "u1=$(cat /sys/fs/cgroup/cpuacct/cpuacct.usage); w1=$(cut -d' ' -f1 /proc/uptime); kill $a $b; " +
        "echo \"cpushare usage_ns=$((u1 - u0)) uptime=$w0 $w1\"";

    private enum Variant
    {
        AsWrittenLoaded,
        PeakLoaded,
        PlainPodLoaded,
        PeakIdle,
    }

    /// <summary>
    /// One measured run: the cores the burner used, the weights the node gave its Pod and its container, and, read on the
    /// node over part of the burn, the cores the measured Pod, the loader and everything outside both Pods took.
    /// </summary>
    private sealed record Sample(double Cores, string PodRequest, string PodShares, string ContainerShares, NodeCores Node);

    /// <summary>Cores used over the same window on the node, by the measured Pod, the loader, and all else.</summary>
    private sealed record NodeCores(double Pod, double Loader, double Other);

    /// <summary>The machine's busy CPU time (/proc/stat, 1/100 s) and two Pod cgroups' (cpuacct.usage, ns) at one moment.</summary>
    private sealed record NodeClock(long Timestamp, long BusyTicks, long PodNs, long LoaderNs);

    public static async Task RunAsync()
    {
        var ns = await Kube.CreateNamespaceAsync("cpushare");
        try
        {
            await using var op = await OperatorUnderTest.StartAsync(ns);
            var loadStart = File.ReadAllText("/proc/loadavg").Trim();
            var samples = new List<(Variant Variant, Sample Sample)>();
            await CreateLoaderAsync(ns);
            var loader = await Kube.Kubectl.GetJsonAsync(ns, $"pod/{Loader}");
            var loaderShares = ReadShares(PodCgroup(loader, "cpu"));
            var loaderCpuacct = PodCgroup(loader, "cpuacct");
            if (!Directory.Exists(loaderCpuacct))
            {
                throw new InvalidOperationException(
                    $"no Pod cgroup {loaderCpuacct} on this node: its kubelet keeps none (cgroupsPerQOS: false, see docs/local-cluster.md), and the weight measured here is the Pod cgroup's");
            }

            // Interleaved, so that a change in the machine's other load touches every variant alike.
            for (var run = 0; run < Runs; run++)
            {
                foreach (var variant in new[] { Variant.AsWrittenLoaded, Variant.PeakLoaded, Variant.PlainPodLoaded })
                {
                    await EnsureLoaderRunningAsync(ns);
                    samples.Add((variant, await MeasureAsync(ns, variant, run, loaderCpuacct)));
                }
            }

            await Kube.Kubectl.RunAsync(["-n", ns, "delete", "pod", Loader, "--wait=true", "--timeout=120s"], timeout: TimeSpan.FromMinutes(3));
            for (var run = 0; run < Runs; run++)
            {
                samples.Add((Variant.PeakIdle, await MeasureAsync(ns, Variant.PeakIdle, run, null)));
            }

            Print(samples, loaderShares, loadStart, File.ReadAllText("/proc/loadavg").Trim());
        }
        finally
        {
            await Kube.DeleteNamespaceAsync(ns);
        }
    }

    private static async Task<Sample> MeasureAsync(string ns, Variant variant, int run, string? loaderCpuacct)
    {
        var name = $"{variant.ToString().ToLowerInvariant()}-{run}";
        var (manifest, selector, container) = variant == Variant.PlainPodLoaded
            ? (PlainPod(name), $"app={name}", "burn")
            : (SequentialJob(name, variant == Variant.AsWrittenLoaded ? "AsWritten" : "Peak"), $"{SequentialJobLabel}={name}", "step1");
        await Kube.Kubectl.RunAsync(["-n", ns, "create", "-f", "-", "-o", "name"], manifest.ToJsonString());
        var pod = await PollAsync(() => RunningPodAsync(ns, selector, container), TimeSpan.FromMilliseconds(500), $"{name}'s {container} running");
        var (podShares, containerShares) = Shares(pod, container);
        // No polling while the burner runs: every kubectl call would take CPU from the measurement. The node-side window
        // is the burn's first half after the Pod was seen running, so that it lies inside the burn even when the
        // kubelet reports the container late.
        var podCpuacct = PodCgroup(pod, "cpuacct");
        var before = ReadNodeClock(podCpuacct, loaderCpuacct);
        await Task.Delay(TimeSpan.FromSeconds(BurnSeconds / 2.0));
        var after = ReadNodeClock(podCpuacct, loaderCpuacct);
        await Task.Delay(TimeSpan.FromSeconds(BurnSeconds / 2.0));
        var podName = pod["metadata"]!["name"]!.GetValue<string>();
        await PollAsync(() => TerminatedAsync(ns, podName, container), TimeSpan.FromSeconds(2), $"{name}'s {container} finished");
        var log = await Kube.Kubectl.RunAsync(["-n", ns, "logs", podName, "-c", container]);
        return new Sample(Cores(log, name), await PodRequestAsync(ns, name, variant, pod), podShares, containerShares, Split(before, after));
    }

    private static NodeClock ReadNodeClock(string podCpuacct, string? loaderCpuacct)
    {
        // /proc/stat's first line: cpu user nice system idle iowait irq softirq steal ...; busy is all but idle and iowait.
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9]
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return new NodeClock(
            Stopwatch.GetTimestamp(),
            ticks.Sum() - ticks[3] - ticks[4],
            ReadUsage(podCpuacct),
            loaderCpuacct is null ? 0 : ReadUsage(loaderCpuacct));
    }

    private static long ReadUsage(string cpuacct) =>
        long.Parse(File.ReadAllText(Path.Combine(cpuacct, "cpuacct.usage")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Cores the measured Pod and the loader used, and cores the machine was busy with outside both.</summary>
    private static NodeCores Split(NodeClock before, NodeClock after)
    {
        var seconds = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
        var busy = (after.BusyTicks - before.BusyTicks) / 100.0;
        var (pod, loader) = ((after.PodNs - before.PodNs) / 1e9, (after.LoaderNs - before.LoaderNs) / 1e9);
        return new NodeCores(pod / seconds, loader / seconds, Math.Max(0, busy - pod - loader) / seconds);
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> attempt, TimeSpan interval, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await attempt() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached within {Patience}");
            }

            await Task.Delay(interval);
        }
    }

    /// <summary>The Pod once <paramref name="container"/> runs (it may first wait for room on the node, taken by other users' Pods).</summary>
    private static async Task<JsonObject?> RunningPodAsync(string ns, string selector, string container)
    {
        var pods = JsonNode.Parse(await Kube.Kubectl.RunAsync(["-n", ns, "get", "pods", "-l", selector, "-o", "json"]))!["items"]!.AsArray();
        return pods.Select(p => p!.AsObject()).FirstOrDefault(p => Status(p, container)?["state"]?["running"] is not null);
    }

    private static async Task<JsonObject?> TerminatedAsync(string ns, string pod, string container)
    {
        var status = Status(await Kube.Kubectl.GetJsonAsync(ns, $"pod/{pod}"), container);
        return status?["state"]?["terminated"] is JsonObject terminated
            ? terminated["exitCode"]!.GetValue<int>() == 0 ? terminated : throw new InvalidOperationException($"{pod}/{container} failed: {terminated.ToJsonString()}")
            : null;
    }

    private static JsonObject? Status(JsonObject pod, string container) =>
        (pod["status"]?["containerStatuses"]?.AsArray() ?? []).Select(c => c!.AsObject()).FirstOrDefault(c => c["name"]!.GetValue<string>() == container);

    /// <summary>
    /// The Pod's and the container's <c>cpu.shares</c> as the kubelet (cgroupfs driver) laid them out on this node:
    /// kubepods[/QOS]/pod&lt;uid&gt;[/&lt;containerd id&gt;]. Read while the container runs; "absent" where the kubelet
    /// keeps no Pod cgroups.
    /// </summary>
    private static (string Pod, string Container) Shares(JsonObject pod, string container)
    {
        var podDirectory = PodCgroup(pod, "cpu");
        var id = Status(pod, container)!["containerID"]!.GetValue<string>().Split("://", 2)[1];
        return (ReadShares(podDirectory), ReadShares(Path.Combine(podDirectory, id)));
    }

    /// <summary>The Pod's cgroup directory of a cgroup v1 controller.</summary>
    private static string PodCgroup(JsonObject pod, string controller)
    {
        var qos = pod["status"]!["qosClass"]!.GetValue<string>();
        return Path.Combine($"/sys/fs/cgroup/{controller}/kubepods", qos == "Guaranteed" ? "" : qos.ToLowerInvariant(), $"pod{pod["metadata"]!["uid"]!.GetValue<string>()}");
    }

    private static string ReadShares(string directory)
    {
        var file = Path.Combine(directory, "cpu.shares");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : "absent";
    }

    /// <summary>What the scheduler counts for the Pod: the SequentialJob's <c>status.reservation</c>, or the plain Pod's own request.</summary>
    private static async Task<string> PodRequestAsync(string ns, string name, Variant variant, JsonObject pod)
    {
        if (variant == Variant.PlainPodLoaded)
        {
            return pod["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>();
        }

        var reservation = (await Kube.Kubectl.GetJsonAsync(ns, $"sequentialjob/{name}"))["status"]?["reservation"];
        return $"{reservation?["requests"]?["cpu"]?.GetValue<string>() ?? "?"} ({reservation?["reason"]?.GetValue<string>() ?? "no reservation"})";
    }

    private static double Cores(string log, string name)
    {
        var match = UsageLine().Match(log);
        if (!match.Success)
        {
            throw new InvalidOperationException($"{name}: no usage line in the burner's log: {log}");
        }

        var usage = long.Parse(match.Groups["usage"].Value, CultureInfo.InvariantCulture);
        var wall = double.Parse(match.Groups["w1"].Value, CultureInfo.InvariantCulture) - double.Parse(match.Groups["w0"].Value, CultureInfo.InvariantCulture);
        return usage / 1e9 / wall;
    }

    private static async Task CreateLoaderAsync(string ns)
    {
        var loader = Pod(Loader, "while :; do :; done & while :; do :; done");
        await Kube.Kubectl.RunAsync(["-n", ns, "create", "-f", "-", "-o", "name"], loader.ToJsonString());
        await EnsureLoaderRunningAsync(ns);
    }

    /// <summary>Waits until the loader runs (it may wait for room on the node); fails if it ever ended, as the load would be gone.</summary>
    private static async Task EnsureLoaderRunningAsync(string ns) =>
        await PollAsync(async () =>
        {
            var status = Status(await Kube.Kubectl.GetJsonAsync(ns, $"pod/{Loader}"), "burn");
            return status?["state"]?["terminated"] is not null || status?["restartCount"]?.GetValue<int>() > 0
                ? throw new InvalidOperationException($"the loader stopped: {status.ToJsonString()}")
                : status?["state"]?["running"] is not null ? status : null;
        }, TimeSpan.FromSeconds(1), "the loader running");

    private static JsonObject PlainPod(string name) => Pod(name, Burner);

    private static JsonObject Pod(string name, string script) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["restartPolicy"] = "Never",
            ["terminationGracePeriodSeconds"] = 1,
            ["containers"] = new JsonArray(Container("burn", script)),
        },
    };

    /// <summary>Three chained steps of <see cref="Cpu"/> each; the first burns, the others only hand on.</summary>
    private static JsonObject SequentialJob(string name, string requestsPolicy)
    {
        var spec = new JsonObject
        {
            ["backoffLimit"] = 0,
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["restartPolicy"] = "Never",
                    ["terminationGracePeriodSeconds"] = 1,
                    ["containers"] = new JsonArray(Container("step1", Burner), Container("step2", "true"), Container("step3", "true")),
                },
            },
        };
        // Peak is the default: leave it unset, as users do.
        if (requestsPolicy != "Peak")
        {
            spec["requestsPolicy"] = requestsPolicy;
        }

        return new JsonObject
        {
            ["apiVersion"] = "kueueleuleu.io/v1alpha1",
            ["kind"] = "SequentialJob",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        };
    }

    private static JsonObject Container(string name, string script) => new()
    {
        ["name"] = name,
        ["image"] = Image,
        ["imagePullPolicy"] = "IfNotPresent",
        ["command"] = new JsonArray("sh", "-c", script),
        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = Cpu } },
    };

    private static void Print(List<(Variant Variant, Sample Sample)> samples, string loaderShares, string loadStart, string loadEnd)
    {
        Console.WriteLine($"### CPU weight of a step under Peak ({Runs} runs per variant, interleaved; steps and loader request `cpu: {Cpu}`)");
        Console.WriteLine();
        Console.WriteLine($"Load average at the start: {loadStart}; at the end: {loadEnd}. The loader's Pod cgroup: cpu.shares {loaderShares}.");
        Console.WriteLine();
        Console.WriteLine("| variant | Pod's CPU request | Pod cgroup cpu.shares | burning container's cpu.shares | cores used by the burner: median | min–max | loader's cores (median) | measured Pod ÷ loader (median) | rest of the machine's cores (median) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in samples.GroupBy(s => s.Variant, s => s.Sample))
        {
            var cores = group.Select(s => s.Cores).ToList();
            // The ratio is what the weights decide; the other users of the machine move both numbers alike.
            var ratio = group.Any(s => s.Node.Loader == 0) ? "–" : Stats.Percentile([.. group.Select(s => s.Node.Pod / s.Node.Loader)], 50).ToString("0.00", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Describe(group.Key)} | {Distinct(group, s => s.PodRequest)} | {Distinct(group, s => s.PodShares)} | {Distinct(group, s => s.ContainerShares)} | " +
                $"{Stats.Percentile(cores, 50):0.00} | {cores.Min():0.00}–{cores.Max():0.00} | " +
                $"{Stats.Percentile([.. group.Select(s => s.Node.Loader)], 50):0.00} | {ratio} | {Stats.Percentile([.. group.Select(s => s.Node.Other)], 50):0.00} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"Cores = the container's cpuacct.usage growth over the {BurnSeconds} s burn / the burn's wall time (both read inside the container).");
        Console.WriteLine($"The other columns are read on the node over the first {BurnSeconds / 2.0:0} s after the burning container was seen running: the loader's and the");
        Console.WriteLine("measured Pod's cgroup cpuacct.usage (their ratio is what the weights decide, whatever else runs), and /proc/stat's busy time minus both.");
        Console.WriteLine();
    }

    private static string Distinct(IEnumerable<Sample> samples, Func<Sample, string> value) => string.Join(" / ", samples.Select(value).Distinct());

    private static string Describe(Variant variant) => variant switch
    {
        Variant.AsWrittenLoaded => "SequentialJob, `requestsPolicy: AsWritten`, with the loader",
        Variant.PeakLoaded => "SequentialJob, Peak (default), with the loader",
        Variant.PlainPodLoaded => "plain Pod of one container (the fair reference), with the loader",
        Variant.PeakIdle => "SequentialJob, Peak (default), no loader",
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    [GeneratedRegex(@"cpushare usage_ns=(?<usage>\d+) uptime=(?<w0>[\d.]+) (?<w1>[\d.]+)")]
    private static partial Regex UsageLine();
}
