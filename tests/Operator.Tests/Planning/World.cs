using System.Globalization;
using System.Text.Json.Nodes;
using Kueueleuleu.Operator.Planning;

namespace Kueueleuleu.Operator.Tests.Planning;

/// <summary>Builds planner inputs from the fixtures: the SequentialJob, the Job the operator made of it, its Pods.</summary>
internal static class World
{
    public static readonly ReconcileSettings Settings = ReconcileSettings.Default;

    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Reconciliation", name)))!.AsObject();

    public static JsonObject SequentialJob(JsonObject? patch = null) => MergePatch.Apply(Load("sequentialjob.json"), patch);

    public static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The Job the planner builds for <paramref name="sequentialJob"/> (status ignored), before the server touches it.</summary>
    public static JsonObject BuiltJob(JsonObject sequentialJob)
    {
        var fresh = sequentialJob.DeepClone().AsObject();
        fresh.Remove("status");
        var source = SourceObject.Read(fresh);
        var (job, _, errors) = JobBuilder.Build(source, source.Spec!, Settings, []);
        Assert.Empty(errors);
        return job!;
    }

    /// <summary>A Job fixture: a whole Job (with a kind), or a merge patch onto the Job built for the SequentialJob.</summary>
    public static JsonObject Job(string fixture, JsonObject sequentialJob)
    {
        var patch = Load(fixture);
        return patch.ContainsKey("kind") ? patch : MergePatch.Apply(BuiltJob(sequentialJob), patch);
    }

    /// <summary>A Pod fixture (metadata and status) with the Job's pod template as its spec.</summary>
    public static JsonObject Pod(string fixture, JsonObject job)
    {
        var pod = Load(fixture);
        var spec = job["spec"]!["template"]!["spec"]!.DeepClone().AsObject();
        spec["nodeName"] = "kind-control-plane";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = pod["metadata"]!.DeepClone(),
            ["spec"] = spec,
            ["status"] = pod["status"]!.DeepClone(),
        };
    }

    public static ReconcileInput Input(JsonObject sequentialJob, JsonObject? job, IEnumerable<JsonObject> pods, DateTimeOffset now) =>
        new(sequentialJob, job, [.. pods], now, Settings);

    /// <summary>What the reconciler does with a plan's status: the SequentialJob now carries it.</summary>
    public static JsonObject Apply(JsonObject sequentialJob, ReconcilePlan plan)
    {
        var copy = sequentialJob.DeepClone().AsObject();
        if (plan.Status is not null)
        {
            copy["status"] = plan.Status.DeepClone();
        }

        return copy;
    }
}
