using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Policies;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>
/// The typed entry point must convert a template exactly as a raw manifest carrying the same policies in its
/// annotation is converted, without reading or writing the annotation, and report errors in the caller's terms.
/// </summary>
public sealed class StepTemplateConverterTests
{
    private static readonly ConversionOptions Defaults = new();

    private static JsonObject Template(string metadata = """{"labels":{"app":"x"}}""") => Fixtures.Parse(
        "{\"metadata\":" + metadata + ",\"spec\":{\"containers\":["
        + """{"name":"build","command":["make"]},{"name":"test","command":["make","test"]},{"name":"lint","command":["lint"]}"""
        + "]}}").AsObject();

    [Fact]
    public void Typed_policies_give_the_spec_the_annotation_gives()
    {
        const string Policies = """[{"name":"lint","after":["build"],"onError":"continue","timeout":"90s"},{"name":"test","after":[]}]""";
        var annotated = Template("{\"annotations\":{\"kueueleuleu.io/steps\":" + JsonValue.Create(Policies).ToJsonString() + "}}");
        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = annotated["metadata"]!.DeepClone(), ["spec"] = annotated["spec"]!.DeepClone() };
        var viaAnnotation = ManifestConverter.Convert(pod, Defaults);

        var typed = StepTemplateConverter.Convert(
            Template(), "spec.template", [new("lint", ["build"], OnErrorPolicy.Continue, "90s"), new("test", [])], "spec.steps", Defaults);

        Assert.True(viaAnnotation.Succeeded);
        Assert.True(typed.Succeeded);
        Assert.Equal(Fixtures.Text(viaAnnotation.Document!["spec"]), Fixtures.Text(typed.Document!["spec"]));
    }

    [Fact]
    public void Leaves_the_metadata_and_the_input_as_written()
    {
        var input = Template("""{"labels":{"app":"x"},"annotations":{"note":"kept"}}""");
        var before = Fixtures.Text(input);

        var result = StepTemplateConverter.Convert(input, "spec.template", [new("test", [])], "spec.steps", Defaults);

        Assert.True(result.Succeeded);
        Assert.Equal(before, Fixtures.Text(input));
        Assert.True(JsonNode.DeepEquals(input["metadata"], result.Document!["metadata"]));
        Assert.NotEqual(Fixtures.Text(input["spec"]), Fixtures.Text(result.Document!["spec"]));
    }

    [Fact]
    public void Reports_policy_and_template_errors_at_the_callers_paths()
    {
        var input = Template();
        input["spec"]!["containers"]![2]!["command"] = null;

        var result = StepTemplateConverter.Convert(input, "spec.template", [new("test", ["deploy"])], "spec.steps", Defaults);

        Assert.Null(result.Document);
        Assert.Contains(result.Errors, e => e.Path == "spec.steps[0].after[0]" && e.Message.StartsWith("'deploy' is not a step", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Path.StartsWith("spec.template.spec.containers[2]", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Errors, e => e.Path.Contains("annotations", StringComparison.Ordinal));
    }

    [Fact]
    public void The_runs_debug_default_and_new_policies_give_the_spec_the_annotations_give()
    {
        const string Policies = """[{"name":"test","retries":2,"retryBackoff":"3s","debugTimeout":"20m"},{"name":"lint","after":["test"],"when":"Always","debug":"Never"}]""";
        var annotated = Template("{\"annotations\":{\"kueueleuleu.io/debug\":\"OnFailure\",\"kueueleuleu.io/steps\":" + JsonValue.Create(Policies).ToJsonString() + "}}");
        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = annotated["metadata"]!.DeepClone(), ["spec"] = annotated["spec"]!.DeepClone() };
        var viaAnnotation = ManifestConverter.Convert(pod, Defaults);

        var typed = StepTemplateConverter.Convert(
            Template(),
            "spec.template",
            [new("test", Retries: 2, RetryBackoff: "3s", DebugTimeout: "20m"), new("lint", ["test"], When: StepCondition.Always, Debug: DebugPolicy.Never)],
            "spec.steps",
            Defaults,
            DebugPolicy.OnFailure);

        Assert.True(viaAnnotation.Succeeded, string.Join("\n", viaAnnotation.Errors));
        Assert.True(typed.Succeeded, string.Join("\n", typed.Errors));
        Assert.Equal(Fixtures.Text(viaAnnotation.Document!["spec"]), Fixtures.Text(typed.Document!["spec"]));
        var probed = typed.Document!["spec"]!["containers"]!.AsArray().Where(c => c!["readinessProbe"] is not null).Select(c => (string)c!["name"]!);
        Assert.Equal(["build", "test"], probed);
    }

    [Fact]
    public void A_readiness_probe_on_a_step_held_by_the_runs_default_is_reported_at_the_container()
    {
        var input = Template();
        input["spec"]!["containers"]![1]!["readinessProbe"] = new JsonObject { ["exec"] = new JsonObject { ["command"] = new JsonArray("true") } };

        var result = StepTemplateConverter.Convert(input, "spec.template", null, "spec.steps", Defaults, DebugPolicy.OnFailure);

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.template.spec.containers[1].readinessProbe", error.Path);
        Assert.StartsWith("step 'test' is held for debugging when it fails (debug: OnFailure)", error.Message, StringComparison.Ordinal);
        Assert.True(StepTemplateConverter.Convert(input, "spec.template", [new("test", Debug: DebugPolicy.Never)], "spec.steps", Defaults, DebugPolicy.OnFailure).Succeeded);
    }
}
