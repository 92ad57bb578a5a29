using System.Text.Json.Nodes;
using Xunit.Abstractions;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// Issue 13's step policies on the real kubelet, through <c>spec.steps</c>: retries, steps that run on failure or always,
/// results, and a step held for debugging. Each test runs its own operator in its own namespace, and checks the steps,
/// attempts, results, conditions and Events the SequentialJob ends with.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class CiStepTests(OperatorClusterFixture cluster, ITestOutputHelper output)
{
    /// <summary>Only stops a broken run from hanging; nothing here asserts how long a step takes.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    // Counts its runs in the Pod's own volume: attempts 1 and 2 exit 5, the third succeeds and leaves a result.
    private const string Flaky =
        "n=$(cat /work/count 2>/dev/null || echo 0); n=$((n+1)); echo $n > /work/count; echo \"attempt $n\"; " +
        "echo $n > \"$KUEUELEULEU_RESULTS/attempt\"; [ $n -ge 3 ] || exit 5";

    [Fact]
    public async Task A_flaky_step_succeeds_on_its_third_attempt_and_an_OnFailure_step_that_was_not_needed_leaves_the_run_Succeeded()
    {
        await using var own = await OwnOperator.StartAsync(cluster, "ci-flaky");
        StepJob.Step[] steps =
        [
            new("flaky", Flaky, Retries: 4, RetryBackoff: "200ms"),
            new("on-failure", "echo never", After: ["flaky"], When: "OnFailure"),
            new("after-report", "echo never", After: ["on-failure"]),
            new("next", "echo \"next read $(cat /kueueleuleu/results/flaky/attempt)\"", After: ["flaky"]),
        ];
        await cluster.Kubectl.ApplyAsync(own.Namespace, new StepJob("flaky", "Never", 0, steps) { WorkVolume = true }.ToJson());

        var sjob = await SettledAsync(own, "flaky");

        Assert.Equal(("Succeeded", "True"), (Phase(sjob), Condition(sjob, "Complete")));
        var flaky = Step(sjob, "flaky");
        Assert.Equal(("Succeeded", (int?)0, 3), (State(flaky), ExitCode(flaky), flaky["attempts"]!.GetValue<int>()));
        AssertResults(flaky, ("attempt", "3\n", 2, false));
        Assert.Equal(("Skipped", "ConditionNotMet"), (State(Step(sjob, "on-failure")), Reason(Step(sjob, "on-failure"))));
        Assert.Contains("when: OnFailure", Message(Step(sjob, "on-failure")), StringComparison.Ordinal);
        Assert.Equal(("Skipped", "ConditionNotMet"), (State(Step(sjob, "after-report")), Reason(Step(sjob, "after-report"))));
        Assert.Equal("Succeeded", State(Step(sjob, "next")));

        var log = await LogAsync(own, "flaky", "flaky");
        Assert.Equal(["attempt 1", "attempt 2", "attempt 3"], log.Split('\n').Where(l => l.StartsWith("attempt ", StringComparison.Ordinal)));
        Assert.Contains("kueueleuleu: step \"flaky\" attempt 3 of 5", log, StringComparison.Ordinal);
        Assert.Contains("next read 3", await LogAsync(own, "flaky", "next"), StringComparison.Ordinal);

        var events = await EventsAsync(own, "flaky", e => e.Reason == "Succeeded");
        Assert.Equal(
            ["step flaky: attempt 1 of 3 exited with 5; retried", "step flaky: attempt 2 of 3 exited with 5; retried"],
            events.Where(e => e.Reason == "StepRetried").Select(e => e.Message).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(events, e => e.Type == "Warning");
    }

    [Fact]
    public async Task An_always_step_reads_the_failed_steps_results_and_the_run_still_fails()
    {
        await using var own = await OwnOperator.StartAsync(cluster, "ci-report");
        StepJob.Step[] steps =
        [
            new("test", "echo failures=1 > \"$KUEUELEULEU_RESULTS/summary\"; head -c 5000 /dev/zero | tr '\\0' x > \"$KUEUELEULEU_RESULTS/log\"; exit 1"),
            new("report", "echo \"summary: $(cat /kueueleuleu/results/test/summary)\"; echo \"log bytes: $(wc -c < /kueueleuleu/results/test/log)\"", After: ["test"], When: "Always"),
            new("publish", "echo never", After: ["test"]),
        ];
        await cluster.Kubectl.ApplyAsync(own.Namespace, new StepJob("report", "Never", 0, steps).ToJson());

        var sjob = await SettledAsync(own, "report");

        Assert.Equal(("Failed", "True", "False"), (Phase(sjob), Condition(sjob, "Failed"), Condition(sjob, "Complete")));
        Assert.Equal("StepFailed", sjob["status"]!["reason"]!.GetValue<string>());
        var test = Step(sjob, "test");
        Assert.Equal(("Failed", (int?)1, "Error"), (State(test), ExitCode(test), Reason(test)));
        // 3 steps and the injected init container share 12288 bytes: 3072 each, too little for the 5000-byte log.
        AssertResults(test, ("log", null, 5000, true), ("summary", "failures=1\n", 11, false));
        Assert.Equal(("Succeeded", (int?)0), (State(Step(sjob, "report")), ExitCode(Step(sjob, "report"))));
        Assert.Equal(("Skipped", "DependencyFailed"), (State(Step(sjob, "publish")), Reason(Step(sjob, "publish"))));
        var report = await LogAsync(own, "report", "report");
        Assert.Contains("summary: failures=1", report, StringComparison.Ordinal);
        Assert.Contains("log bytes: 5000", report, StringComparison.Ordinal);

        var events = await EventsAsync(own, "report", e => e.Reason == "Failed");
        Assert.Contains(events, e => e.Reason == "StepFailed" && e.Message.StartsWith("step test failed with exit code 1", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Reason == "StepSucceeded" && e.Message.StartsWith("step report succeeded", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Reason == "StepRetried");
    }

    [Fact]
    public async Task A_cleanup_step_runs_after_a_step_that_timed_out()
    {
        await using var own = await OwnOperator.StartAsync(cluster, "ci-cleanup");
        StepJob.Step[] steps =
        [
            new("slow", "sleep 60 & wait", Timeout: "1s"),
            new("cleanup", "echo cleaned up", After: ["slow"], When: "Always"),
            new("after", "echo never", After: ["slow"]),
        ];
        await cluster.Kubectl.ApplyAsync(own.Namespace, new StepJob("cleanup", "Never", 0, steps).ToJson());

        var sjob = await SettledAsync(own, "cleanup");

        Assert.Equal(("Failed", "True"), (Phase(sjob), Condition(sjob, "Failed")));
        Assert.Equal(("Failed", "TimedOut"), (State(Step(sjob, "slow")), Reason(Step(sjob, "slow"))));
        Assert.Equal("Succeeded", State(Step(sjob, "cleanup")));
        Assert.Contains("cleaned up", await LogAsync(own, "cleanup", "cleanup"), StringComparison.Ordinal);
        Assert.Equal(("Skipped", "DependencyFailed"), (State(Step(sjob, "after")), Reason(Step(sjob, "after"))));
        Assert.Null(Step(sjob, "slow")["attempts"]);
        var events = await EventsAsync(own, "cleanup", e => e.Reason == "Failed");
        Assert.Contains(events, e => e.Reason == "StepFailed" && e.Message.StartsWith("step slow timed out", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Reason == "StepSucceeded" && e.Message.StartsWith("step cleanup succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_step_held_for_debugging_can_be_entered_with_kubectl_exec_and_released()
    {
        await using var own = await OwnOperator.StartAsync(cluster, "ci-held");
        StepJob.Step[] steps =
        [
            new("broken", "echo evidence > /tmp/evidence; echo broken; exit 3", DebugTimeout: "10m"),
            new("next", "echo never"),
        ];
        await cluster.Kubectl.ApplyAsync(own.Namespace, new StepJob("held", "Never", 0, steps) { Debug = "OnFailure" }.ToJson());

        JsonObject sjob = null!;
        try
        {
            await Eventually.ThatAsync(
                async () => (sjob = await cluster.Kubectl.GetJsonAsync(own.Namespace, "sjob/held"))["status"]?["steps"] is JsonArray
                    && Reason(Step(sjob, "broken")) == "HeldForDebugging",
                Bound,
                "step broken held for debugging");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last status: {sjob?["status"]?.ToJsonString()}", e);
        }

        var broken = Step(sjob, "broken");
        Assert.Equal("Running", State(broken));
        Assert.Contains("/kueueleuleu/entrypoint release", Message(broken), StringComparison.Ordinal);
        Assert.Equal(("Running", "Waiting"), (Phase(sjob), State(Step(sjob, "next"))));
        var held = await EventsAsync(own, "held", e => e.Reason == "StepHeld");
        Assert.Contains(held, e => e.Type == "Warning" && e.Message.Contains("/kueueleuleu/entrypoint release", StringComparison.Ordinal));

        var pod = (await own.PodsAsync("held")).Single()["metadata"]!["name"]!.GetValue<string>();
        var evidence = await cluster.Kubectl.RunAsync(["-n", own.Namespace, "exec", pod, "-c", "broken", "--", "cat", "/tmp/evidence"]);
        Assert.Equal("evidence\n", evidence);
        // While it is held its dependant has not run.
        Assert.Equal("Waiting", State(Step(await cluster.Kubectl.GetJsonAsync(own.Namespace, "sjob/held"), "next")));
        await cluster.Kubectl.RunAsync(["-n", own.Namespace, "exec", pod, "-c", "broken", "--", "/kueueleuleu/entrypoint", "release"]);

        sjob = await SettledAsync(own, "held");
        Assert.Equal(("Failed", "True"), (Phase(sjob), Condition(sjob, "Failed")));
        broken = Step(sjob, "broken");
        Assert.Equal(("Failed", (int?)3, "Error"), (State(broken), ExitCode(broken), Reason(broken)));
        Assert.Equal(("Skipped", "DependencyFailed"), (State(Step(sjob, "next")), Reason(Step(sjob, "next"))));
        var events = await EventsAsync(own, "held", e => e.Reason == "Failed");
        Assert.Single(events, e => e.Reason == "StepHeld");
        Assert.Contains(events, e => e.Reason == "StepFailed" && e.Message.StartsWith("step broken failed with exit code 3", StringComparison.Ordinal));
    }

    private static void AssertResults(JsonObject step, params (string Name, string? Value, long Size, bool Truncated)[] expected)
    {
        var results = step["results"]!.AsArray().Select(r => (
            r!["name"]!.GetValue<string>(),
            r["value"]?.GetValue<string>(),
            r["size"]!.GetValue<long>(),
            r["truncated"]?.GetValue<bool>() ?? false));
        Assert.Equal(expected, results);
    }

    private static string Message(JsonObject step) => step["message"]?.GetValue<string>() ?? string.Empty;

    private async Task<string> LogAsync(OwnOperator own, string sjob, string step)
    {
        var pod = (await own.PodsAsync(sjob)).Single()["metadata"]!["name"]!.GetValue<string>();
        return await cluster.Kubectl.RunAsync(["-n", own.Namespace, "logs", pod, "-c", step]);
    }

    /// <summary>
    /// The SequentialJob's Events once one matching <paramref name="last"/> was recorded (they are sent a moment after the
    /// status that caused them; bounded wait).
    /// </summary>
    private async Task<List<(string Type, string Reason, string Message)>> EventsAsync(OwnOperator own, string name, Func<(string Type, string Reason, string Message), bool> last)
    {
        List<(string Type, string Reason, string Message)> events = [];
        await Eventually.ThatAsync(
            async () =>
            {
                var list = JsonNode.Parse(await cluster.Kubectl.RunAsync(["-n", own.Namespace, "get", "events", "--field-selector", $"involvedObject.name={name}", "-o", "json"]))!;
                events = list["items"]!.AsArray()
                    .Where(e => e!["involvedObject"]!["kind"]!.GetValue<string>() == "SequentialJob")
                    .Select(e => (e!["type"]!.GetValue<string>(), e["reason"]!.GetValue<string>(), e["message"]!.GetValue<string>()))
                    .ToList();
                return events.Any(last);
            },
            Bound,
            $"the Events of {name}");
        output.WriteLine(string.Join("\n", events.Select(e => $"{e.Type} {e.Reason}: {e.Message}")));
        return events;
    }

    /// <summary>The status once the run finished and every step shows how it ended (bounded).</summary>
    private async Task<JsonObject> SettledAsync(OwnOperator own, string name)
    {
        var sjob = await WaitFinishedAsync(cluster.Kubectl, own.Namespace, name, Bound);
        await Eventually.ThatAsync(
            async () => StepNames(sjob = await cluster.Kubectl.GetJsonAsync(own.Namespace, $"sjob/{name}")).All(n => State(Step(sjob, n)) is not ("Waiting" or "Running")),
            Bound,
            $"every step of {name} to show how it ended");
        return sjob;
    }
}
