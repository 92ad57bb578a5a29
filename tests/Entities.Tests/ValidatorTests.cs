using System.Text.Json;
using Kueueleuleu.Entities.Json;
using Kueueleuleu.Entities.Validation;

namespace Kueueleuleu.Entities.Tests;

public class ValidatorTests
{
    /// <summary>A spec with three steps and the given extra spec fields (JSON text without braces).</summary>
    private static SequentialJobSpec Spec(string extra = "", string containers = "{'name': 'a', 'image': 'i'}, {'name': 'b', 'image': 'i'}, {'name': 'c', 'image': 'i'}")
    {
        var comma = extra.Length == 0 ? "" : ", ";
        // Single quotes keep the table readable; JSON needs double ones.
        var json = ("{'template': {'spec': {'containers': [" + containers + "]}}" + comma + extra + "}").Replace('\'', '"');
        return JsonSerializer.Deserialize<SequentialJobSpec>(json, SequentialJobJson.Options)!;
    }

    /// <summary>A spec written whole (JSON text without braces, single quotes).</summary>
    private static SequentialJobSpec Whole(string fields) =>
        JsonSerializer.Deserialize<SequentialJobSpec>(("{" + fields + "}").Replace('\'', '"'), SequentialJobJson.Options)!;

    public static TheoryData<string, string, string, string> Invalid => new()
    {
        // extra spec fields, containers (empty: the default three), expected path, expected message fragment
        { "'steps': [{'name': 'z'}]", "", "spec.steps[0].name", "'z' is not a step" },
        { "'steps': [{'name': 'b', 'after': ['x']}]", "", "spec.steps[0].after[0]", "'x' is not a step" },
        { "'steps': [{'name': 'b', 'after': ['b']}]", "", "spec.steps[0].after[0]", "cannot wait for itself" },
        { "'steps': [{'name': 'a', 'after': ['c']}, {'name': 'c', 'after': ['a']}]", "", "spec.steps[0].after", "cycle: a \u2192 c \u2192 a" },
        { "'steps': [{'name': 'a', 'timeout': '0s'}]", "", "spec.steps[0].timeout", "not longer than zero" },
        { "'steps': [{'name': 'a', 'timeout': '5 minutes'}]", "", "spec.steps[0].timeout", "is not a duration" },
        { "'steps': [{'name': 'a'}, {'name': 'a'}]", "", "spec.steps[1].name", "already has a policy" },
        { "'steps': [{'name': 'b', 'retries': 101}]", "", "spec.steps[0].retries", "must be a whole number from 0 to 100 (the extra attempts after a failed attempt), not 101" },
        { "'steps': [{'name': 'b', 'retries': -1}]", "", "spec.steps[0].retries", "not -1" },
        { "'steps': [{'name': 'b', 'retryBackoff': '2s'}]", "", "spec.steps[0].retryBackoff", "is set but retries is not (or is 0)" },
        { "'steps': [{'name': 'b', 'retries': 2, 'retryBackoff': '0s'}]", "", "spec.steps[0].retryBackoff", "'0s' is not longer than zero" },
        { "'steps': [{'name': 'b', 'retries': 2, 'retryBackoff': 'soon'}]", "", "spec.steps[0].retryBackoff", "'soon' is not a duration" },
        { "'steps': [{'name': 'a', 'when': 'OnFailure'}]", "", "spec.steps[0].when", "waits for no step (it is the first container and sets no after)" },
        { "'steps': [{'name': 'c', 'when': 'OnFailure', 'after': []}]", "", "spec.steps[0].when", "waits for no step (its after is empty)" },
        { "'steps': [{'name': 'b', 'debugTimeout': '10m'}]", "", "spec.steps[0].debugTimeout", "is never held for debugging (the step sets no debug and the whole run's default is Never)" },
        { "'debug': 'OnFailure', 'steps': [{'name': 'b', 'debug': 'Never', 'debugTimeout': '10m'}]", "", "spec.steps[0].debugTimeout", "(the step's debug is Never)" },
        { "'steps': [{'name': 'b', 'debug': 'OnFailure', 'debugTimeout': '0s'}]", "", "spec.steps[0].debugTimeout", "'0s' is not longer than zero" },
        { "'debug': 'OnFailure'", "{'name': 'a', 'image': 'i', 'readinessProbe': {'exec': {'command': ['true']}}}", "spec.template.spec.containers[0].readinessProbe", "step 'a' is held for debugging when it fails (debug: OnFailure)" },
        { "'steps': [{'name': 'b', 'debug': 'OnFailure'}]", "{'name': 'a', 'image': 'i'}, {'name': 'b', 'image': 'i', 'readinessProbe': {}}", "spec.template.spec.containers[1].readinessProbe", "remove this readinessProbe" },
        { "'template': {'metadata': {'annotations': {'kueueleuleu.io/debug': 'OnFailure'}}, 'spec': {'containers': [{'name': 'a', 'image': 'i'}]}}", "-", "spec.template.metadata.annotations[kueueleuleu.io/debug]", "takes its debug default from spec.debug" },
        { "'parallelism': 2", "", "spec.parallelism", "one after the other in one Pod" },
        { "'completions': 3", "", "spec.completions", "one after the other in one Pod" },
        { "'completionMode': 'Indexed'", "", "spec.completionMode", "set it to NonIndexed" },
        { "'selector': {'matchLabels': {'a': 'b'}}", "", "spec.selector", "is not supported" },
        { "'manualSelector': true", "", "spec.manualSelector", "is not supported" },
        { "", "{'name': 'a', 'image': 'i'}, {'name': 'a', 'image': 'i'}", "spec.template.spec.containers[1].name", "also the name of containers[0]" },
        { "", "{'name': 'Build', 'image': 'i'}", "spec.template.spec.containers[0].name", "not a valid container name" },
        { "", "{'image': 'i'}", "spec.template.spec.containers[0].name", "is required" },
        { "", "", "spec.template.spec.containers", "is empty" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_specs_are_reported_at_the_field(string extra, string containers, string path, string message)
    {
        var spec = containers == "-" ? Whole(extra) : containers.Length == 0 && path != "spec.template.spec.containers" ? Spec(extra) : Spec(extra, containers);
        var errors = SequentialJobValidator.Validate(spec);
        Assert.Contains(errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("'steps': [{'name': 'c', 'after': []}, {'name': 'b', 'after': ['a', 'c'], 'onError': 'continue', 'timeout': '1.5m'}]")]
    [InlineData("'parallelism': 1, 'completions': 1, 'completionMode': 'NonIndexed', 'backoffLimit': 3")]
    [InlineData("'debug': 'OnFailure', 'steps': [{'name': 'b', 'retries': 3, 'retryBackoff': '2s', 'debugTimeout': '30m'}, {'name': 'c', 'after': ['b'], 'when': 'Always', 'debug': 'Never'}]")]
    [InlineData("'steps': [{'name': 'b', 'when': 'OnFailure'}, {'name': 'c', 'after': ['a'], 'when': 'OnFailure', 'debug': 'OnFailure', 'debugTimeout': '1h'}]")]
    [InlineData("'podReplacementPolicy': 'Failed', 'managedBy': 'kubernetes.io/job-controller'")]
    public void Valid_specs_have_no_error(string extra)
    {
        Assert.Empty(SequentialJobValidator.Validate(Spec(extra)));
    }

    [Fact]
    public void Restart_policy_Always_is_refused()
    {
        var spec = Spec();
        spec.Template.Spec.RestartPolicy = "Always";
        var error = Assert.Single(SequentialJobValidator.Validate(spec));
        Assert.Equal("spec.template.spec.restartPolicy", error.Path);
    }

    [Fact]
    public void Steps_annotation_in_the_template_is_refused()
    {
        var spec = Spec("'steps': [{'name': 'b'}]");
        spec.Template.AdditionalFields = new()
        {
            ["metadata"] = JsonDocument.Parse("{\"annotations\": {\"kueueleuleu.io/steps\": \"[]\"}}").RootElement,
        };
        var error = Assert.Single(SequentialJobValidator.Validate(spec));
        Assert.Equal("spec.template.metadata.annotations[kueueleuleu.io/steps]", error.Path);
        Assert.Contains("spec.steps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_are_not_checked_when_container_names_are_ambiguous()
    {
        var spec = Spec("'steps': [{'name': 'a'}]", "{'name': 'a', 'image': 'i'}, {'name': 'a', 'image': 'i'}");
        var error = Assert.Single(SequentialJobValidator.Validate(spec));
        Assert.Equal("spec.template.spec.containers[1].name", error.Path);
    }

    [Fact]
    public void Error_prints_path_and_message()
    {
        Assert.Equal("spec.x: is wrong", new FieldError("spec.x", "is wrong").ToString());
    }
}
