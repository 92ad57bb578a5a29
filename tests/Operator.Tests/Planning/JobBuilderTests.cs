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
            JsonNode.Parse("""{"kueueleuleu.io/sequentialjob":"build-test-publish","kueueleuleu.io/sequentialjob-uid":"7f3c1a2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b","app.kubernetes.io/managed-by":"kueueleuleu"}"""),
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
    public void The_template_is_converted_with_the_step_policies_and_keeps_its_metadata()
    {
        var template = Job()["spec"]!["template"]!;
        var containers = template["spec"]!["containers"]!.AsArray();

        Assert.Equal("kueueleuleu-init", template["spec"]!["initContainers"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("kueueleuleu/entrypoint:0.1.0", template["spec"]!["initContainers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal(
            ["run", "--step=test", "--after=build", "--on-error=stop", "--timeout=5m", "--termination-log=/dev/termination-log", "--", "go", "test", "./..."],
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
    [InlineData("""{"spec":{"steps":null,"template":{"spec":{"containers":[{"name":"build","image":"golang:1.23"}]}}}}""", "spec.template.spec.containers[0].command")]
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
}
