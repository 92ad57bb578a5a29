using System.Text.Json.Nodes;
using static Kueueleuleu.Operator.Tests.Cluster.Manifests;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>Runs on the real cluster, reconciled by the shared operator process.</summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public class RunTests(OperatorClusterFixture cluster)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Three_step_sample_succeeds_in_order_with_progress_shown_while_it_runs()
    {
        var ns = cluster.Namespace("steps");
        await cluster.Kubectl.ApplyAsync(ns, cluster.Sample("sequentialjob-three-steps.yaml"));
        // Started before the run finishes (kubectl wait refuses objects that do not exist yet, so after the apply).
        var wait = cluster.Kubectl.TryRunAsync(["-n", ns, "wait", "--for=condition=Complete", "sjob/three-steps", "--timeout=180s"], timeout: TimeSpan.FromMinutes(4));
        var rows = await WatchPrinterColumnsAsync(ns, "three-steps");

        var (exit, stdout, stderr) = await wait;
        Assert.True(exit == 0, $"kubectl wait failed: {stdout}{stderr}");
        var sjob = await cluster.Kubectl.GetJsonAsync(ns, "sjob/three-steps");
        Assert.Equal("Succeeded", Phase(sjob));
        Assert.Equal(["build", "test", "publish"], StepNames(sjob));
        var steps = StepNames(sjob).Select(n => Step(sjob, n)).ToList();
        Assert.All(steps, s => Assert.Equal(("Succeeded", (int?)0), (State(s), ExitCode(s))));
        for (var i = 0; i < steps.Count; i++)
        {
            Assert.True(Started(steps[i]) <= Finished(steps[i]));
            if (i > 0)
            {
                Assert.True(Finished(steps[i - 1]) <= Started(steps[i]), $"step {i} started before step {i - 1} finished");
            }
        }

        Assert.Equal("3/3", sjob["status"]!["progress"]!.GetValue<string>());
        Assert.Equal(("True", "True", "False"), (Condition(sjob, "Complete"), Condition(sjob, "Ready"), Condition(sjob, "Reconciling")));
        // While it ran, `kubectl get sjob` showed it Running with part of the steps done and the current step named.
        Assert.Contains(rows, r => r.Phase == "Running" && r.Steps is "0/3" or "1/3" or "2/3" && r.Current is "build" or "test" or "publish");
        Assert.Contains(rows, r => r is { Phase: "Succeeded", Steps: "3/3" });
    }

    [Fact]
    public async Task A_failing_step_skips_the_rest_fails_the_run_and_is_named_in_an_event()
    {
        var ns = cluster.Namespace("failing");
        await cluster.Kubectl.ApplyAsync(ns, cluster.Sample("sequentialjob-failing.yaml"));

        var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "failing", RunTimeout);

        Assert.Equal("Failed", Phase(sjob));
        Assert.Equal("Succeeded", State(Step(sjob, "prepare")));
        Assert.Equal(("Failed", (int?)3), (State(Step(sjob, "check")), ExitCode(Step(sjob, "check"))));
        Assert.Equal("Skipped", State(Step(sjob, "deploy")));
        Assert.Equal(("True", "True", "False"), (Condition(sjob, "Failed"), Condition(sjob, "Stalled"), Condition(sjob, "Complete")));
        var (exit, _, _) = await cluster.Kubectl.TryRunAsync(["-n", ns, "wait", "--for=condition=Failed", "sjob/failing", "--timeout=30s"]);
        Assert.Equal(0, exit);
        // Events are sent in the background, a moment after the status that caused them.
        var warnings = new List<(string Reason, string Message, string Component)>();
        await Eventually.ThatAsync(
            async () => (warnings = await EventsAsync(ns, "failing", "Warning")).Any(e => e.Reason == "StepFailed"),
            TimeSpan.FromSeconds(30),
            "a StepFailed Event");
        Assert.Contains(warnings, e => e.Reason == "StepFailed" && e.Message.Contains("check", StringComparison.Ordinal) && e.Message.Contains("exit code 3", StringComparison.Ordinal));
        Assert.All(warnings, e => Assert.Equal("kueueleuleu-operator", e.Component));
    }

    [Fact]
    public async Task On_error_continue_lets_the_next_step_run_and_the_run_succeed()
    {
        var ns = cluster.Namespace("continue");
        await cluster.Kubectl.ApplyAsync(ns, SequentialJob(
            "tolerant",
            new Step("flaky", "echo flaky; exit 4", OnError: "continue"),
            new Step("after", "echo still running")));

        var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "tolerant", RunTimeout);

        Assert.Equal("Succeeded", Phase(sjob));
        var flaky = Step(sjob, "flaky");
        Assert.Equal(("Failed", (int?)4, "ContinuedOnError"), (State(flaky), ExitCode(flaky), Reason(flaky)));
        Assert.Equal(("Succeeded", (int?)0), (State(Step(sjob, "after")), ExitCode(Step(sjob, "after"))));
    }

    [Fact]
    public async Task A_step_over_its_timeout_is_killed_and_fails_the_run()
    {
        var ns = cluster.Namespace("timeout");
        await cluster.Kubectl.ApplyAsync(ns, SequentialJob(
            "slow",
            new Step("sleepy", "sleep 120", Timeout: "2s"),
            new Step("next", "echo never")));

        var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "slow", RunTimeout);

        Assert.Equal("Failed", Phase(sjob));
        var sleepy = Step(sjob, "sleepy");
        Assert.Equal(("Failed", "TimedOut"), (State(sleepy), Reason(sleepy)));
        Assert.True(Finished(sleepy) - Started(sleepy) < TimeSpan.FromSeconds(60), "the step ran long past its timeout");
        Assert.Equal("Skipped", State(Step(sjob, "next")));
    }

    [Fact]
    public async Task Dag_sample_runs_steps_after_what_they_wait_for()
    {
        var ns = cluster.Namespace("dag");
        await cluster.Kubectl.ApplyAsync(ns, cluster.Sample("sequentialjob-dag.yaml"));

        var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "dag", RunTimeout);

        Assert.Equal("Succeeded", Phase(sjob));
        var (fetch, unit, lint, package) = (Step(sjob, "fetch"), Step(sjob, "unit"), Step(sjob, "lint"), Step(sjob, "package"));
        Assert.True(Finished(fetch) <= Started(unit) && Finished(fetch) <= Started(lint));
        Assert.True(Finished(unit) <= Started(package) && Finished(lint) <= Started(package));
        // lint does not wait for unit (unit sleeps 2s): they overlap.
        Assert.True(Started(lint) < Finished(unit), "lint waited for unit although it only waits for fetch");
        Assert.Equal(("Failed", "ContinuedOnError"), (State(lint), Reason(lint)));
        Assert.Equal("Succeeded", State(package));
    }

    [Fact]
    public async Task Deleting_a_sequential_job_removes_its_job_and_pods()
    {
        var ns = cluster.Namespace("delete");
        await cluster.Kubectl.ApplyAsync(ns, SequentialJob("doomed", new Step("forever", "sleep 600")));
        await Eventually.ThatAsync(async () => (await PodsAsync(ns, "doomed")).Contains("Running", StringComparison.Ordinal), RunTimeout, "the Pod runs");

        await cluster.Kubectl.RunAsync(["-n", ns, "delete", "sjob", "doomed", "--wait=true"], timeout: TimeSpan.FromMinutes(2));

        await Eventually.ThatAsync(async () => (await cluster.Kubectl.RunAsync(["-n", ns, "get", "jobs", "-l", "kueueleuleu.io/sequentialjob=doomed", "-o", "name"])).Trim().Length == 0, TimeSpan.FromMinutes(2), "the Job is gone");
        await Eventually.ThatAsync(async () => (await PodsAsync(ns, "doomed")).Trim().Length == 0, TimeSpan.FromMinutes(2), "the Pods are gone");
    }

    [Fact]
    public async Task Fifty_sequential_jobs_applied_at_once_all_finish_with_correct_status()
    {
        var ns = cluster.Namespace("fifty");
        var names = Enumerable.Range(0, 50).Select(i => $"batch-{i:00}").ToList();
        var yaml = string.Join("---\n", names.Select(n => SequentialJob(n, new Step("one", $"echo {n} one"), new Step("two", $"echo {n} two; exit 0"))));

        await cluster.Kubectl.ApplyAsync(ns, yaml);

        var (exit, stdout, stderr) = await cluster.Kubectl.TryRunAsync(["-n", ns, "wait", "--for=condition=Complete", "sjob", "--all", "--timeout=900s"], timeout: TimeSpan.FromMinutes(16));
        Assert.True(exit == 0, $"not all completed: {stdout}{stderr}");
        var list = JsonNode.Parse(await cluster.Kubectl.RunAsync(["-n", ns, "get", "sjob", "-o", "json"]))!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(50, list.Count);
        Assert.All(list, s =>
        {
            Assert.Equal("Succeeded", Phase(s));
            Assert.Equal("2/2", s["status"]!["progress"]!.GetValue<string>());
            Assert.Equal(["one", "two"], StepNames(s));
            Assert.Equal(1, s["status"]!["attempts"]!.GetValue<int>());
        });
        var jobs = await cluster.Kubectl.RunAsync(["-n", ns, "get", "jobs", "-o", "name"]);
        Assert.Equal(50, jobs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private async Task<string> PodsAsync(string ns, string name) =>
        await cluster.Kubectl.RunAsync(["-n", ns, "get", "pods", "-l", $"kueueleuleu.io/sequentialjob={name}", "--no-headers"]);

    private async Task<List<(string Reason, string Message, string Component)>> EventsAsync(string ns, string name, string type)
    {
        var events = JsonNode.Parse(await cluster.Kubectl.RunAsync(["-n", ns, "get", "events", "--field-selector", $"involvedObject.name={name},type={type}", "-o", "json"]))!;
        return events["items"]!.AsArray()
            .Where(e => e!["involvedObject"]!["kind"]!.GetValue<string>() == "SequentialJob")
            .Select(e => (e!["reason"]!.GetValue<string>(), e["message"]!.GetValue<string>(), e["source"]!["component"]!.GetValue<string>()))
            .ToList();
    }

    /// <summary>Polls `kubectl get sjob` (its printer columns) until the run finished; returns every row seen.</summary>
    private async Task<List<(string Phase, string Steps, string Current)>> WatchPrinterColumnsAsync(string ns, string name)
    {
        var rows = new List<(string, string, string)>();
        await Eventually.ThatAsync(
            async () =>
            {
                var (exit, stdout, _) = await cluster.Kubectl.TryRunAsync(["-n", ns, "get", "sjob", name]);
                var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (exit != 0 || lines.Length < 2)
                {
                    return false;
                }

                // Empty cells print as blanks, so cells are cut at the header's column positions.
                var row = (Cell(lines, "PHASE"), Cell(lines, "STEPS"), Cell(lines, "CURRENT"));
                rows.Add(row);
                return row.Item1 is "Succeeded" or "Failed";
            },
            RunTimeout,
            $"{ns}/{name} finished");
        return rows;
    }

    private static string Cell(string[] lines, string column)
    {
        var header = lines[0];
        var start = header.IndexOf(column, StringComparison.Ordinal);
        var next = header.IndexOf(' ', start);
        while (next >= 0 && next < header.Length && header[next] == ' ')
        {
            next++;
        }

        var end = next < 0 || next >= header.Length ? lines[1].Length : next;
        return start >= lines[1].Length ? "" : lines[1][start..Math.Min(end, lines[1].Length)].Trim();
    }
}
