using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Status;
using Kueueleuleu.EndToEnd.Tests.Support;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Cluster;

/// <summary>
/// Converted Pods, Jobs and CronJobs run on a real kubelet: the order shows in the kubelet's own container
/// times and in what the step-status reader makes of the Pod. KUEUELEULEU_CAPTURE_DIR captures the Pods.
/// </summary>
[Collection(SharedCluster.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class ConvertedWorkloadTests(LocalCluster cluster)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_converted_Pod_runs_its_steps_in_order_on_the_kubelet()
    {
        await cluster.ApplyAsync(await CliProcess.ConvertToJsonAsync(Manifests.PathOf("cluster-pod.yaml")));
        var pod = await FinishedPodAsync(async () => await cluster.GetAsync("pod", "ordered"));

        AssertKubeletOrder(pod);
        var steps = await ReadAndCaptureAsync("cluster-ordered", pod);
        Assert.All(steps, s => Assert.Equal(StepState.Succeeded, s.State));
        AssertStepOrder(steps);
        var logs = (await LocalCluster.KubectlAsync("logs", "ordered", "-c", "two", "-n", cluster.Namespace)).EnsureSuccess();
        Assert.Contains("two done", logs.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_converted_Job_whose_step_fails_skips_the_rest_and_fails()
    {
        await cluster.ApplyAsync(await CliProcess.ConvertToJsonAsync(Manifests.PathOf("cluster-job-failure.yaml")));
        var pod = await FinishedPodAsync(async () => await SinglePodAsync("job-name=failing"));

        Assert.Equal("Failed", (string?)pod["status"]!["phase"]);
        Assert.Equal([0, 3, 125], KubeletExitCodes(pod));
        var steps = await ReadAndCaptureAsync("cluster-failing", pod);
        Assert.Equal([StepState.Succeeded, StepState.Failed, StepState.Skipped], steps.Select(s => s.State));
        Assert.Equal(3, steps[1].ExitCode);
        await Eventually.ThatAsync(
            async () => (await cluster.GetAsync("job", "failing"))["status"]?["failed"]?.GetValue<int>() == 1,
            RunTimeout, "Job failing to count its failed Pod");
    }

    [Fact]
    public async Task A_converted_v1beta1_CronJob_runs_its_steps_in_order()
    {
        await cluster.ApplyAsync(await CliProcess.ConvertToJsonAsync(Manifests.PathOf("cluster-cronjob.yaml")));
        try
        {
            // The schedule is every minute: the first run starts within one.
            var pod = await FinishedPodAsync(async () => await SinglePodAsync("app=nightly"), TimeSpan.FromMinutes(4));

            Assert.Equal("Succeeded", (string?)pod["status"]!["phase"]);
            AssertKubeletOrder(pod);
            var steps = await ReadAndCaptureAsync("cluster-nightly", pod);
            Assert.All(steps, s => Assert.Equal(StepState.Succeeded, s.State));
            AssertStepOrder(steps);
        }
        finally
        {
            await LocalCluster.KubectlAsync("delete", "cronjob", "nightly", "-n", cluster.Namespace);
        }
    }

    private async Task<JsonObject?> SinglePodAsync(string selector) =>
        (await cluster.ListAsync("pods", selector)).FirstOrDefault()?.AsObject();

    private static async Task<JsonObject> FinishedPodAsync(Func<Task<JsonObject?>> read, TimeSpan? timeout = null)
    {
        JsonObject? pod = null;
        await Eventually.ThatAsync(
            async () =>
            {
                pod = await read();
                return (string?)pod?["status"]?["phase"] is "Succeeded" or "Failed";
            },
            timeout ?? RunTimeout,
            "the Pod to finish");
        return pod!;
    }

    private static IEnumerable<JsonObject> Terminated(JsonObject pod)
    {
        var statuses = pod["status"]!["containerStatuses"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => s!);
        return pod["spec"]!["containers"]!.AsArray()
            .Select(c => statuses[(string)c!["name"]!]["state"]!["terminated"]!.AsObject());
    }

    private static List<int> KubeletExitCodes(JsonObject pod) =>
        Terminated(pod).Select(t => (int)t["exitCode"]!).ToList();

    /// <summary>Each step runs over a second, so even second-granular kubelet finish times must increase.</summary>
    private static void AssertKubeletOrder(JsonObject pod)
    {
        var finished = Terminated(pod).Select(t => DateTimeOffset.Parse((string)t["finishedAt"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (var i = 1; i < finished.Count; i++)
        {
            Assert.True(finished[i] > finished[i - 1], $"container {i} finished at {finished[i]:O}, not after container {i - 1} ({finished[i - 1]:O})");
        }
    }

    private static void AssertStepOrder(IReadOnlyList<StepStatus> steps)
    {
        for (var i = 1; i < steps.Count; i++)
        {
            Assert.True(steps[i].StartedAt >= steps[i - 1].FinishedAt, $"{steps[i].Name} started before {steps[i - 1].Name} finished");
        }
    }

    private static async Task<IReadOnlyList<StepStatus>> ReadAndCaptureAsync(string name, JsonObject pod)
    {
        var steps = StepStatusReader.Read(pod);
        await FixtureCapture.WriteAsync(name, pod, steps);
        return steps;
    }
}
