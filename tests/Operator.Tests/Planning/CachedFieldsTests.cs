using System.Text.Json.Nodes;
using Kueueleuleu.Operator.Planning;

namespace Kueueleuleu.Operator.Tests.Planning;

/// <summary>The caches' trimmed Jobs, Pods and Events must plan exactly like the objects the API server sent.</summary>
public sealed class CachedFieldsTests
{
    public static TheoryData<string> Scenarios() => [.. Scenario.All()];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Trimmed_objects_plan_like_whole_ones(string name)
    {
        var input = Scenario.Load(name).Input();
        var trimmed = input with
        {
            SequentialJob = Trimmed(input.SequentialJob, CachedFields.TrimSequentialJob),
            Job = input.Job is null ? null : Trimmed(input.Job, CachedFields.TrimJob),
            Pods = [.. input.Pods.Select(p => Trimmed(p, CachedFields.TrimPod))],
            JobEvents = [.. input.JobEvents.Select(e => Trimmed(e, CachedFields.TrimEvent))],
        };

        var whole = ReconcilePlanner.Plan(input);
        var fromCache = ReconcilePlanner.Plan(trimmed);
        if (fromCache.FetchSequentialJob)
        {
            // What the reconciler does: read the whole SequentialJob from the server and plan again.
            fromCache = ReconcilePlanner.Plan(trimmed with { SequentialJob = input.SequentialJob });
        }

        Assert.True(JsonNode.DeepEquals(whole.JobToCreate, fromCache.JobToCreate), "job to create");
        Assert.True(JsonNode.DeepEquals(whole.JobPatch, fromCache.JobPatch), $"job patch: {fromCache.JobPatch?.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(whole.Status, fromCache.Status), $"status:\n{whole.Status?.ToJsonString()}\n{fromCache.Status?.ToJsonString()}");
        Assert.Equal(whole.Events, fromCache.Events);
        Assert.Equal(whole.DeleteSequentialJob, fromCache.DeleteSequentialJob);
        Assert.Equal(whole.JobToDelete, fromCache.JobToDelete);
        Assert.Equal(whole.VerifyJobAbsence, fromCache.VerifyJobAbsence);
        Assert.Equal(whole.RequeueAfter, fromCache.RequeueAfter);
    }

    [Fact]
    public void An_event_keeps_what_it_is_about_why_what_it_says_and_when()
    {
        var e = World.Load("event-failed-create.json");
        var whole = e.DeepClone().AsObject();

        CachedFields.TrimEvent(e);

        Assert.Equal(
            ["involvedObject", "reason", "message", "type", "firstTimestamp", "lastTimestamp", "count", "metadata"],
            e.Select(kv => kv.Key));
        Assert.True(JsonNode.DeepEquals(whole["involvedObject"], e["involvedObject"]));
        Assert.Equal(whole["metadata"]!["name"]!.GetValue<string>(), e["metadata"]!["name"]!.GetValue<string>());
        Assert.Null(e["source"]);
    }

    [Fact]
    public void A_pod_keeps_metadata_status_and_the_step_containers_command_lines_only()
    {
        var job = World.Job("job-active.json", World.SequentialJob(null));
        var pod = World.Pod("pod-running.json", job);
        var whole = pod.DeepClone().AsObject();

        CachedFields.TrimPod(pod);

        Assert.True(JsonNode.DeepEquals(whole["metadata"], pod["metadata"]));
        Assert.True(JsonNode.DeepEquals(whole["status"], pod["status"]));
        Assert.Equal(["containers"], pod["spec"]!.AsObject().Select(kv => kv.Key));
        var containers = pod["spec"]!["containers"]!.AsArray();
        Assert.Equal(whole["spec"]!["containers"]!.AsArray().Count, containers.Count);
        Assert.All(containers, c => Assert.Subset(new HashSet<string> { "name", "command", "args" }, c!.AsObject().Select(kv => kv.Key).ToHashSet()));
        Assert.True(JsonNode.DeepEquals(whole["spec"]!["containers"]![0]!["args"], containers[0]!["args"]));
        Assert.Contains("initContainers", whole["spec"]!.AsObject().Select(kv => kv.Key));
        Assert.Contains("volumes", whole["spec"]!.AsObject().Select(kv => kv.Key));
    }

    [Fact]
    public void A_job_keeps_metadata_status_its_switches_and_the_templates_step_containers()
    {
        var job = World.Job("job-suspended.json", World.SequentialJob(null));
        var whole = job.DeepClone().AsObject();

        CachedFields.TrimJob(job);

        Assert.True(JsonNode.DeepEquals(whole["metadata"], job["metadata"]));
        Assert.True(JsonNode.DeepEquals(whole["status"], job["status"]));
        Assert.True(JsonNode.DeepEquals(whole["spec"]!["suspend"], job["spec"]!["suspend"]));
        Assert.True(JsonNode.DeepEquals(whole["spec"]!["backoffLimit"], job["spec"]!["backoffLimit"]));
        Assert.Null(job["spec"]!["template"]!["metadata"]);
        Assert.Equal(["containers"], job["spec"]!["template"]!["spec"]!.AsObject().Select(kv => kv.Key));
        Assert.NotNull(whole["spec"]!["template"]!["metadata"]);
        Assert.Contains("initContainers", whole["spec"]!["template"]!["spec"]!.AsObject().Select(kv => kv.Key));
    }

    [Fact]
    public void A_sequential_job_whose_job_is_recorded_keeps_the_live_spec_fields_and_the_fingerprint()
    {
        var whole = World.SequentialJob(JsonNode.Parse("""{"spec":{"ttlSecondsAfterFinished":30,"suspend":false},"status":{"jobName":"build-test-publish","phase":"Running"}}""")!.AsObject());
        whole["metadata"]!["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = whole.ToJsonString(), ["team"] = "ci" };
        var sequentialJob = whole.DeepClone().AsObject();

        CachedFields.TrimSequentialJob(sequentialJob);

        Assert.Equal(["suspend", "retention", "ttlSecondsAfterFinished", CachedSpec.Key], sequentialJob["spec"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(SpecFingerprint.Of(whole["spec"]!.AsObject()), sequentialJob["spec"]![CachedSpec.Key]!["hash"]!.GetValue<string>());
        Assert.Equal(["team"], sequentialJob["metadata"]!["annotations"]!.AsObject().Select(kv => kv.Key));
        Assert.True(JsonNode.DeepEquals(whole["status"], sequentialJob["status"]));
        Assert.True(SourceObject.Read(sequentialJob).SpecReadable);
    }

    [Fact]
    public void A_small_sequential_job_still_to_get_its_job_keeps_its_spec_and_a_large_one_does_not()
    {
        var small = World.SequentialJob();
        var large = World.SequentialJob();
        large["spec"]!["template"]!["spec"]!["containers"]![0]!["env"] = new JsonArray(new JsonObject { ["name"] = "BIG", ["value"] = new string('x', CachedFields.WholeSpecLimit) });
        var keptSmall = small.DeepClone().AsObject();
        var keptLarge = large.DeepClone().AsObject();

        CachedFields.TrimSequentialJob(keptSmall);
        CachedFields.TrimSequentialJob(keptLarge);

        Assert.True(JsonNode.DeepEquals(small, keptSmall));
        Assert.Null(keptLarge["spec"]!["template"]);
        Assert.True(ReconcilePlanner.Plan(World.Input(keptLarge, null, [], World.Time("2026-11-23T08:01:08Z"))).FetchSequentialJob);
        Assert.NotNull(ReconcilePlanner.Plan(World.Input(large, null, [], World.Time("2026-11-23T08:01:08Z"))).JobToCreate);
    }

    [Fact]
    public void An_unreadable_spec_is_fingerprinted_as_written_and_reported_after_an_edit()
    {
        var whole = World.SequentialJob(JsonNode.Parse("""{"metadata":{"generation":2},"spec":{"backoffLimit":"many"},"status":{"jobName":"build-test-publish","phase":"Running"}}""")!.AsObject());
        var sequentialJob = whole.DeepClone().AsObject();

        CachedFields.TrimSequentialJob(sequentialJob);

        Assert.Equal(SpecFingerprint.Of(whole["spec"]!.AsObject()), sequentialJob["spec"]![CachedSpec.Key]!["hash"]!.GetValue<string>());
        var built = World.BuiltJob(World.SequentialJob());
        var note = SpecChanges.Note(SourceObject.Read(sequentialJob), JobFacts.Read(built));
        Assert.NotNull(note);
    }

    private static JsonObject Trimmed(JsonObject obj, Action<JsonObject> trim)
    {
        var copy = obj.DeepClone().AsObject();
        trim(copy);
        return copy;
    }
}
