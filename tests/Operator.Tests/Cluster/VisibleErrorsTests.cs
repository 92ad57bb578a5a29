using System.Diagnostics;
using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;
using Xunit.Abstractions;
using static Kueueleuleu.Operator.Tests.Cluster.Manifests;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// What the cluster refuses shows in the SequentialJob itself, within seconds: a Job the API server will not create, a Pod
/// the Job controller cannot create, a Pod the scheduler cannot place, a status the operator may not write, a spec that
/// cannot run. Each has a reason in <c>status.reason</c> (the REASON column of <c>kubectl get sjob</c>), a condition
/// with the cluster's own message, and a Warning Event.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public class VisibleErrorsTests(OperatorClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_job_the_quota_refuses_stalls_with_the_servers_message_and_runs_once_the_quota_allows_it()
    {
        var ns = cluster.Namespace("errors");
        await Quota(ns, "no-jobs", "count/jobs.batch=0");
        var applied = Stopwatch.StartNew();
        await cluster.Kubectl.ApplyAsync(ns, SequentialJob("quota-refused", new Step("only", "echo ran")));

        var sjob = await WaitAsync(ns, "quota-refused", s => Reason(s) == "JobCreateFailed");
        output.WriteLine($"JobCreateFailed shown {applied.ElapsedMilliseconds} ms after the apply");
        Assert.Equal("Pending", Phase(sjob));
        Assert.Equal("True", Condition(sjob, "Stalled"));
        Assert.Contains("exceeded quota: no-jobs", ConditionMessage(sjob, "Stalled"), StringComparison.Ordinal);
        Assert.Contains("count/jobs.batch", await WarningEventsAsync(ns, "quota-refused", "JobCreateFailed"), StringComparison.Ordinal);
        Assert.Contains("JobCreateFailed", await GetTableAsync(ns, "quota-refused"), StringComparison.Ordinal);

        await cluster.Kubectl.RunAsync(["-n", ns, "delete", "resourcequota", "no-jobs"]);
        var allowed = Stopwatch.StartNew();
        sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "quota-refused", Bound);
        output.WriteLine($"Succeeded {allowed.ElapsedMilliseconds} ms after the quota was deleted");
        Assert.Equal("Succeeded", Phase(sjob));
        Assert.Null(Reason(sjob));
        Assert.Equal("False", Condition(sjob, "Stalled"));
    }

    [Fact]
    public async Task A_job_the_server_finds_invalid_stalls_with_the_field_the_server_names()
    {
        var ns = cluster.Namespace("errors");
        var yaml = SequentialJob("bad-mount", new Step("only", "echo ran")) +
            "        volumeMounts: [{name: nowhere, mountPath: /nowhere}]\n";
        await cluster.Kubectl.ApplyAsync(ns, yaml);

        var sjob = await WaitAsync(ns, "bad-mount", s => Reason(s) == "JobCreateFailed");
        Assert.Contains("422", ConditionMessage(sjob, "Stalled"), StringComparison.Ordinal);
        Assert.Contains("volumeMounts[0].name", ConditionMessage(sjob, "Stalled"), StringComparison.Ordinal);
        Assert.NotEqual(0, (await cluster.Kubectl.TryRunAsync(["-n", ns, "get", "job", "bad-mount"])).ExitCode);
    }

    [Fact]
    public async Task A_pod_the_quota_refuses_shows_the_job_controllers_message()
    {
        var ns = cluster.Namespace("errors-pods");
        await Quota(ns, "small", "requests.cpu=1500m,limits.cpu=8");
        var applied = Stopwatch.StartNew();
        await cluster.Kubectl.ApplyAsync(ns, WithCpu(SequentialJob("pod-refused", new Step("big", "echo ran")), "2"));

        var sjob = await WaitAsync(ns, "pod-refused", s => Reason(s) == "PodCreateFailed");
        output.WriteLine($"PodCreateFailed shown {applied.ElapsedMilliseconds} ms after the apply");
        Assert.Equal("Pending", Phase(sjob));
        Assert.Equal("True", Condition(sjob, "Reconciling"));
        Assert.Contains("exceeded quota: small", ConditionMessage(sjob, "Reconciling"), StringComparison.Ordinal);
        Assert.Contains("exceeded quota", await WarningEventsAsync(ns, "pod-refused", "PodCreateFailed"), StringComparison.Ordinal);
        Assert.Contains("PodCreateFailed", await GetTableAsync(ns, "pod-refused"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_the_scheduler_cannot_place_shows_the_schedulers_message()
    {
        var ns = cluster.Namespace("errors");
        var applied = Stopwatch.StartNew();
        await cluster.Kubectl.ApplyAsync(ns, WithCpu(SequentialJob("too-big", new Step("big", "echo ran")), "64"));

        var sjob = await WaitAsync(ns, "too-big", s => Reason(s) == "Unschedulable");
        output.WriteLine($"Unschedulable shown {applied.ElapsedMilliseconds} ms after the apply");
        Assert.Equal("Pending", Phase(sjob));
        Assert.Contains("Insufficient cpu", ConditionMessage(sjob, "Reconciling"), StringComparison.Ordinal);
        Assert.Contains("Insufficient cpu", await WarningEventsAsync(ns, "too-big", "Unschedulable"), StringComparison.Ordinal);
        var wide = await cluster.Kubectl.RunAsync(["-n", ns, "get", "sjob", "too-big", "-o", "wide"]);
        Assert.Contains("Unschedulable", wide, StringComparison.Ordinal);
        Assert.Contains("Insufficient cpu", wide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_that_cannot_run_shows_its_reason_in_kubectl_get()
    {
        var ns = cluster.Namespace("errors");
        var cycle = SequentialJob("cycle", new Step("a", "true", After: "b"), new Step("b", "true", After: "a"));
        await cluster.Kubectl.ApplyAsync(ns, cycle);

        var sjob = await WaitAsync(ns, "cycle", s => Reason(s) == "InvalidSpec");
        var table = await GetTableAsync(ns, "cycle");
        output.WriteLine(table);
        Assert.Contains("InvalidSpec", table, StringComparison.Ordinal);
        Assert.Equal("True", Condition(sjob, "Stalled"));
    }

    [Fact]
    public async Task A_status_the_operator_may_not_write_is_told_in_a_warning_event()
    {
        var ns = cluster.Namespace("errors-rbac");
        var kubeconfig = await RestrictedOperatorIdentity.CreateAsync(cluster.Kubectl, ns, withoutStatus: true);
        await using var op = OperatorProcess.Start(OperatorProcess.BesideTests, [$"--kubeconfig={kubeconfig}", $"--namespaces={ns}", "--workers=2"]);
        await op.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var applied = Stopwatch.StartNew();
        await cluster.Kubectl.ApplyAsync(ns, SequentialJob("mute", new Step("only", "echo ran")));

        string events = "";
        await Eventually.ThatAsync(async () => (events = await WarningEventsAsync(ns, "mute", "StatusWriteFailed")).Length > 0, Bound, "a StatusWriteFailed Event");
        output.WriteLine($"StatusWriteFailed Event {applied.ElapsedMilliseconds} ms after the apply: {events}");
        Assert.Contains("403", events, StringComparison.Ordinal);
        Assert.Contains("sequentialjobs/status", events, StringComparison.Ordinal);
    }

    private async Task Quota(string ns, string name, string hard) =>
        await cluster.Kubectl.RunAsync(["-n", ns, "create", "resourcequota", name, $"--hard={hard}"]);

    /// <summary>Gives every container of the SequentialJob a CPU request and limit.</summary>
    private static string WithCpu(string yaml, string cpu) =>
        yaml + $"        resources: {{requests: {{cpu: \"{cpu}\"}}, limits: {{cpu: \"{cpu}\"}}}}\n";

    private async Task<JsonObject> WaitAsync(string ns, string name, Func<JsonObject, bool> condition)
    {
        JsonObject? last = null;
        try
        {
            await Eventually.ThatAsync(async () => condition(last = await cluster.Kubectl.GetJsonAsync(ns, $"sjob/{name}")), Bound, $"{ns}/{name} shows the expected state");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last status: {last?["status"]?.ToJsonString()}", e);
        }

        return last!;
    }

    private static string? Reason(JsonObject sjob) => sjob["status"]?["reason"]?.GetValue<string>();

    private static string ConditionMessage(JsonObject sjob, string type) =>
        sjob["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == type)?["message"]?.GetValue<string>() ?? "";

    private async Task<string> GetTableAsync(string ns, string name) =>
        await cluster.Kubectl.RunAsync(["-n", ns, "get", "sjob", name]);

    /// <summary>The messages of the Warning Events with that reason on the SequentialJob, one per line.</summary>
    private async Task<string> WarningEventsAsync(string ns, string name, string reason)
    {
        var list = await cluster.Kubectl.RunAsync(["-n", ns, "get", "events", "-o", "json", "--field-selector", $"involvedObject.kind=SequentialJob,involvedObject.name={name},reason={reason},type=Warning"]);
        return string.Join('\n', JsonNode.Parse(list)!["items"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
    }
}
