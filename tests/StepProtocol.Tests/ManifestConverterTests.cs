using System.Text.Json.Nodes;

namespace Kueueleuleu.StepProtocol.Tests;

public sealed class ManifestConverterTests
{
    private static readonly ConversionOptions Defaults = new();

    private static JsonNode Pod(string containers, string extraSpec = "", string annotations = "{}") => Fixtures.Parse(
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"annotations\":" + annotations + "},"
        + "\"spec\":{" + extraSpec + "\"containers\":" + containers + "}}");

    private static JsonObject Spec(ConversionResult result) => result.Document!["spec"]!.AsObject();

    private static ConversionError SingleError(ConversionResult result)
    {
        Assert.Null(result.Document);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":80}]}}""")]
    [InlineData("""{"apiVersion":"batch/v2","kind":"Job","spec":{"template":{}}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"pod","spec":{}}""")]
    [InlineData("""{"kind":"Pod","spec":{}}""")]
    [InlineData("""{"apiVersion":"kueueleuleu.io/v1alpha1","kind":"SequentialJob","spec":{"steps":[]}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("\"text\"")]
    [InlineData("""{"apiVersion":"v1","kind":"List"}""")]
    public void Other_kinds_pass_through_unchanged_as_a_copy(string json)
    {
        var input = Fixtures.Parse(json);

        var result = ManifestConverter.Convert(input, Defaults);

        Assert.True(result.Succeeded);
        Assert.NotSame(input, result.Document);
        Assert.Equal(Fixtures.Text(input), Fixtures.Text(result.Document));
    }

    [Fact]
    public void Uses_the_entrypoint_image_from_the_options()
    {
        var result = ManifestConverter.Convert(Pod("""[{"name":"a","command":["true"]}]"""), new ConversionOptions { EntrypointImage = "registry.local/ep:dev" });

        Assert.Equal("registry.local/ep:dev", (string)Spec(result)["initContainers"]![0]!["image"]!);
        Assert.Equal("kueueleuleu/entrypoint:0.1.0", ConversionOptions.DefaultEntrypointImage);
    }

    [Fact]
    public void The_init_container_meets_pod_security_restricted()
    {
        var init = Spec(ManifestConverter.Convert(Pod("""[{"name":"a","command":["true"]}]"""), Defaults))["initContainers"]![0]!;

        var expected = Fixtures.Parse("""
            {"runAsNonRoot":true,"allowPrivilegeEscalation":false,
             "capabilities":{"drop":["ALL"]},"seccompProfile":{"type":"RuntimeDefault"},"readOnlyRootFilesystem":true}
            """);
        Assert.True(JsonNode.DeepEquals(expected, init["securityContext"]), Fixtures.Text(init["securityContext"]));
        Assert.Equal("""{"requests":{"cpu":"10m","memory":"16Mi"},"limits":{"cpu":"100m","memory":"32Mi"}}""", init["resources"]!.ToJsonString());
        Assert.Equal("""["/entrypoint","copy","/kueueleuleu"]""", init["command"]!.ToJsonString());
        Assert.Equal("IfNotPresent", (string)init["imagePullPolicy"]!);
        Assert.Equal("""[{"name":"kueueleuleu","mountPath":"/kueueleuleu"}]""", init["volumeMounts"]!.ToJsonString());
    }

    [Fact]
    public void The_original_command_and_args_follow_the_separator_unchanged()
    {
        var result = ManifestConverter.Convert(Pod("""[{"name":"a","command":["sh","-c","echo \"$X\" -- --x"],"args":["--","-v",""]}]"""), Defaults);

        Assert.Equal(
            ["run", "--step=a", "--after=", "--on-error=stop", "--restart-policy=Always", "--termination-budget=4096", "--termination-log=/dev/termination-log", "--", "sh", "-c", "echo \"$X\" -- --x", "--", "-v", ""],
            Spec(result)["containers"]![0]!["args"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public void Honours_the_termination_message_path()
    {
        var result = ManifestConverter.Convert(Pod("""[{"name":"a","command":["true"],"terminationMessagePath":"/var/log/done"}]"""), Defaults);

        Assert.Contains("--termination-log=/var/log/done", Spec(result)["containers"]![0]!["args"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public void A_timeout_flag_appears_only_for_steps_with_a_timeout()
    {
        var result = ManifestConverter.Convert(
            Pod("""[{"name":"a","command":["true"]},{"name":"b","command":["true"]}]""", annotations: """{"kueueleuleu.io/steps":"[{\"name\":\"b\",\"timeout\":\"250ms\"}]"}"""),
            Defaults);

        var args = Spec(result)["containers"]!.AsArray().Select(c => c!["args"]!.ToJsonString()).ToList();
        Assert.DoesNotContain("--timeout", args[0], StringComparison.Ordinal);
        Assert.Contains("\"--on-error=stop\",\"--restart-policy=Always\",\"--timeout=250ms\",\"--termination-budget=4096\",\"--termination-log=", args[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"restartPolicy\":\"Never\",", null)]
    [InlineData("\"restartPolicy\":\"OnFailure\",", "--restart-policy=OnFailure")]
    [InlineData("\"restartPolicy\":\"Always\",", "--restart-policy=Always")]
    [InlineData("", "--restart-policy=Always")]
    public void Each_step_learns_the_restart_policy_unless_it_is_the_entrypoints_default_Never(string extraSpec, string? flag)
    {
        var result = ManifestConverter.Convert(Pod("""[{"name":"a","command":["true"]},{"name":"b","command":["true"]}]""", extraSpec), Defaults);

        foreach (var container in Spec(result)["containers"]!.AsArray())
        {
            var args = container!["args"]!.AsArray().Select(a => (string)a!).ToList();
            Assert.Equal(flag, args.SingleOrDefault(a => a.StartsWith("--restart-policy", StringComparison.Ordinal)));
            Assert.Equal(flag is null ? "--termination-budget=4096" : flag, args[4]);
        }
    }

    [Fact]
    public void A_linux_pod_that_names_its_os_converts()
    {
        var result = ManifestConverter.Convert(Pod("""[{"name":"a","command":["true"]}]""", "\"os\":{\"name\":\"linux\"},"), Defaults);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    [Fact]
    public void New_keys_go_at_natural_places_and_existing_keys_keep_their_order()
    {
        var result = ManifestConverter.Convert(
            Pod("""[{"name":"a","image":"x","command":["true"],"env":[]}]""", extraSpec: "\"restartPolicy\":\"Never\",", annotations: "{}"),
            Defaults);

        Assert.Equal(["restartPolicy", "initContainers", "containers", "volumes"], Spec(result).Select(p => p.Key));
        Assert.Equal(["name", "image", "command", "args", "env", "volumeMounts"], Spec(result)["containers"]![0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Null_lists_are_replaced_rather_than_kept_beside_ours()
    {
        var result = ManifestConverter.Convert(
            Pod("""[{"name":"a","command":["true"],"volumeMounts":null}]""", extraSpec: "\"volumes\":null,\"initContainers\":null,"),
            Defaults);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["initContainers", "containers", "volumes"], Spec(result).Select(p => p.Key));
        Assert.Single(Spec(result)["containers"]![0]!["volumeMounts"]!.AsArray());
    }

    [Fact]
    public void Converting_a_converted_pod_returns_it_unchanged_even_with_another_image()
    {
        var once = ManifestConverter.Convert(Pod("""[{"name":"a","command":["true"]},{"name":"b","command":["false"]}]"""), new ConversionOptions { EntrypointImage = "other:1" }).Document!;

        var again = ManifestConverter.Convert(once, Defaults);

        Assert.Equal(Fixtures.Text(once), Fixtures.Text(again.Document));
    }

    [Fact]
    public void A_container_added_to_a_converted_pod_is_a_partial_conversion()
    {
        var converted = ManifestConverter.Convert(Pod("""[{"name":"a","command":["true"]}]"""), Defaults).Document!;
        converted["spec"]!["containers"]!.AsArray().Add(Fixtures.Parse("""{"name":"late","command":["true"]}"""));

        var error = SingleError(ManifestConverter.Convert(converted, Defaults));

        Assert.Equal("spec", error.Path);
        Assert.Contains("spec.containers[1] (late) is not wrapped", error.Message, StringComparison.Ordinal);
        Assert.Contains("convert the original manifest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrapped_containers_without_the_init_container_are_a_partial_conversion()
    {
        var converted = ManifestConverter.Convert(Pod("""[{"name":"a","command":["true"]}]"""), Defaults).Document!;
        converted["spec"]!.AsObject().Remove("initContainers");

        var error = SingleError(ManifestConverter.Convert(converted, Defaults));

        Assert.Equal("spec", error.Path);
        Assert.Contains("the init container kueueleuleu-init is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_init_container_without_wrapped_steps_is_a_partial_conversion()
    {
        var input = Pod(
            """[{"name":"a","command":["true"]}]""",
            extraSpec: "\"initContainers\":[{\"name\":\"kueueleuleu-init\",\"image\":\"x\",\"command\":[\"/entrypoint\",\"copy\",\"/kueueleuleu\"]}],");

        var error = SingleError(ManifestConverter.Convert(input, Defaults));

        Assert.Contains("the emptyDir volume kueueleuleu is missing; spec.containers[0] (a) is not wrapped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Native_sidecars_and_other_init_containers_are_kept_after_ours()
    {
        var input = Pod(
            """[{"name":"a","command":["true"]}]""",
            extraSpec: "\"initContainers\":[{\"name\":\"proxy\",\"image\":\"envoy\",\"restartPolicy\":\"Always\"},{\"name\":\"setup\",\"image\":\"busybox\"}],");
        var before = input["spec"]!["initContainers"]!.ToJsonString();

        var init = Spec(ManifestConverter.Convert(input, Defaults))["initContainers"]!.AsArray();

        Assert.Equal("kueueleuleu-init", (string)init[0]!["name"]!);
        Assert.Equal(before, new JsonArray([.. init.Skip(1).Select(i => i!.DeepClone())]).ToJsonString());
    }

    [Theory]
    [InlineData("[]", "spec.containers", "is empty")]
    [InlineData("{}", "spec.containers", "must be an array")]
    [InlineData("null", "spec.containers", "is missing")]
    [InlineData("""[{"name":"a","command":[]}]""", "spec.containers[0].command", "non-empty array of strings")]
    [InlineData("""[{"name":"a","command":"make test"}]""", "spec.containers[0].command", "non-empty array of strings")]
    [InlineData("""[{"name":"a","command":["x"],"args":"-v"}]""", "spec.containers[0].args", "array of strings")]
    [InlineData("""[{"name":"a","command":["x"],"args":[1]}]""", "spec.containers[0].args", "array of strings")]
    [InlineData("""[{"name":"a","command":["x"],"terminationMessagePath":false}]""", "spec.containers[0].terminationMessagePath", "file path")]
    [InlineData("""[{"name":"a","command":["x"],"volumeMounts":{}}]""", "spec.containers[0].volumeMounts", "must be an array")]
    [InlineData("""[{"name":"a","command":["x"]},{"name":"a","command":["y"]}]""", "spec.containers[1].name", "is also the name of spec.containers[0]")]
    [InlineData("""["a"]""", "spec.containers[0]", "must be an object")]
    [InlineData("""[{"name":"","command":["x"]}]""", "spec.containers[0].name", "is required")]
    public void Malformed_containers_are_errors_with_paths(string containers, string path, string message)
    {
        var error = SingleError(ManifestConverter.Convert(Pod(containers), Defaults));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Pod"}""", "spec", "is missing")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","spec":[]}""", "spec", "must be an object")]
    [InlineData("""{"apiVersion":"v1","kind":"PodTemplate"}""", "template", "v1 PodTemplate needs its pod template at template.spec")]
    [InlineData("""{"apiVersion":"batch/v1","kind":"Job","spec":{"template":{"metadata":{}}}}""", "spec.template.spec", "is missing")]
    [InlineData("""{"apiVersion":"batch/v1","kind":"CronJob","spec":{"jobTemplate":"x"}}""", "spec.jobTemplate", "must be an object")]
    [InlineData("""{"apiVersion":"v1","kind":"List","items":{}}""", "items", "must be an array")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":[],"spec":{"containers":[{"name":"a","command":["x"]}]}}""", "metadata", "must be an object")]
    public void Missing_essentials_are_errors_with_paths(string json, string path, string message)
    {
        var error = SingleError(ManifestConverter.Convert(Fixtures.Parse(json), Defaults));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kueueleuleu.io/steps":"[{\"name\":\"a\",}]"}""", "is not valid JSON at line 1")]
    [InlineData("""{"kueueleuleu.io/steps":""}""", "is not valid JSON")]
    [InlineData("""{"kueueleuleu.io/steps":"null"}""", "is the JSON null")]
    [InlineData("""{"kueueleuleu.io/steps":[{"name":"a"}]}""", "must be a string holding a JSON array")]
    [InlineData("""{"kueueleuleu.io/steps":"{\"name\":\"a\"}"}""", "must be a JSON array")]
    public void A_bad_annotation_says_where(string annotations, string message)
    {
        var error = SingleError(ManifestConverter.Convert(Pod("""[{"name":"a","command":["x"]}]""", annotations: annotations), Defaults));

        Assert.Equal("metadata.annotations[kueueleuleu.io/steps]", error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mount_of_a_sibling_path_is_not_a_clash()
    {
        var result = ManifestConverter.Convert(Pod("""[{"name":"a","command":["x"],"volumeMounts":[{"name":"v","mountPath":"/kueueleuleu2"}]}]"""), Defaults);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    [Fact]
    public void One_bad_list_item_withholds_the_whole_list()
    {
        var list = Fixtures.Parse("""
            {"apiVersion":"v1","kind":"List","items":[
              {"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"ok","command":["true"]}]}},
              {"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"bad"}]}}]}
            """);

        var error = SingleError(ManifestConverter.Convert(list, Defaults));

        Assert.Equal("items[1].spec.containers[0].command", error.Path);
        Assert.Equal($"{error.Path}: {error.Message}", error.ToString());
    }

    [Fact]
    public void Errors_of_nested_lists_carry_the_full_path()
    {
        var list = Fixtures.Parse("""
            {"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"List","items":[null,
              {"apiVersion":"batch/v1","kind":"Job","spec":{"template":{"spec":{"containers":[{"name":"x"}]}}}}]}]}
            """);

        var error = SingleError(ManifestConverter.Convert(list, Defaults));

        Assert.Equal("items[0].items[1].spec.template.spec.containers[0].command", error.Path);
    }

    [Fact]
    public void A_failure_result_needs_errors()
    {
        Assert.Throws<ArgumentException>(() => ConversionResult.Failure([]));
        Assert.False(ConversionResult.Failure([new ConversionError("a", "b")]).Succeeded);
    }
}
