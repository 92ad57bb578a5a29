using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// What a SequentialJob's status says when steps end in every way the entrypoint knows, on the real kubelet: a step
/// killed with SIGKILL before it could record anything, and 64 steps whose termination messages share the kubelet's
/// 12288-byte budget. Each test runs its own operator in its own namespace.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class StepOutcomeTests(OperatorClusterFixture cluster, ITestOutputHelper output)
{
    /// <summary>Only stops a broken run from hanging; the times it really takes are printed, not asserted.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    private static readonly StepJob.Step[] Killable =
    [
        new("doomed", "echo ready; exec sleep 600"),
        new("after", "echo after ran"),
        new("last", "echo last ran"),
    ];

    [Fact]
    public async Task A_step_killed_by_SIGKILL_of_its_PID_1_fails_and_the_steps_after_it_are_skipped()
    {
        await using var own = await OwnOperator.StartAsync(cluster, "killed");
        await cluster.Kubectl.ApplyAsync(own.Namespace, new StepJob("killed", "Never", 0, Killable).ToJson());
        var pod = await RunningAsync(own, "killed", "doomed");

        var killedAt = DateTimeOffset.UtcNow;
        NodeContainers.Kill(await NodeContainers.Pid1Async(pod, "doomed"));
        var podEnded = await PodEndedAsync(own, "killed") - killedAt;
        var sjob = await SettledAsync(own, "killed");
        await CaptureAsync("cluster-killed-pid1", (await own.PodsAsync("killed")).Single());

        Assert.Equal("Failed", Phase(sjob));
        var (doomed, after, last) = (Step(sjob, "doomed"), Step(sjob, "after"), Step(sjob, "last"));
        Assert.Equal(("Failed", (int?)137, "Error"), (State(doomed), ExitCode(doomed), Reason(doomed)));
        Assert.Contains("ended without recording an outcome: it was killed by SIGKILL", Message(doomed), StringComparison.Ordinal);
        Assert.Equal(("Skipped", "DependencyFailed"), (State(after), Reason(after)));
        Assert.StartsWith("dependency \"doomed\" ended without recording an outcome", Message(after), StringComparison.Ordinal);
        Assert.Equal(("Skipped", "DependencyFailed"), (State(last), Reason(last)));
        Assert.StartsWith("dependency \"after\" is skipped", Message(last), StringComparison.Ordinal);
        Assert.Equal("True", Condition(sjob, "Failed"));
        output.WriteLine(
            $"SIGKILL of doomed's PID 1 -> 'after' recorded its outcome: {(Finished(after) - killedAt).TotalMilliseconds:F0} ms; "
            + $"the Pod was seen Failed: {podEnded.TotalMilliseconds:F0} ms (polled every 250 ms; information, not a test)");
    }

    [Fact]
    public async Task A_step_whose_command_is_killed_by_SIGKILL_is_reported_by_its_entrypoint()
    {
        await using var own = await OwnOperator.StartAsync(cluster, "oomv1");
        await cluster.Kubectl.ApplyAsync(own.Namespace, new StepJob("command-killed", "Never", 0, Killable).ToJson());
        var pod = await RunningAsync(own, "command-killed", "doomed");

        // What the OOM killer of a cgroup v1 node does: it kills the largest process, the command, not PID 1.
        NodeContainers.Kill(Assert.Single(NodeContainers.ChildrenOf(await NodeContainers.Pid1Async(pod, "doomed"))));
        var sjob = await SettledAsync(own, "command-killed");

        Assert.Equal("Failed", Phase(sjob));
        var doomed = Step(sjob, "doomed");
        Assert.Equal(("Failed", (int?)137, "Error", "killed by SIGKILL, exit code 137"), (State(doomed), ExitCode(doomed), Reason(doomed), Message(doomed)));
        Assert.StartsWith("dependency \"doomed\" is failed", Message(Step(sjob, "after")), StringComparison.Ordinal);
        Assert.Equal("Skipped", State(Step(sjob, "last")));
    }

    [Fact]
    public async Task With_restart_policy_OnFailure_the_kubelet_restarts_the_killed_step_and_the_steps_after_it_wait_for_it()
    {
        await using var own = await OwnOperator.StartAsync(cluster, "restarted");
        // The second run of doomed finds the mark of the first in the Pod's own volume and succeeds.
        StepJob.Step[] steps = [new("doomed", "if [ -e /work/ran ]; then echo second run; else touch /work/ran; echo ready; exec sleep 600; fi"), .. Killable[1..]];
        await cluster.Kubectl.ApplyAsync(own.Namespace, new StepJob("restarted", "OnFailure", 3, steps) { WorkVolume = true }.ToJson());
        var pod = await RunningAsync(own, "restarted", "doomed");

        NodeContainers.Kill(await NodeContainers.Pid1Async(pod, "doomed"));
        var sjob = await SettledAsync(own, "restarted");

        Assert.Equal("Succeeded", Phase(sjob));
        Assert.All(["doomed", "after", "last"], n => Assert.Equal(("Succeeded", (int?)0), (State(Step(sjob, n)), ExitCode(Step(sjob, n)))));
        var statuses = (await own.PodsAsync("restarted")).Single()["status"]!["containerStatuses"]!.AsArray();
        // The steps after it waited for its new run: had they given up, the kubelet would have restarted them too.
        Assert.Equal(
            [("after", 0), ("doomed", 1), ("last", 0)],
            statuses.Select(s => (s!["name"]!.GetValue<string>(), s["restartCount"]!.GetValue<int>())).OrderBy(s => s.Item1));
        Assert.True(Started(Step(sjob, "after")) >= Finished(Step(sjob, "doomed")));
    }

    [Fact]
    public async Task The_outcomes_of_64_steps_with_63_character_names_survive_the_kubelets_message_budget()
    {
        await using var own = await OwnOperator.StartAsync(cluster, "sixtyfour");
        var names = Enumerable.Range(0, 64).Select(i => Long(i, i switch
        {
            0 => "continued",
            2 => "timed-out",
            3 or 5 => "skipped",
            4 => "failed",
            _ => "succeeded",
        })).ToList();
        var steps = names.Select((name, i) => i switch
        {
            0 => new StepJob.Step(name, "echo tolerated; exit 4", After: [], OnError: "continue"),
            1 => new StepJob.Step(name, "true", After: [names[0]]),
            2 => new StepJob.Step(name, "sleep 30", After: [names[1]], Timeout: "1s"),
            3 => new StepJob.Step(name, "echo never", After: [names[2]]),
            4 => new StepJob.Step(name, "exit 3", After: [names[1]]),
            5 => new StepJob.Step(name, "echo never", After: [names[4]]),
            _ => new StepJob.Step(name, "true", After: [names[1]]),
        }).ToList();
        await cluster.Kubectl.ApplyAsync(own.Namespace, new StepJob("sixtyfour", "Never", 0, steps).ToJson());

        var sjob = await SettledAsync(own, "sixtyfour");
        var pod = (await own.PodsAsync("sixtyfour")).Single();
        await CaptureAsync("cluster-64-steps", pod);

        Assert.Equal("Failed", Phase(sjob));
        Assert.Equal(names, StepNames(sjob));
        AssertStep(Step(sjob, names[0]), "Failed", 4, "ContinuedOnError", "exited with code 4");
        AssertStep(Step(sjob, names[1]), "Succeeded", 0, null, null);
        AssertStep(Step(sjob, names[2]), "Failed", 143, "TimedOut", "timed out after 1s");
        AssertStep(Step(sjob, names[3]), "Skipped", null, "DependencyFailed", $"dependency \"{names[2][..20]}");
        AssertStep(Step(sjob, names[4]), "Failed", 3, "Error", "exited with code 3");
        AssertStep(Step(sjob, names[5]), "Skipped", null, "DependencyFailed", $"dependency \"{names[4][..20]}");
        Assert.All(names.Skip(6), n => AssertStep(Step(sjob, n), "Succeeded", 0, null, null));
        // The commands' own times, to the sub-second, came through: the kubelet's are whole seconds.
        Assert.True(Started(Step(sjob, names[1])) >= Finished(Step(sjob, names[0])));
        Assert.Contains(names.Take(3), n => Started(Step(sjob, n)).Millisecond != 0 || Finished(Step(sjob, n)).Millisecond != 0);

        // The budget really was hit, and the entrypoint kept to it (--termination-budget, the kubelet's share): each message
        // fits the share whole, ending in its newline, and the longer ones were cut by the entrypoint, marked with an ellipsis.
        var messages = pod["status"]!["containerStatuses"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["state"]!["terminated"]!["message"]!.GetValue<string>());
        Assert.All(messages.Values, m => Assert.True(System.Text.Encoding.UTF8.GetByteCount(m) <= 12288 / 65, m));
        Assert.All(messages.Values, m => Assert.EndsWith("\n", m, StringComparison.Ordinal));
        Assert.EndsWith("…\n", messages[names[2]], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_injected_parts_and_every_step_run_with_an_arbitrary_uid_and_a_random_gid()
    {
        await using var own = await OwnOperator.StartAsync(cluster, "anyuid");
        var (uid, gid, fsGroup) = (1_000_680_000 + Random.Shared.Next(10_000), 1_000_690_000 + Random.Shared.Next(10_000), 1_000_700_000 + Random.Shared.Next(10_000));
        var job = new StepJob("anyuid", "Never", 0, [new("first", "echo first $(id -u):$(id -g)"), new("second", "echo second $(id -u):$(id -g)")])
        {
            // What a restricted platform (OpenShift's restricted SCC) sets on every Pod of the namespace.
            SecurityContext = new JsonObject { ["runAsNonRoot"] = true, ["runAsUser"] = uid, ["runAsGroup"] = gid, ["fsGroup"] = fsGroup },
        };
        await cluster.Kubectl.ApplyAsync(own.Namespace, job.ToJson());

        var sjob = await SettledAsync(own, "anyuid");

        Assert.Equal("Succeeded", Phase(sjob));
        var pod = (await own.PodsAsync("anyuid")).Single();
        Assert.Null(pod["spec"]!["initContainers"]![0]!["securityContext"]!["runAsUser"]);
        var podName = pod["metadata"]!["name"]!.GetValue<string>();
        foreach (var step in new[] { "first", "second" })
        {
            var logs = await cluster.Kubectl.RunAsync(["-n", own.Namespace, "logs", podName, "-c", step]);
            Assert.Contains($"{step} {uid}:{gid}", logs, StringComparison.Ordinal);
        }
    }

    /// <summary>A DNS label of exactly 63 characters that says what the step does.</summary>
    private static string Long(int index, string role)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"s{index:00}-{role}-");
        return head + new string('x', 63 - head.Length);
    }

    private static void AssertStep(JsonObject step, string state, int? exitCode, string? reason, string? messageStart)
    {
        Assert.Equal((state, exitCode, reason), (State(step), ExitCode(step), Reason(step)));
        if (messageStart is not null)
        {
            Assert.StartsWith(messageStart, Message(step), StringComparison.Ordinal);
        }

        if (state != "Skipped")
        {
            Assert.True(Started(step) <= Finished(step));
        }
    }

    private static string Message(JsonObject step) => step["message"]?.GetValue<string>() ?? string.Empty;

    /// <summary>Waits until the step's container runs and its command said it is ready (bounded); returns the Pod.</summary>
    private async Task<JsonObject> RunningAsync(OwnOperator own, string sjob, string step)
    {
        var pod = await own.PodAsync(sjob, Bound);
        var name = pod["metadata"]!["name"]!.GetValue<string>();
        await Eventually.ThatAsync(
            async () => (await cluster.Kubectl.TryRunAsync(["-n", own.Namespace, "logs", name, "-c", step])).Stdout.Contains("ready", StringComparison.Ordinal),
            Bound,
            $"{step} of {name} to run");
        return (await own.PodsAsync(sjob)).Single();
    }

    /// <summary>
    /// The status once the run finished and every step shows how it ended. A run's status was seen once to say Failed
    /// before all its steps did, most likely the operator's Pod cache lagging its Job cache; such a lag is the
    /// operator's, and is printed rather than hidden.
    /// </summary>
    private async Task<JsonObject> SettledAsync(OwnOperator own, string name)
    {
        var sjob = await WaitFinishedAsync(cluster.Kubectl, own.Namespace, name, Bound);
        var unfinished = StepNames(sjob).Where(n => State(Step(sjob, n)) is "Waiting" or "Running").ToList();
        if (unfinished.Count == 0)
        {
            return sjob;
        }

        output.WriteLine($"phase {Phase(sjob)} was written while {unfinished.Count} steps were still {string.Join(", ", unfinished.Select(n => State(Step(sjob, n))).Distinct())}");
        await Eventually.ThatAsync(
            async () => StepNames(sjob = await cluster.Kubectl.GetJsonAsync(own.Namespace, $"sjob/{name}")).All(n => State(Step(sjob, n)) is not ("Waiting" or "Running")),
            Bound,
            $"every step of {name} to show how it ended");
        return sjob;
    }

    /// <summary>When the test saw the Pod end (Failed or Succeeded), polling (bounded).</summary>
    private static async Task<DateTimeOffset> PodEndedAsync(OwnOperator own, string sjob)
    {
        await Eventually.ThatAsync(
            async () => (await own.PodsAsync(sjob)).Single()["status"]?["phase"]?.GetValue<string>() is "Failed" or "Succeeded",
            Bound,
            $"the Pod of {sjob} to end");
        return DateTimeOffset.UtcNow;
    }

    /// <summary>With KUEUELEULEU_CAPTURE_DIR set, keeps the Pod as a fixture for the converter's status reader tests.</summary>
    private static async Task CaptureAsync(string name, JsonObject pod)
    {
        if (Environment.GetEnvironmentVariable("KUEUELEULEU_CAPTURE_DIR") is { Length: > 0 } dir)
        {
            var copy = pod.DeepClone().AsObject();
            copy["metadata"]!.AsObject().Remove("managedFields");
            await File.WriteAllTextAsync(Path.Combine(dir, name + ".pod.json"), copy.ToJsonString(new() { WriteIndented = true }) + "\n");
        }
    }
}
