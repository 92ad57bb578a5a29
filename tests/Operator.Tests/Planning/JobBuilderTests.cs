using System.Text.Json.Nodes;
using Kueueleuleu.Operator.Planning;

namespace Kueueleuleu.Operator.Tests.Planning;

public sealed class JobBuilderTests
{
    private static JsonObject Job() => ReconcilePlanner.Plan(World.Input(World.SequentialJob(), null, [], World.Time("2026-11-23T08:01:08Z"))).JobToCreate!;

    [Fact]
    public void The_job_is_named_owned_labelled_and_annotated()
    {
        var metadata = Job()["metadata"]!;

        Assert.Equal("build-test-publish", metadata["name"]!.GetValue<string>());
        Assert.Equal("ci", metadata["namespace"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"apiVersion":"kueueleuleu.io/v1alpha1","kind":"SequentialJob","name":"build-test-publish","uid":"7f3c1a2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b","controller":true,"blockOwnerDeletion":true}]"""),
            metadata["ownerReferences"]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"app":"shop","kueueleuleu.io/sequentialjob":"build-test-publish","kueueleuleu.io/sequentialjob-uid":"7f3c1a2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b","app.kubernetes.io/managed-by":"kueueleuleu"}"""),
            metadata["labels"]));
        Assert.Equal("1", metadata["annotations"]!["kueueleuleu.io/source-generation"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{16}$", metadata["annotations"]!["kueueleuleu.io/spec-hash"]!.GetValue<string>());
    }

    [Fact]
    public void Job_spec_fields_pass_through_and_the_own_fields_stay_behind()
    {
        var spec = Job()["spec"]!.AsObject();

        Assert.Equal("Failed", spec["podReplacementPolicy"]!.GetValue<string>());
        Assert.Equal(1, spec["backoffLimit"]!.GetValue<int>());
        Assert.Equal(600, spec["activeDeadlineSeconds"]!.GetValue<long>());
        Assert.False(spec.ContainsKey("steps"));
        Assert.False(spec.ContainsKey("retention"));
    }

    [Fact]
    public void The_ttl_stays_with_the_operator_so_the_job_outlives_an_unrecorded_outcome()
    {
        var sequentialJob = World.SequentialJob(JsonNode.Parse("""{"spec":{"ttlSecondsAfterFinished":0}}""")!.AsObject());

        var spec = World.BuiltJob(sequentialJob)["spec"]!.AsObject();

        Assert.False(spec.ContainsKey("ttlSecondsAfterFinished"));
    }

    [Fact]
    public void The_whole_runs_debug_policy_reaches_every_step_that_sets_none()
    {
        var sequentialJob = World.SequentialJob(JsonNode.Parse("""{"spec":{"debug":"OnFailure","steps":[{"name":"test","debugTimeout":"10m"},{"name":"publish","debug":"Never"}]}}""")!.AsObject());

        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, null, [], World.Time("2026-11-23T08:01:08Z")));

        Assert.True(plan.JobToCreate is not null, plan.Status?.ToJsonString());
        var containers = plan.JobToCreate["spec"]!["template"]!["spec"]!["containers"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>());
        var args = containers.ToDictionary(c => c.Key, c => c.Value!["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList());
        Assert.Contains("--debug=on-failure", args["build"]);
        Assert.Contains("--debug=on-failure", args["test"]);
        Assert.Contains("--debug-timeout=10m", args["test"]);
        Assert.DoesNotContain("--debug=on-failure", args["publish"]);
        Assert.NotNull(containers["test"]!["readinessProbe"]);
        Assert.Null(containers["publish"]!["readinessProbe"]);
    }

    [Fact]
    public void The_template_is_converted_with_the_step_policies_and_keeps_its_metadata()
    {
        var template = Job()["spec"]!["template"]!;
        var containers = template["spec"]!["containers"]!.AsArray();

        Assert.Equal("kueueleuleu-init", template["spec"]!["initContainers"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("kueueleuleu/entrypoint:0.1.0", template["spec"]!["initContainers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal(
            ["run", "--step=test", "--after=build", "--on-error=stop", "--timeout=5m", "--termination-budget=3072", "--termination-log=/dev/termination-log", "--", "go", "test", "./..."],
            containers[1]!["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("500m", containers[0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"cluster-autoscaler.kubernetes.io/safe-to-evict":"false"}"""),
            template["metadata"]!["annotations"]), "the steps annotation only carried the policies into the converter");
        Assert.Equal("ci", template["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.Equal("kueueleuleu", template["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
        Assert.Equal("7f3c1a2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b", template["metadata"]!["labels"]!["kueueleuleu.io/sequentialjob-uid"]!.GetValue<string>());
    }

    [Fact]
    public void The_configured_entrypoint_image_is_injected()
    {
        var input = World.Input(World.SequentialJob(), null, [], World.Time("2026-11-23T08:01:08Z")) with
        {
            Settings = World.Settings with { EntrypointImage = "registry.example/kueueleuleu/entrypoint:9.9.9" },
        };

        var job = ReconcilePlanner.Plan(input).JobToCreate!;

        Assert.Equal("registry.example/kueueleuleu/entrypoint:9.9.9", job["spec"]!["template"]!["spec"]!["initContainers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void A_template_without_metadata_gets_only_the_labels()
    {
        var sequentialJob = World.SequentialJob(JsonNode.Parse("""{"spec":{"steps":null,"template":{"metadata":null}}}""")!.AsObject());

        var template = World.BuiltJob(sequentialJob)["spec"]!["template"]!.AsObject();

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"labels":{"kueueleuleu.io/sequentialjob":"build-test-publish","kueueleuleu.io/sequentialjob-uid":"7f3c1a2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b","app.kubernetes.io/managed-by":"kueueleuleu"}}"""),
            template["metadata"]));
    }

    [Theory]
    [InlineData("""{"spec":{"steps":[{"name":"test","after":["lint"]}]}}""", "spec.steps[0].after[0]")]
    [InlineData("""{"spec":{"steps":[{"name":"build","after":["publish"]}]}}""", "spec.steps[0].after")]
    [InlineData("""{"spec":{"selector":{"matchLabels":{"a":"b"}}}}""", "spec.selector")]
    [InlineData("""{"spec":{"template":{"metadata":{"annotations":{"kueueleuleu.io/steps":"[]"}}}}}""", "spec.template.metadata.annotations[kueueleuleu.io/steps]")]
    [InlineData("""{"spec":{"backoffLimit":"six"}}""", "spec.backoffLimit")]
    public void An_invalid_spec_gives_no_job_and_names_the_field(string patch, string path)
    {
        var sequentialJob = World.SequentialJob(JsonNode.Parse(patch)!.AsObject());

        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, null, [], World.Time("2026-11-23T08:01:08Z")));

        Assert.Null(plan.JobToCreate);
        var stalled = plan.Status!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Stalled")!;
        Assert.Equal("True", stalled["status"]!.GetValue<string>());
        Assert.Equal("InvalidSpec", stalled["reason"]!.GetValue<string>());
        Assert.True(stalled["message"]!.GetValue<string>().Contains(path + ":", StringComparison.Ordinal), stalled["message"]!.GetValue<string>());
        var warning = Assert.Single(plan.Events);
        Assert.Equal(("Warning", "InvalidSpec"), (warning.Type, warning.Reason));
        Assert.Equal("Pending", plan.Status["phase"]!.GetValue<string>());
    }

    [Fact]
    public void The_job_inherits_the_sequentialjobs_labels_and_annotations_but_not_kubectls_gitops_marks_or_the_operators()
    {
        var sequentialJob = World.SequentialJob(JsonNode.Parse("""
            {"metadata":{
              "labels":{"kueue.x-k8s.io/queue-name":"team-a","app.kubernetes.io/managed-by":"helm","kueueleuleu.io/sequentialjob":"forged","argocd.argoproj.io/instance":"ci","kustomize.toolkit.fluxcd.io/name":"apps"},
              "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}","team.example/owner":"builds","kueueleuleu.io/spec-hash":"forged","argocd.argoproj.io/tracking-id":"ci:kueueleuleu.io/SequentialJob:ci/build-test-publish"}}}
            """)!.AsObject());

        var metadata = World.BuiltJob(sequentialJob)["metadata"]!;

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"app":"shop","kueue.x-k8s.io/queue-name":"team-a","app.kubernetes.io/managed-by":"kueueleuleu","kueueleuleu.io/sequentialjob":"build-test-publish","kueueleuleu.io/sequentialjob-uid":"7f3c1a2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b"}"""),
            metadata["labels"]), metadata["labels"]!.ToJsonString());
        var annotations = metadata["annotations"]!.AsObject();
        Assert.Equal("builds", annotations["team.example/owner"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{16}$", annotations["kueueleuleu.io/spec-hash"]!.GetValue<string>());
        Assert.False(annotations.ContainsKey("kubectl.kubernetes.io/last-applied-configuration"));
        Assert.False(annotations.ContainsKey("argocd.argoproj.io/tracking-id"));
        Assert.False(World.BuiltJob(sequentialJob)["spec"]!["template"]!["metadata"]!["labels"]!.AsObject().ContainsKey("kueue.x-k8s.io/queue-name"));
    }

    [Fact]
    public void The_new_status_records_the_peak_the_pod_requests_and_the_sum_it_would_have()
    {
        var plan = ReconcilePlanner.Plan(World.Input(ThreeEqualSteps(), null, [], World.Time("2026-11-23T08:01:08Z")));

        var reservation = plan.Status!["reservation"]!;
        Assert.Equal("Peak", reservation["reason"]!.GetValue<string>());
        Assert.Equal("""{"cpu":"1","memory":"1Gi"}""", reservation["requests"]!.ToJsonString());
        Assert.Contains("as written it would request cpu 3, memory 3Gi", reservation["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("1", plan.JobToCreate!["spec"]!["template"]!["spec"]!["initContainers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public void As_written_by_policy_keeps_the_sum()
    {
        var sequentialJob = MergePatch.Apply(ThreeEqualSteps(), JsonNode.Parse("""{"spec":{"requestsPolicy":"AsWritten"}}""")!.AsObject());

        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, null, [], World.Time("2026-11-23T08:01:08Z")));

        Assert.Equal("AsWritten", plan.Status!["reservation"]!["reason"]!.GetValue<string>());
        Assert.Equal("""{"cpu":"3","memory":"3Gi"}""", plan.Status!["reservation"]!["requests"]!.ToJsonString());
        Assert.Equal("1", plan.JobToCreate!["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public void A_limit_range_minimum_falls_back_to_the_sum_with_a_warning_and_lifts_the_init_container()
    {
        var limitRange = JsonNode.Parse("""{"metadata":{"name":"floor"},"spec":{"limits":[{"type":"Container","min":{"cpu":"100m"}}]}}""")!.AsObject();
        var input = World.Input(ThreeEqualSteps(), null, [], World.Time("2026-11-23T08:01:08Z")) with { LimitRanges = [limitRange] };

        var plan = ReconcilePlanner.Plan(input);

        var reservation = plan.Status!["reservation"]!;
        Assert.Equal("LimitRange", reservation["reason"]!.GetValue<string>());
        Assert.Contains("LimitRange floor: container build would request cpu 0, below the minimum 100m", reservation["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var podSpec = plan.JobToCreate!["spec"]!["template"]!["spec"]!;
        Assert.Equal("100m", podSpec["initContainers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("1", podSpec["containers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        var warning = Assert.Single(plan.Events, e => e.Reason == "RequestsAsWritten");
        Assert.Equal("Warning", warning.Type);
    }

    [Fact]
    public void A_limit_range_default_counts_as_the_request_of_steps_that_set_none()
    {
        var limitRange = JsonNode.Parse("""{"metadata":{"name":"defaults"},"spec":{"limits":[{"type":"Container","defaultRequest":{"memory":"256Mi"}}]}}""")!.AsObject();
        var input = World.Input(World.SequentialJob(), null, [], World.Time("2026-11-23T08:01:08Z")) with { LimitRanges = [limitRange] };

        var plan = ReconcilePlanner.Plan(input);

        Assert.Equal("Peak", plan.Status!["reservation"]!["reason"]!.GetValue<string>());
        Assert.Equal("1Gi", plan.Status!["reservation"]!["requests"]!["memory"]!.GetValue<string>());
        Assert.Equal("0", plan.JobToCreate!["spec"]!["template"]!["spec"]!["containers"]![1]!["resources"]!["requests"]!["memory"]!.GetValue<string>());
    }

    [Fact]
    public void A_guaranteed_pod_keeps_the_sum_and_says_why()
    {
        var guaranteed = """{"requests":{"cpu":"1","memory":"1Gi"},"limits":{"cpu":"1","memory":"1Gi"}}""";
        var sequentialJob = WithResources(guaranteed, guaranteed, guaranteed);

        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, null, [], World.Time("2026-11-23T08:01:08Z")));

        Assert.Equal("Guaranteed", plan.Status!["reservation"]!["reason"]!.GetValue<string>());
        Assert.Equal("Normal", Assert.Single(plan.Events, e => e.Reason == "RequestsAsWritten").Type);
    }

    [Fact]
    public void The_reservation_stays_in_the_status_while_the_job_runs()
    {
        var sequentialJob = ThreeEqualSteps();
        var created = World.Apply(sequentialJob, ReconcilePlanner.Plan(World.Input(sequentialJob, null, [], World.Time("2026-11-23T08:01:08Z"))));
        var job = World.BuiltJob(sequentialJob);
        CachedFields.TrimJob(job);

        var plan = ReconcilePlanner.Plan(World.Input(created, job, [], World.Time("2026-11-23T08:01:09Z")));

        var status = plan.Status ?? created["status"]!.AsObject();
        Assert.Equal("Peak", status["reservation"]!["reason"]!.GetValue<string>());
    }

    private static JsonObject ThreeEqualSteps()
    {
        var step = """{"requests":{"cpu":"1","memory":"1Gi"}}""";
        return WithResources(step, step, step);
    }

    private static JsonObject WithResources(params string[] resources)
    {
        var sequentialJob = World.SequentialJob();
        var containers = sequentialJob["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        for (var i = 0; i < containers.Count; i++)
        {
            containers[i]!["resources"] = JsonNode.Parse(resources[i]);
        }

        return sequentialJob;
    }
}
