using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;
using Xunit.Abstractions;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// A run's steps run once, and its outcome is recorded, whatever happens to the operator and the Job: the operator stopped
/// or frozen while the Job finishes (with a TTL of 0), the Job deleted by hand, the Pod deleted mid-run. Each step
/// appends a line to a file on the node (a hostPath volume), so the test counts how often it really ran.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public class RunOnceTests(OperatorClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan RunBound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_job_with_ttl_zero_that_finishes_while_the_operator_is_down_is_recorded_and_not_run_again()
    {
        var ns = cluster.Namespace("once-stopped");
        using var runs = new RunCounter(ns);
        var op = cluster.StartOperator([ns]);
        try
        {
            await op.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await cluster.Kubectl.ApplyAsync(ns, OneStep("quick", runs, "sleep 2", ttl: 0));

            // Killed right after it created the Job; the Job runs and finishes with no operator at all.
            await Eventually.ThatAsync(async () => await JobCountAsync(ns) == 1, RunBound, "the Job is created");
            await op.KillAsync();
            await WaitJobFinishedAsync(ns, "quick");
            var restarted = Stopwatch.StartNew();
            op = await StartAsync(ns);

            var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "quick", RunBound);
            output.WriteLine($"recorded {restarted.ElapsedMilliseconds} ms after the operator was started again");
            AssertSucceededOnce(sjob, runs, "quick");
            await Eventually.ThatAsync(async () => await JobCountAsync(ns) == 0, RunBound, "the operator applies the TTL once the outcome is stored");
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal("Succeeded", Phase(await Sjob(ns, "quick")));
            Assert.Equal(0, await JobCountAsync(ns));
            Assert.Equal(1, runs.Count("quick"));
        }
        finally
        {
            await op.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_job_with_ttl_zero_that_finishes_while_the_operator_is_stopped_mid_run_is_recorded()
    {
        var ns = cluster.Namespace("once-paused");
        using var runs = new RunCounter(ns);
        var op = cluster.StartOperator([ns]);
        try
        {
            await op.WaitReadyAsync(TimeSpan.FromSeconds(60));
            // Long enough to be seen Running: on a loaded node the kubelet reports a started container several seconds late.
            await cluster.Kubectl.ApplyAsync(ns, OneStep("paused", runs, "sleep 15", ttl: 0));
            await Eventually.ThatAsync(async () => Phase(await Sjob(ns, "paused")) == "Running", RunBound, "the run is Running");

            Assert.Equal(0, await op.StopAsync());
            await WaitJobFinishedAsync(ns, "paused");
            var restarted = Stopwatch.StartNew();
            op = await StartAsync(ns);

            var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "paused", RunBound);
            output.WriteLine($"recorded {restarted.ElapsedMilliseconds} ms after the operator was started again");
            AssertSucceededOnce(sjob, runs, "paused");
        }
        finally
        {
            await op.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_operator_killed_between_the_job_finishing_and_the_status_write_records_the_true_outcome()
    {
        var ns = cluster.Namespace("once-frozen");
        using var runs = new RunCounter(ns);
        var op = cluster.StartOperator([ns]);
        try
        {
            await op.WaitReadyAsync(TimeSpan.FromSeconds(60));
            // Long enough to be seen Running: on a loaded node the kubelet reports a started container several seconds late.
            await cluster.Kubectl.ApplyAsync(ns, OneStep("frozen", runs, "sleep 15", ttl: 0));
            await Eventually.ThatAsync(async () => Phase(await Sjob(ns, "frozen")) == "Running", RunBound, "the run is Running");

            // Frozen, it cannot write the status when the Job finishes; killed, it never will.
            await SignalAsync(op, "STOP");
            await WaitJobFinishedAsync(ns, "frozen");
            Assert.Equal("Running", Phase(await Sjob(ns, "frozen")));
            await op.KillAsync();
            var restarted = Stopwatch.StartNew();
            op = await StartAsync(ns);

            var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "frozen", RunBound);
            output.WriteLine($"recorded {restarted.ElapsedMilliseconds} ms after the operator was started again");
            AssertSucceededOnce(sjob, runs, "frozen");
        }
        finally
        {
            await op.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_job_deleted_by_hand_mid_run_fails_the_run_and_is_not_created_again()
    {
        var ns = cluster.Namespace("once-deleted");
        using var runs = new RunCounter(ns);
        var op = cluster.StartOperator([ns]);
        try
        {
            await op.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await cluster.Kubectl.ApplyAsync(ns, OneStep("doomed", runs, "sleep 60"));
            await Eventually.ThatAsync(async () => runs.Count("doomed") == 1 && Phase(await Sjob(ns, "doomed")) == "Running", RunBound, "the step runs");

            var deleted = Stopwatch.StartNew();
            await cluster.Kubectl.RunAsync(["-n", ns, "delete", "job", "doomed", "--wait=false"]);
            var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "doomed", RunBound);
            output.WriteLine($"Failed {deleted.ElapsedMilliseconds} ms after the Job was deleted");

            Assert.Equal("Failed", Phase(sjob));
            Assert.Equal(("True", "JobDeleted"), (Condition(sjob, "Failed"), ConditionReason(sjob, "Failed")));
            Assert.Equal(("Failed", "JobDeleted"), (State(Step(sjob, "doomed")), Reason(Step(sjob, "doomed"))));
            // Time for a second Job to appear, were the operator to create one: none does, the step never runs again.
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal(0, await JobCountAsync(ns));
            Assert.Equal(1, runs.Count("doomed"));
            Assert.Equal("Failed", Phase(await Sjob(ns, "doomed")));
        }
        finally
        {
            await op.DisposeAsync();
        }
    }

    [Fact]
    public async Task Attempts_never_go_down_when_the_pod_of_an_earlier_attempt_is_deleted()
    {
        var ns = cluster.Namespace("once-attempts");
        using var runs = new RunCounter(ns);
        var op = cluster.StartOperator([ns]);
        try
        {
            await op.WaitReadyAsync(TimeSpan.FromSeconds(60));
            // The first attempt would run for a minute; the second, after the first Pod was deleted, long enough for that
            // Pod to be gone (and no longer counted by the Job controller) before it ends.
            await cluster.Kubectl.ApplyAsync(ns, OneStep("retried", runs, "if [ $(wc -l < /runs/retried) -gt 1 ]; then sleep 15; else sleep 60; fi", backoffLimit: 2));
            await Eventually.ThatAsync(async () => runs.Count("retried") == 1 && Phase(await Sjob(ns, "retried")) == "Running", RunBound, "the first attempt runs");

            var first = (await PodNamesAsync(ns)).Single();
            await cluster.Kubectl.RunAsync(["-n", ns, "delete", "pod", first, "--wait=false"]);
            await Eventually.ThatAsync(async () => runs.Count("retried") == 2, RunBound, "the second attempt runs");
            await Eventually.ThatAsync(async () => !(await PodNamesAsync(ns)).Contains(first), RunBound, "the deleted Pod is gone");
            var running = await Sjob(ns, "retried");
            var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "retried", RunBound);

            Assert.Equal("Running", Phase(running));
            Assert.Equal("Succeeded", Phase(sjob));
            Assert.Equal(2, sjob["status"]!["attempts"]!.GetValue<int>());
            Assert.Equal(2, runs.Count("retried"));
        }
        finally
        {
            await op.DisposeAsync();
        }
    }

    private static void AssertSucceededOnce(JsonObject sjob, RunCounter runs, string name)
    {
        Assert.Equal("Succeeded", Phase(sjob));
        Assert.Equal(("Succeeded", (int?)0), (State(Step(sjob, name)), ExitCode(Step(sjob, name))));
        Assert.Equal(1, sjob["status"]!["attempts"]!.GetValue<int>());
        Assert.Equal(1, runs.Count(name));
    }

    /// <summary>A SequentialJob of one step that records each run in the counter's directory, then runs the script.</summary>
    private static string OneStep(string name, RunCounter runs, string script, int? ttl = null, int backoffLimit = 0) =>
        $$"""
        apiVersion: kueueleuleu.io/v1alpha1
        kind: SequentialJob
        metadata:
          name: {{name}}
        spec:
          backoffLimit: {{backoffLimit}}
        {{(ttl is { } seconds ? $"  ttlSecondsAfterFinished: {seconds.ToString(CultureInfo.InvariantCulture)}" : "")}}
          template:
            spec:
              restartPolicy: Never
              terminationGracePeriodSeconds: 1
              volumes:
              - name: runs
                hostPath: {path: "{{runs.Directory}}", type: DirectoryOrCreate}
              containers:
              - name: {{name}}
                image: localhost/busybox:local
                imagePullPolicy: IfNotPresent
                command: [sh, -c, 'echo ran >> /runs/{{name}}; {{script}}']
                volumeMounts: [{name: runs, mountPath: /runs}]
        """;

    private static string? ConditionReason(JsonObject sjob, string type) =>
        sjob["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == type)?["reason"]?.GetValue<string>();

    private Task<JsonObject> Sjob(string ns, string name) => cluster.Kubectl.GetJsonAsync(ns, $"sjob/{name}");

    private async Task<OperatorProcess> StartAsync(string ns)
    {
        var op = cluster.StartOperator([ns]);
        await op.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return op;
    }

    /// <summary>
    /// Waits until the Job has finished as the Job controller sees it (or is gone already, deleted by a TTL), then a few
    /// seconds more: long enough for the TTL controller to delete a Job that carries a TTL of 0.
    /// </summary>
    private async Task WaitJobFinishedAsync(string ns, string name)
    {
        await Eventually.ThatAsync(
            async () =>
            {
                var (exit, stdout, _) = await cluster.Kubectl.TryRunAsync(["-n", ns, "get", "job", name, "-o", "jsonpath={.status.succeeded}{.status.failed}"]);
                return exit != 0 || stdout.Trim().Length > 0;
            },
            RunBound,
            "the Job finished");
        await Task.Delay(TimeSpan.FromSeconds(5));
    }

    private async Task<int> JobCountAsync(string ns) =>
        (await cluster.Kubectl.GetJsonAsync(ns, "jobs"))["items"]!.AsArray().Count;

    private async Task<List<string>> PodNamesAsync(string ns) =>
        [.. (await cluster.Kubectl.GetJsonAsync(ns, "pods"))["items"]!.AsArray().Select(p => p!["metadata"]!["name"]!.GetValue<string>())];

    private static async Task SignalAsync(OperatorProcess op, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", op.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>A directory on the node, mounted into the steps, where each run of a step leaves one line.</summary>
    private sealed class RunCounter : IDisposable
    {
        public RunCounter(string ns)
        {
            Directory = Path.Combine(Path.GetTempPath(), "kueueleuleu-runs", ns);
            System.IO.Directory.CreateDirectory(Directory);
        }

        public string Directory { get; }

        public int Count(string step)
        {
            var file = Path.Combine(Directory, step);
            return File.Exists(file) ? File.ReadAllLines(file).Length : 0;
        }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
