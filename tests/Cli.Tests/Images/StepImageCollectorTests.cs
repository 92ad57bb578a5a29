using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Images;
using Kueueleuleu.StepProtocol;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Images;

/// <summary>
/// Which steps are looked up: the containers without command of the pod templates the converter converts. The table is
/// checked against the converter itself, whose error for a step without command must be at exactly the paths collected.
/// </summary>
public sealed class StepImageCollectorTests
{
    private const string Containers = "containers: [{name: a, image: img-a}, {name: b, image: img-b, command: [x]}, {name: c, image: img-c, command: null}, {name: d}]";

    public static TheoryData<string, string[]> Manifests() => new()
    {
        { $"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec: {{restartPolicy: Never, initContainers: [{{name: i, image: img-i}}], {Containers}}}\n", ["spec.containers[0]", "spec.containers[2]", "spec.containers[3]"] },
        { $"apiVersion: v1\nkind: PodTemplate\nmetadata: {{name: t}}\ntemplate: {{spec: {{restartPolicy: Never, {Containers}}}}}\n", ["template.spec.containers[0]", "template.spec.containers[2]", "template.spec.containers[3]"] },
        { $"apiVersion: batch/v1\nkind: Job\nmetadata: {{name: j}}\nspec: {{template: {{spec: {{restartPolicy: Never, {Containers}}}}}}}\n", ["spec.template.spec.containers[0]", "spec.template.spec.containers[2]", "spec.template.spec.containers[3]"] },
        { $"apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {{name: c}}\nspec: {{schedule: '* * * * *', jobTemplate: {{spec: {{template: {{spec: {{restartPolicy: Never, {Containers}}}}}}}}}}}\n", ["spec.jobTemplate.spec.template.spec.containers[0]", "spec.jobTemplate.spec.template.spec.containers[2]", "spec.jobTemplate.spec.template.spec.containers[3]"] },
        { $"apiVersion: v1\nkind: List\nitems:\n- {{apiVersion: v1, kind: ConfigMap, metadata: {{name: m}}}}\n- {{apiVersion: v1, kind: Pod, metadata: {{name: p}}, spec: {{restartPolicy: Never, {Containers}}}}}\n", ["items[1].spec.containers[0]", "items[1].spec.containers[2]", "items[1].spec.containers[3]"] },
        { $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: d}}\nspec: {{template: {{spec: {{{Containers}}}}}}}\n", [] },
        { $"apiVersion: batch/v2\nkind: Job\nmetadata: {{name: j}}\nspec: {{template: {{spec: {{restartPolicy: Never, {Containers}}}}}}}\n", [] },
    };

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Collects_the_steps_the_converter_cannot_wrap_without_their_image(string yaml, string[] expected)
    {
        var manifest = Codec.ReadOne(yaml).AsObject();

        var steps = StepImageCollector.Collect(manifest).SelectMany(t => t.Steps).ToList();

        Assert.Equal(expected, steps.Select(s => s.Path));
        // The converter, told nothing about images, refuses exactly these steps, at their command.
        var refused = ManifestConverter.Convert(manifest, new ConversionOptions()).Errors
            .Where(e => e.Message.Contains("runs is not known here", StringComparison.Ordinal))
            .Select(e => e.Path);
        Assert.Equal(steps.Select(s => s.CommandPath), refused);
        if (expected.Length > 0)
        {
            // The image as written; a step without image is collected too (the converter reports it).
            Assert.Equal(["img-a", "img-c", null], steps.Select(s => s.Image));
        }
    }

    [Fact]
    public void A_spec_is_found_with_its_path_for_the_platform_choice()
    {
        var manifest = JsonNode.Parse("""{"apiVersion": "batch/v1", "kind": "Job", "spec": {"template": {"spec": {"nodeSelector": {"kubernetes.io/arch": "arm64"}, "containers": [{"name": "a", "image": "x"}]}}}}""")!.AsObject();

        var template = Assert.Single(StepImageCollector.Collect(manifest));

        Assert.Equal("spec.template.spec", template.SpecPath);
        Assert.Same(manifest["spec"]!["template"]!["spec"], template.Spec);
    }
}
