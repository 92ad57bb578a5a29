using System.Text.Json.Nodes;
using Kueueleuleu.Operator.Planning;
using Kueueleuleu.Operator.Planning.Images;
using Kueueleuleu.StepProtocol.ImageCommands;

namespace Kueueleuleu.Operator.Tests.Planning;

/// <summary>A step without command waits for its image to be looked up; nothing is created before every command is known.</summary>
public sealed class ImagePlanningTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly ImageKey Golang = new("golang:1.23", "linux/amd64");

    [Fact]
    public void While_the_image_is_looked_up_the_run_is_pending_and_says_so()
    {
        var plan = Plan(new Dictionary<ImageKey, ImageLookupState>());

        Assert.Null(plan.JobToCreate);
        Assert.Equal("ResolvingImages", plan.Status!["reason"]!.GetValue<string>());
        Assert.Contains("step build (golang:1.23 (linux/amd64))", Message(plan, "Reconciling"), StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Events, e => e.Type == "Warning");
    }

    [Fact]
    public void A_failed_lookup_names_step_image_and_what_was_tried_warns_and_comes_back()
    {
        var failed = new ImageLookupState.Failed("image golang:1.23: unreachable: GET https://registry-1.docker.io/v2/library/golang/manifests/1.23: connection refused (tried 4 times)", TimeSpan.FromSeconds(10));

        var plan = Plan(new Dictionary<ImageKey, ImageLookupState> { [Golang] = failed });

        Assert.Null(plan.JobToCreate);
        Assert.Equal("ImageLookupFailed", plan.Status!["reason"]!.GetValue<string>());
        Assert.Contains("step build: image golang:1.23: unreachable: GET https://registry-1.docker.io", Message(plan, "Reconciling"), StringComparison.Ordinal);
        Assert.Equal("Warning", Assert.Single(plan.Events, e => e.Reason == "ImageLookupFailed").Type);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.RequeueAfter);
    }

    [Fact]
    public void An_image_with_nothing_to_run_is_a_lookup_failure_looked_at_again()
    {
        var plan = Plan(new Dictionary<ImageKey, ImageLookupState> { [Golang] = new ImageLookupState.Resolved(new ImageFacts(null, null, null)) });

        Assert.Null(plan.JobToCreate);
        Assert.Equal("ImageLookupFailed", plan.Status!["reason"]!.GetValue<string>());
        Assert.Contains("neither ENTRYPOINT nor CMD", Message(plan, "Reconciling"), StringComparison.Ordinal);
        Assert.Equal(ImageGate.LookAgain, plan.RequeueAfter);
    }

    [Fact]
    public void Once_known_the_job_runs_the_images_command_pinned_to_its_digest()
    {
        var facts = new ImageFacts(["/usr/local/go/bin/go"], ["version"], $"docker.io/library/golang@{Digest}");

        var plan = Plan(new Dictionary<ImageKey, ImageLookupState> { [Golang] = new ImageLookupState.Resolved(facts) });

        var step = plan.JobToCreate!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal($"docker.io/library/golang@{Digest}", step["image"]!.GetValue<string>());
        var args = step["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal(["/usr/local/go/bin/go", "version"], args.Skip(args.IndexOf("--") + 1));
    }

    [Fact]
    public void A_pod_that_may_run_on_several_architectures_is_an_invalid_spec_naming_the_field()
    {
        var sequentialJob = World.SequentialJob(JsonNode.Parse("""
            {"spec":{"steps":null,"template":{"spec":{"containers":[{"name":"build","image":"golang:1.23"}],
              "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"kubernetes.io/arch","operator":"In","values":["arm64","amd64"]}]}]}}}}}}}
            """)!.AsObject());

        var plan = ReconcilePlanner.Plan(World.Input(sequentialJob, null, [], World.Time("2026-11-23T08:01:08Z")));

        Assert.Equal("InvalidSpec", plan.Status!["reason"]!.GetValue<string>());
        Assert.Contains("spec.template.spec.affinity", Message(plan, "Stalled"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_platform_comes_from_the_pods_node_selector()
    {
        var template = JsonNode.Parse("""{"spec":{"nodeSelector":{"kubernetes.io/arch":"arm64"},"containers":[{"name":"build","image":"golang:1.23"}]}}""")!.AsObject();

        var (needs, error) = ImageNeeds.Of(template, "linux/amd64");

        Assert.Null(error);
        Assert.Equal(new ImageKey("golang:1.23", "linux/arm64/v8"), Assert.Single(needs).Key);
    }

    private static ReconcilePlan Plan(IReadOnlyDictionary<ImageKey, ImageLookupState> states)
    {
        var sequentialJob = World.SequentialJob(JsonNode.Parse("""
            {"spec":{"steps":null,"template":{"spec":{"containers":[{"name":"build","image":"golang:1.23"}]}}}}
            """)!.AsObject());
        return ReconcilePlanner.Plan(World.Input(sequentialJob, null, [], World.Time("2026-11-23T08:01:08Z")) with { Images = states });
    }

    private static string Message(ReconcilePlan plan, string type) =>
        plan.Status!["conditions"]!.AsArray().First(c => c!["type"]!.GetValue<string>() == type)!["message"]!.GetValue<string>();
}
