using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.ImageCommands;

namespace Kueueleuleu.StepProtocol.Tests.ImageCommands;

/// <summary>Steps without <c>command</c> run what their image runs, as the kubelet would, once the image is known.</summary>
public sealed class ImageCommandConversionTests
{
    private const string Pinned = "registry.example/team/build@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(null, "/bin/echo|entry|cmd")]
    [InlineData("""["mine","$(HOME)"]""", "/bin/echo|entry|mine|$(HOME)")]
    public void The_images_entrypoint_runs_with_the_steps_args_or_else_its_cmd(string? args, string argv)
    {
        var step = new JsonObject { ["name"] = "build", ["image"] = "registry.example/team/build:1" };
        if (args is not null)
        {
            step["args"] = JsonNode.Parse(args);
        }

        var converted = Convert(step, new ImageFacts(["/bin/echo", "entry"], ["cmd"], null));

        Assert.Equal(argv.Split('|'), Original(converted));
        Assert.Equal("registry.example/team/build:1", converted["image"]!.GetValue<string>());
    }

    [Fact]
    public void Dollar_signs_from_the_image_are_escaped_so_the_kubelet_leaves_them_alone()
    {
        var converted = Convert(
            new JsonObject { ["name"] = "build", ["image"] = "registry.example/team/build:1" },
            new ImageFacts(["/bin/sh", "-c"], ["echo $(HOME) $$"], null));

        Assert.Equal(["/bin/sh", "-c", "echo $$(HOME) $$$$"], Original(converted));
    }

    [Fact]
    public void The_image_is_pinned_to_the_digest_that_was_looked_up()
    {
        var converted = Convert(
            new JsonObject { ["name"] = "build", ["image"] = "registry.example/team/build:1" },
            new ImageFacts(null, ["/bin/make"], Pinned));

        Assert.Equal(Pinned, converted["image"]!.GetValue<string>());
        Assert.Equal(["/bin/make"], Original(converted));
    }

    [Fact]
    public void A_step_with_a_command_is_not_looked_up_nor_pinned()
    {
        var converted = Convert(
            new JsonObject { ["name"] = "build", ["image"] = "registry.example/team/build:1", ["command"] = new JsonArray("make") },
            new ImageFacts(["/bin/echo"], null, Pinned));

        Assert.Equal(["make"], Original(converted));
        Assert.Equal("registry.example/team/build:1", converted["image"]!.GetValue<string>());
    }

    [Fact]
    public void An_image_without_entrypoint_or_cmd_is_an_error_naming_the_step_and_image()
    {
        var result = ManifestConverter.Convert(
            Pod(new JsonObject { ["name"] = "build", ["image"] = "registry.example/team/empty:1" }),
            Options(new ImageFacts(null, null, null), "registry.example/team/empty:1"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.containers[0].command", error.Path);
        Assert.Contains("its image 'registry.example/team/empty:1' sets neither ENTRYPOINT nor CMD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_that_was_not_looked_up_keeps_the_clear_error()
    {
        var result = ManifestConverter.Convert(Pod(new JsonObject { ["name"] = "build", ["image"] = "golang:1.23" }), new ConversionOptions());

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.containers[0].command", error.Path);
        Assert.Contains("what its image 'golang:1.23' runs is not known here", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Convert(JsonObject step, ImageFacts facts)
    {
        var result = ManifestConverter.Convert(Pod(step), Options(facts, step["image"]!.GetValue<string>()));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Document!["spec"]!["containers"]![0]!.AsObject();
    }

    private static ConversionOptions Options(ImageFacts facts, string image) =>
        new() { Images = new Dictionary<string, ImageFacts> { [image] = facts } };

    private static JsonObject Pod(JsonObject step) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = "p" },
        ["spec"] = new JsonObject { ["restartPolicy"] = "Never", ["containers"] = new JsonArray(step) },
    };

    private static IEnumerable<string> Original(JsonObject converted)
    {
        var args = converted["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        return args.Skip(args.IndexOf("--") + 1);
    }
}
