using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.TestSupport;
using Xunit.Abstractions;
using static Kueueleuleu.Operator.Tests.Cluster.StatusReading;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>
/// A run reserves what its busiest moment needs, with the real scheduler, ResourceQuota and LimitRange admission. Each
/// test runs the same SequentialJob with <c>requestsPolicy: AsWritten</c> (what every Pod got before Peak existed: the
/// sum) and with the default, so the failure Peak removes is shown to happen in the same test.
/// </summary>
[Collection(OperatorClusterDefinition.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public class ReservationTests(OperatorClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Steps_that_together_exceed_the_node_are_unschedulable_as_written_and_run_with_the_peak()
    {
        var ns = cluster.Namespace("reserve-node");
        var node = await cluster.Kubectl.RunAsync(["get", "nodes", "-o", "jsonpath={.items[0].status.allocatable.cpu}"]);
        var step = Milli(node.Trim()) * 6 / 10;
        var steps = new[] { ("one", step), ("two", step), ("three", step) };

        await cluster.Kubectl.ApplyAsync(ns, Chain("as-written", steps, policy: "AsWritten"));
        var sjob = await WaitAsync(ns, "as-written", s => RunReason(s) == "Unschedulable");
        output.WriteLine($"as written: {sjob["status"]!["reservation"]!.ToJsonString()}; {ConditionMessage(sjob, "Reconciling")}");
        Assert.Equal($"{step * 3}m", Requested(sjob, "cpu"));
        Assert.Contains("Insufficient cpu", ConditionMessage(sjob, "Reconciling"), StringComparison.Ordinal);
        await cluster.Kubectl.RunAsync(["-n", ns, "delete", "sjob", "as-written"]);

        await cluster.Kubectl.ApplyAsync(ns, Chain("peak", steps));
        sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "peak", Bound);
        output.WriteLine($"peak: {sjob["status"]!["reservation"]!.ToJsonString()}");
        Assert.Equal("Succeeded", Phase(sjob));
        Assert.Equal("Peak", sjob["status"]!["reservation"]!["reason"]!.GetValue<string>());
        Assert.Equal($"{step}m", Requested(sjob, "cpu"));
        var pod = await PodAsync(ns, "peak");
        Assert.Equal($"{step}m", pod["spec"]!["initContainers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.All(pod["spec"]!["containers"]!.AsArray(), c => Assert.Equal("0", c!["resources"]!["requests"]!["cpu"]!.GetValue<string>()));
        Assert.All(pod["spec"]!["containers"]!.AsArray(), c => Assert.Equal($"{step}m", c!["resources"]!["limits"]!["cpu"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_quota_between_the_largest_step_and_the_sum_refuses_the_sum_and_admits_the_peak()
    {
        var ns = cluster.Namespace("reserve-quota");
        await cluster.Kubectl.RunAsync(["-n", ns, "create", "resourcequota", "cpu", "--hard=requests.cpu=1,limits.cpu=4"]);
        var steps = new[] { ("one", 500L), ("two", 500L), ("three", 500L) };

        await cluster.Kubectl.ApplyAsync(ns, Chain("as-written", steps, policy: "AsWritten"));
        var sjob = await WaitAsync(ns, "as-written", s => RunReason(s) == "PodCreateFailed");
        output.WriteLine($"as written: {ConditionMessage(sjob, "Reconciling")}");
        Assert.Contains("exceeded quota: cpu", ConditionMessage(sjob, "Reconciling"), StringComparison.Ordinal);
        Assert.Equal("1500m", Requested(sjob, "cpu"));
        await cluster.Kubectl.RunAsync(["-n", ns, "delete", "sjob", "as-written"]);

        await cluster.Kubectl.ApplyAsync(ns, Chain("peak", steps));
        sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "peak", Bound);
        output.WriteLine($"peak: {sjob["status"]!["reservation"]!.ToJsonString()}");
        Assert.Equal("Succeeded", Phase(sjob));
        Assert.Equal("500m", Requested(sjob, "cpu"));
    }

    [Fact]
    public async Task Two_parallel_branches_reserve_their_sum()
    {
        var ns = cluster.Namespace("reserve-dag");
        var yaml = Manifest("branches", [("left", 300), ("right", 400), ("join", 500)], policy: null, after: new Dictionary<string, string>
        {
            ["left"] = "[]",
            ["right"] = "[]",
            ["join"] = "[left, right]",
        });

        await cluster.Kubectl.ApplyAsync(ns, yaml);
        var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "branches", Bound);

        output.WriteLine(sjob["status"]!["reservation"]!.ToJsonString());
        Assert.Equal("Succeeded", Phase(sjob));
        Assert.Equal("700m", Requested(sjob, "cpu"));
        Assert.Equal("Peak", sjob["status"]!["reservation"]!["reason"]!.GetValue<string>());
        Assert.Contains("cpu 1200m", sjob["status"]!["reservation"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var pod = await PodAsync(ns, "branches");
        Assert.Equal("700m", pod["spec"]!["initContainers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_limit_range_that_forbids_zero_requests_falls_back_to_the_sum_visibly()
    {
        var ns = cluster.Namespace("reserve-limits");
        await cluster.Kubectl.ApplyAsync(ns, """
            apiVersion: v1
            kind: LimitRange
            metadata: {name: cpu-floor}
            spec:
              limits:
              - type: Container
                min: {cpu: 100m}
            """);
        // The operator reads LimitRanges from its cache: give the watch a moment to deliver this one.
        await Task.Delay(TimeSpan.FromSeconds(2));

        await cluster.Kubectl.ApplyAsync(ns, Chain("floored", [("one", 200), ("two", 300)]));
        var sjob = await WaitFinishedAsync(cluster.Kubectl, ns, "floored", Bound);

        output.WriteLine(sjob["status"]!["reservation"]!.ToJsonString());
        Assert.Equal("Succeeded", Phase(sjob));
        Assert.Equal("LimitRange", sjob["status"]!["reservation"]!["reason"]!.GetValue<string>());
        Assert.Contains("cpu-floor", sjob["status"]!["reservation"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("500m", Requested(sjob, "cpu"));
        var events = await cluster.Kubectl.RunAsync(["-n", ns, "get", "events", "-o", "json", "--field-selector", "involvedObject.kind=SequentialJob,involvedObject.name=floored,reason=RequestsAsWritten,type=Warning"]);
        Assert.Contains("below the minimum 100m", events, StringComparison.Ordinal);
        var pod = await PodAsync(ns, "floored");
        Assert.Equal("100m", pod["spec"]!["initContainers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("200m", pod["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_sequentialjobs_labels_and_annotations_reach_the_job_but_not_kubectls_or_the_operators()
    {
        var ns = cluster.Namespace("reserve-labels");
        var yaml = Chain("queued", [("one", 10)]).Replace(
            "metadata:\n  name: queued\n",
            "metadata:\n  name: queued\n  labels: {kueue.x-k8s.io/queue-name: team-a, cost-center: \"4711\"}\n  annotations: {team.example/owner: builds, kueueleuleu.io/sequentialjob: forged}\n",
            StringComparison.Ordinal);

        await cluster.Kubectl.ApplyAsync(ns, yaml);
        await WaitFinishedAsync(cluster.Kubectl, ns, "queued", Bound);

        var job = await cluster.Kubectl.GetJsonAsync(ns, "job/queued");
        var labels = job["metadata"]!["labels"]!;
        var annotations = job["metadata"]!["annotations"]!.AsObject();
        Assert.Equal("team-a", labels["kueue.x-k8s.io/queue-name"]!.GetValue<string>());
        Assert.Equal("4711", labels["cost-center"]!.GetValue<string>());
        Assert.Equal("kueueleuleu", labels["app.kubernetes.io/managed-by"]!.GetValue<string>());
        Assert.Equal("builds", annotations["team.example/owner"]!.GetValue<string>());
        Assert.False(annotations.ContainsKey("kueueleuleu.io/sequentialjob"));
        Assert.False(annotations.ContainsKey("kubectl.kubernetes.io/last-applied-configuration"));
        var template = job["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.False(template.ContainsKey("kueue.x-k8s.io/queue-name"), "the pod template's metadata stays as written");
    }

    private static long Milli(string cpu) => cpu.EndsWith('m')
        ? long.Parse(cpu[..^1], CultureInfo.InvariantCulture)
        : (long)(decimal.Parse(cpu, CultureInfo.InvariantCulture) * 1000);

    private static string Chain(string name, (string Name, long MilliCpu)[] steps, string? policy = null) =>
        Manifest(name, steps, policy, after: null);

    /// <summary>A SequentialJob whose steps request (and are limited to) the given CPU; chained unless <paramref name="after"/> says otherwise.</summary>
    private static string Manifest(string name, (string Name, long MilliCpu)[] steps, string? policy, IReadOnlyDictionary<string, string>? after)
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"apiVersion: kueueleuleu.io/v1alpha1\nkind: SequentialJob\nmetadata:\n  name: {name}\nspec:\n  backoffLimit: 0\n");
        if (policy is not null)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  requestsPolicy: {policy}\n");
        }

        if (after is not null)
        {
            yaml.Append("  steps:\n");
            foreach (var (step, list) in after)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - {{name: {step}, after: {list}}}\n");
            }
        }

        yaml.Append("  template:\n    spec:\n      restartPolicy: Never\n      terminationGracePeriodSeconds: 1\n      containers:\n");
        foreach (var (step, cpu) in steps)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - name: {step}\n        image: localhost/busybox:local\n        imagePullPolicy: IfNotPresent\n");
            yaml.Append(CultureInfo.InvariantCulture, $"        command: [sh, -c, 'echo {step}']\n");
            yaml.Append(CultureInfo.InvariantCulture, $"        resources: {{requests: {{cpu: {cpu}m, memory: 16Mi}}, limits: {{cpu: {cpu}m, memory: 64Mi}}}}\n");
        }

        return yaml.ToString();
    }

    private static string? Requested(JsonObject sjob, string resource) =>
        sjob["status"]?["reservation"]?["requests"]?[resource]?.GetValue<string>();

    private static string? RunReason(JsonObject sjob) => sjob["status"]?["reason"]?.GetValue<string>();

    private static string ConditionMessage(JsonObject sjob, string type) =>
        sjob["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == type)?["message"]?.GetValue<string>() ?? "";

    private async Task<JsonObject> PodAsync(string ns, string sequentialJob)
    {
        var list = await cluster.Kubectl.RunAsync(["-n", ns, "get", "pods", "-o", "json", "-l", $"kueueleuleu.io/sequentialjob={sequentialJob}"]);
        return JsonNode.Parse(list)!["items"]!.AsArray().Single()!.AsObject();
    }

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
}
