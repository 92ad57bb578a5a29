using System.Text.Json.Nodes;

namespace Kueueleuleu.Benchmarks;

/// <summary>SequentialJobs for the operator benchmark, as one JSON List per kubectl call.</summary>
internal static class BenchManifests
{
    /// <summary>
    /// A node label no node has. The single node admits only ~110 Pods, so the many-object measurements give their Pods
    /// this selector: every Job and Pod is created and cached, and the Pods stay Pending (unschedulable) instead of
    /// queueing for node capacity and running.
    /// </summary>
    public const string UnschedulableLabel = "kueueleuleu.io/benchmark-node";

    /// <summary>Two steps that never run: the Pod stays Pending.</summary>
    public static JsonObject Pending(string name) => Pending(name, 2);

    /// <summary><paramref name="steps"/> steps that never run on the node: the Pod stays Pending unless its status is written.</summary>
    public static JsonObject Pending(string name, int steps) => SequentialJob(name, steps, _ => "sleep 3600", new JsonObject { [UnschedulableLabel] = "none" });

    /// <summary>Steps of <c>sleep 0.5</c> that run on the node.</summary>
    public static JsonObject Sleeping(string name, int steps) => SequentialJob(name, steps, _ => "sleep 0.5", null);

    /// <summary>Steps that each run <c>sleep</c> for <paramref name="seconds"/> on the node.</summary>
    public static JsonObject SleepingFor(string name, int steps, int seconds) => SequentialJob(name, steps, _ => $"sleep {seconds}", null);

    /// <summary>
    /// A first step that sleeps <paramref name="headStart"/>, long enough for the kubelet to start every other
    /// container (they then wait on the entrypoint), followed by no-op steps: their hand-offs are the entrypoint's alone.
    /// </summary>
    public static JsonObject HeadStart(string name, int steps, TimeSpan headStart) =>
        SequentialJob(name, steps, i => i == 1 ? $"sleep {headStart.TotalSeconds:0}" : "true", null);

    /// <summary>
    /// A SequentialJob of about <paramref name="bytes"/>, nearly all of it a step's environment (annotations may hold only
    /// 256 KiB, so an object this large is made with <c>kubectl create</c> or server-side apply, not client-side apply).
    /// Its two steps wait for each other, so the operator finds the spec invalid and creates no Job: only the
    /// SequentialJob is cached.
    /// </summary>
    public static JsonObject Large(string name, int bytes)
    {
        var sequentialJob = SequentialJob(name, 2, _ => "true", null);
        sequentialJob["spec"]!["steps"] = new JsonArray(
            new JsonObject { ["name"] = "step1", ["after"] = new JsonArray("step2") },
            new JsonObject { ["name"] = "step2", ["after"] = new JsonArray("step1") });
        var size = sequentialJob.ToJsonString().Length + 40;
        sequentialJob["spec"]!["template"]!["spec"]!["containers"]![0]!["env"] = new JsonArray(new JsonObject { ["name"] = "PAYLOAD", ["value"] = new string('x', bytes - size) });
        return sequentialJob;
    }

    /// <summary>The objects split into <paramref name="chunks"/> List documents, one per parallel <c>kubectl create</c>.</summary>
    public static IEnumerable<string> Lists(IReadOnlyList<JsonObject> items, int chunks) =>
        items.Select((item, i) => (item, i))
            .GroupBy(x => x.i % chunks, x => x.item)
            .Select(g => new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. g]) }.ToJsonString());

    private static JsonObject SequentialJob(string name, int steps, Func<int, string> script, JsonObject? nodeSelector)
    {
        var containers = new JsonArray();
        for (var i = 1; i <= steps; i++)
        {
            containers.Add(new JsonObject
            {
                ["name"] = $"step{i}",
                ["image"] = "localhost/busybox:local",
                ["imagePullPolicy"] = "Never",
                ["command"] = new JsonArray("sh", "-c", script(i)),
            });
        }

        var podSpec = new JsonObject { ["restartPolicy"] = "Never", ["terminationGracePeriodSeconds"] = 1, ["containers"] = containers };
        if (nodeSelector is not null)
        {
            podSpec["nodeSelector"] = nodeSelector;
        }

        return new JsonObject
        {
            ["apiVersion"] = "kueueleuleu.io/v1alpha1",
            ["kind"] = "SequentialJob",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["backoffLimit"] = 0, ["template"] = new JsonObject { ["spec"] = podSpec } },
        };
    }
}
