using System.Text.Json.Nodes;
using Kueueleuleu.Operator.Planning;

namespace Kueueleuleu.Operator.Tests.Planning;

public sealed class StatusBehaviourTests
{
    private static readonly DateTimeOffset Created = World.Time("2026-11-23T08:01:08.5Z");

    /// <summary>The SequentialJob after the reconciles that saw the Job created and its Pod running.</summary>
    private static (JsonObject SequentialJob, JsonObject Job, JsonObject Pod) Running(JsonObject? patch = null)
    {
        var sequentialJob = World.SequentialJob(patch);
        sequentialJob = World.Apply(sequentialJob, ReconcilePlanner.Plan(World.Input(sequentialJob, null, [], Created)));
        var job = World.Job("job-active.json", sequentialJob);
        var pod = World.Pod("pod-running.json", job);
        sequentialJob = World.Apply(sequentialJob, ReconcilePlanner.Plan(World.Input(sequentialJob, job, [pod], World.Time("2026-11-23T08:01:30.4Z"))));
        return (sequentialJob, job, pod);
    }

    private static JsonObject Condition(JsonObject status, string type) =>
        status["conditions"]!.AsArray().OfType<JsonObject>().Single(c => c["type"]!.GetValue<string>() == type);

    [Fact]
    public void Transition_times_stay_while_statuses_stay_and_change_when_they_flip()
    {
        var (sequentialJob, _, _) = Running();
        var before = sequentialJob["status"]!.AsObject();
        var complete = World.Job("job-complete.json", World.SequentialJob());
        var done = World.Pod("pod-succeeded.json", complete);

        var status = ReconcilePlanner.Plan(World.Input(sequentialJob, complete, [done], World.Time("2026-11-23T08:01:47.9Z"))).Status!;

        // Created at 08:01:08.5, the Job first read at 08:01:30.4: Reconciling stayed True throughout.
        Assert.Equal("2026-11-23T08:01:08Z", Condition(before, "Reconciling")["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("2026-11-23T08:01:08Z", Condition(status, "Failed")["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("2026-11-23T08:01:08Z", Condition(status, "Stalled")["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("2026-11-23T08:01:47Z", Condition(status, "Complete")["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("2026-11-23T08:01:47Z", Condition(status, "Reconciling")["lastTransitionTime"]!.GetValue<string>());
    }

    [Fact]
    public void A_status_write_carries_the_statuses_typed_for_the_run_record()
    {
        var (sequentialJob, _, _) = Running();
        var complete = World.Job("job-complete.json", World.SequentialJob());
        var done = World.Pod("pod-succeeded.json", complete);

        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, complete, [done], World.Time("2026-11-23T08:01:47.9Z")));

        // What the applier records as the finished run is exactly what is written, and the status it replaces.
        var change = Assert.IsType<StatusChange>(plan.StatusChange);
        Assert.True(JsonNode.DeepEquals(plan.Status, StatusCodec.Encode(change.Next)));
        Assert.True(JsonNode.DeepEquals(sequentialJob["status"], StatusCodec.Encode(change.Previous!)));
        Assert.Equal("Running", change.Previous!.Phase.ToString());
    }

    [Fact]
    public void No_status_write_carries_no_status_change()
    {
        var (sequentialJob, job, pod) = Running();

        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, job, [pod], World.Time("2026-11-23T08:01:31Z")));

        Assert.Null(plan.Status);
        Assert.Null(plan.StatusChange);
    }

    [Fact]
    public void A_new_generation_is_observed_in_the_status_and_every_condition()
    {
        var (sequentialJob, job, pod) = Running();
        var edited = MergePatch.Apply(sequentialJob, JsonNode.Parse("""{"metadata":{"generation":5},"spec":{"retention":{"ttlSecondsAfterFinished":60}}}""")!.AsObject());

        var plan = ReconcilePlanner.Plan(World.Input(edited, job, [pod], World.Time("2026-11-23T08:01:31Z")));

        Assert.Equal(5, plan.Status!["observedGeneration"]!.GetValue<long>());
        Assert.All(plan.Status["conditions"]!.AsArray(), c => Assert.Equal(5, c!["observedGeneration"]!.GetValue<long>()));
        // Retention is the SequentialJob's own: changing it needs no new Job, so nothing is reported as ignored.
        Assert.Equal("False", Condition(plan.Status, "Stalled")["status"]!.GetValue<string>());
        Assert.Empty(plan.Events);
    }

    [Fact]
    public void Toggling_suspend_patches_the_job_once_and_does_not_fight_another_controller()
    {
        var (sequentialJob, job, pod) = Running();
        var suspended = MergePatch.Apply(sequentialJob, JsonNode.Parse("""{"metadata":{"generation":2},"spec":{"suspend":true}}""")!.AsObject());

        var plan = ReconcilePlanner.Plan(World.Input(suspended, job, [pod], World.Time("2026-11-23T08:01:31Z")));

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"metadata":{"annotations":{"kueueleuleu.io/suspend":"true"}},"spec":{"suspend":true}}"""),
            plan.JobPatch));
        Assert.Equal("False", Condition(plan.Status!, "Stalled")["status"]!.GetValue<string>());

        // The patch recorded the value; a queueing controller resuming the Job (spec.suspend false) is left alone.
        var patched = MergePatch.Apply(job, JsonNode.Parse("""{"metadata":{"annotations":{"kueueleuleu.io/suspend":"true"}}}""")!.AsObject());
        Assert.Null(ReconcilePlanner.Plan(World.Input(suspended, patched, [pod], World.Time("2026-11-23T08:01:32Z"))).JobPatch);
    }

    [Fact]
    public void Pods_of_another_job_are_ignored()
    {
        var (sequentialJob, job, pod) = Running();
        var stranger = MergePatch.Apply(World.Pod("pod-failed.json", job), JsonNode.Parse("""
            {"metadata":{"name":"leftover-abcde","creationTimestamp":"2026-11-23T09:00:00Z",
             "ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"build-test-publish","uid":"0ld-j0b","controller":true}]}}
            """)!.AsObject());

        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, job, [stranger, pod], World.Time("2026-11-23T08:01:31Z")));

        Assert.Null(plan.Status);
        Assert.Empty(plan.Events);
    }

    [Fact]
    public void A_sequential_job_being_deleted_gets_nothing()
    {
        var sequentialJob = World.SequentialJob(JsonNode.Parse("""{"metadata":{"deletionTimestamp":"2026-11-23T08:05:00Z"}}""")!.AsObject());

        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, null, [], Created));

        Assert.True(plan.IsEmpty);
        Assert.Null(plan.RequeueAfter);
    }

    [Fact]
    public void A_job_the_status_records_but_the_cache_lacks_is_asked_for_never_created_again()
    {
        var sequentialJob = World.SequentialJob();
        var first = ReconcilePlanner.Plan(World.Input(sequentialJob, null, [], Created));
        var written = World.Apply(sequentialJob, first);

        var unconfirmed = ReconcilePlanner.Plan(World.Input(written, null, [], Created.AddSeconds(1)));
        var builtAgain = World.Job("job-new.json", sequentialJob);
        var found = ReconcilePlanner.Plan(World.Input(written, builtAgain, [], Created.AddSeconds(1)) with { JobAbsenceConfirmed = false });
        var confirmed = ReconcilePlanner.Plan(World.Input(written, null, [], Created.AddSeconds(1)) with { JobAbsenceConfirmed = true });

        Assert.NotNull(first.JobToCreate);
        Assert.True(unconfirmed.VerifyJobAbsence);
        Assert.Null(unconfirmed.JobToCreate);
        Assert.Null(unconfirmed.Status);
        Assert.Empty(unconfirmed.Events);
        Assert.False(found.VerifyJobAbsence);
        Assert.Null(found.JobToCreate);
        Assert.Null(confirmed.JobToCreate);
        Assert.Equal("Failed", confirmed.Status!["phase"]!.GetValue<string>());
    }

    [Fact]
    public void The_status_patch_removes_fields_the_new_status_no_longer_has()
    {
        var (sequentialJob, _, _) = Running();
        var complete = World.Job("job-complete.json", World.SequentialJob());
        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, complete, [World.Pod("pod-succeeded.json", complete)], World.Time("2026-11-23T08:01:47Z")));

        var patch = StatusPatch.Create(sequentialJob, plan.Status!);

        var body = patch["status"]!.AsObject();
        Assert.True(body.ContainsKey("currentStep"));
        Assert.Null(body["currentStep"]);
        Assert.Equal("Succeeded", body["phase"]!.GetValue<string>());
    }

    [Fact]
    public void Continued_failures_do_not_fail_the_run_and_are_warned_about()
    {
        var continued = JsonNode.Parse("""{"spec":{"steps":[{"name":"test","onError":"continue"}]}}""")!.AsObject();
        var (sequentialJob, _, _) = Running(continued);
        var complete = World.Job("job-complete.json", World.SequentialJob(continued));
        var pod = World.Pod("pod-failed.json", complete);
        var tolerated = MergePatch.Apply(pod, JsonNode.Parse("""{"status":{"phase":"Succeeded"}}""")!.AsObject());
        var statuses = tolerated["status"]!["containerStatuses"]!.AsArray();
        statuses[1]!["state"]!["terminated"]!["message"] = """{"step":"test","state":"continued","exitCode":3,"startedAt":"2026-11-23T08:01:25.5Z","finishedAt":"2026-11-23T08:01:32.75Z","message":"exited with code 3"}""";
        statuses[1]!["state"]!["terminated"]!["exitCode"] = 0;
        statuses[2] = pod["status"]!["containerStatuses"]![1]!.DeepClone();
        statuses[2]!["name"] = "publish";
        statuses[2]!["state"]!["terminated"]!["message"] = """{"step":"publish","state":"succeeded","exitCode":0,"startedAt":"2026-11-23T08:01:32.8Z","finishedAt":"2026-11-23T08:01:40Z","message":""}""";
        statuses[2]!["state"]!["terminated"]!["exitCode"] = 0;

        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, complete, [tolerated], World.Time("2026-11-23T08:01:47Z")));

        Assert.Equal("Succeeded", plan.Status!["phase"]!.GetValue<string>());
        Assert.Equal("True", Condition(plan.Status, "Complete")["status"]!.GetValue<string>());
        Assert.Contains(
            plan.Events,
            e => e is { Type: "Warning", Reason: "StepFailed" } && e.Message.StartsWith("step test failed with exit code 3; its dependants ran anyway", StringComparison.Ordinal));
        Assert.Equal("all 3 steps done in 36s: 2 succeeded, 1 failed", Condition(plan.Status, "Complete")["message"]!.GetValue<string>());
    }
}
