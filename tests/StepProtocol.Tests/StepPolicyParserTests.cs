using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Policies;

namespace Kueueleuleu.StepProtocol.Tests;

public sealed class StepPolicyParserTests
{
    private static readonly string[] Steps = ["build", "test", "lint", "publish"];

    private static StepPolicyParseResult Parse(string? json, string path = "spec.steps") =>
        StepPolicyParser.Parse(json is null ? null : JsonNode.Parse(json), Steps, path);

    private static string After(StepPolicyParseResult result, string step) =>
        string.Join(",", result.Steps.Single(s => s.Name == step).After);

    [Fact]
    public void Without_policies_each_step_waits_for_the_previous_one()
    {
        var result = Parse(null);

        Assert.True(result.Succeeded);
        Assert.Equal(Steps, result.Steps.Select(s => s.Name));
        Assert.Equal(["", "build", "test", "lint"], result.Steps.Select(s => string.Join(",", s.After)));
        Assert.All(result.Steps, s => Assert.Equal(OnErrorPolicy.Stop, s.OnError));
        Assert.All(result.Steps, s => Assert.Null(s.Timeout));
    }

    [Fact]
    public void Explicit_after_replaces_the_default_and_an_empty_list_starts_at_once()
    {
        var result = Parse("""[{"name":"lint","after":["build"]},{"name":"test","after":[]},{"name":"publish","after":["test","lint"]}]""");

        Assert.True(result.Succeeded);
        Assert.Equal("", After(result, "test"));
        Assert.Equal("build", After(result, "lint"));
        Assert.Equal("test,lint", After(result, "publish"));
    }

    [Fact]
    public void Reads_on_error_and_timeout_and_treats_null_as_absent()
    {
        var result = Parse("""[{"name":"test","onError":"continue","timeout":"10m"},{"name":"lint","onError":null,"timeout":null,"after":null}]""");

        Assert.True(result.Succeeded);
        var test = result.Steps[1];
        Assert.Equal(OnErrorPolicy.Continue, test.OnError);
        Assert.Equal("10m", test.Timeout?.Text);
        Assert.Equal(600_000_000_000L, test.Timeout?.Nanoseconds);
        Assert.Equal("test", After(result, "lint"));
    }

    [Fact]
    public void Without_policies_no_step_retries_or_is_held_and_each_runs_on_success()
    {
        var result = Parse(null);

        Assert.All(result.Steps, s => Assert.Equal((0, null, StepCondition.OnSuccess, DebugPolicy.Never, null), (s.Retries, s.RetryBackoff, s.When, s.Debug, s.DebugTimeout)));
    }

    [Fact]
    public void Reads_retries_when_and_debug()
    {
        var result = Parse("""[{"name":"test","retries":2,"retryBackoff":"1.5s","when":"Always","debug":"OnFailure","debugTimeout":"10m"},{"name":"publish","when":"OnFailure","retries":0}]""");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var test = result.Steps[1];
        Assert.Equal((2, "1.5s", 1_500_000_000L, StepCondition.Always, DebugPolicy.OnFailure, "10m"), (test.Retries, test.RetryBackoff?.Text, test.RetryBackoff?.Nanoseconds, test.When, test.Debug, test.DebugTimeout?.Text));
        Assert.Equal((0, StepCondition.OnFailure, DebugPolicy.Never), (result.Steps[3].Retries, result.Steps[3].When, result.Steps[3].Debug));
    }

    [Fact]
    public void The_runs_debug_default_applies_to_steps_that_set_none_and_a_steps_own_wins()
    {
        var result = StepPolicyParser.Parse(
            JsonNode.Parse("""[{"name":"test","debug":"Never"},{"name":"lint","debugTimeout":"5m"}]"""), Steps, "spec.steps", DebugPolicy.OnFailure);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal([DebugPolicy.OnFailure, DebugPolicy.Never, DebugPolicy.OnFailure, DebugPolicy.OnFailure], result.Steps.Select(s => s.Debug));
        Assert.Equal("5m", result.Steps[2].DebugTimeout?.Text);
    }

    [Theory]
    [InlineData("""[{"name":"test","retries":101}]""", "spec.steps[0].retries", "must be a whole number from 0 to 100 (the extra attempts after a failed attempt), not 101")]
    [InlineData("""[{"name":"test","retries":-1}]""", "spec.steps[0].retries", "not -1")]
    [InlineData("""[{"name":"test","retries":1.5}]""", "spec.steps[0].retries", "must be a whole number from 0 to 100")]
    [InlineData("""[{"name":"test","retries":"3"}]""", "spec.steps[0].retries", "must be a whole number from 0 to 100")]
    [InlineData("""[{"name":"test","retries":2,"retryBackoff":2}]""", "spec.steps[0].retryBackoff", "must be a string such as \"1s\"")]
    [InlineData("""[{"name":"test","retries":2,"retryBackoff":"0s"}]""", "spec.steps[0].retryBackoff", "'0s' is not longer than zero; write a positive duration such as 1s")]
    [InlineData("""[{"name":"test","retries":2,"retryBackoff":"-1s"}]""", "spec.steps[0].retryBackoff", "not longer than zero")]
    [InlineData("""[{"name":"test","retries":2,"retryBackoff":"soon"}]""", "spec.steps[0].retryBackoff", "'soon' is not a duration")]
    [InlineData("""[{"name":"test","retryBackoff":"2s"}]""", "spec.steps[0].retryBackoff", "is set but retries is not (or is 0): the backoff is the wait between attempts; set retries or remove retryBackoff")]
    [InlineData("""[{"name":"test","retries":0,"retryBackoff":"2s"}]""", "spec.steps[0].retryBackoff", "is set but retries is not (or is 0)")]
    [InlineData("""[{"name":"test","when":"onFailure"}]""", "spec.steps[0].when", "must be \"OnSuccess\" (runs when its dependencies succeeded, the default), \"OnFailure\" (runs only when one of them failed) or \"Always\" (runs whatever their outcome), not \"onFailure\"")]
    [InlineData("""[{"name":"test","when":1}]""", "spec.steps[0].when", "Always\" (runs whatever their outcome), not 1")]
    [InlineData("""[{"name":"test","after":[],"when":"OnFailure"}]""", "spec.steps[0].when", "is OnFailure but step 'test' waits for no step (its after is empty), so nothing before it can fail and it would never run")]
    [InlineData("""[{"name":"build","when":"OnFailure"}]""", "spec.steps[0].when", "waits for no step (it is the first container and sets no after)")]
    [InlineData("""[{"name":"test","debug":"always"}]""", "spec.steps[0].debug", "must be \"Never\" (the outcome is published at once) or \"OnFailure\"")]
    [InlineData("""[{"name":"test","debug":true}]""", "spec.steps[0].debug", "not true")]
    [InlineData("""[{"name":"test","debugTimeout":"10m"}]""", "spec.steps[0].debugTimeout", "is set but step 'test' is never held for debugging (the step sets no debug and the whole run's default is Never); set debug: OnFailure or remove debugTimeout")]
    [InlineData("""[{"name":"test","debug":"Never","debugTimeout":"10m"}]""", "spec.steps[0].debugTimeout", "(the step's debug is Never)")]
    [InlineData("""[{"name":"test","debug":"OnFailure","debugTimeout":"0"}]""", "spec.steps[0].debugTimeout", "'0' is not longer than zero; write a positive duration such as 30m")]
    [InlineData("""[{"name":"test","debug":"OnFailure","debugTimeout":[]}]""", "spec.steps[0].debugTimeout", "must be a string such as \"30m\"")]
    public void Reports_each_mistake_in_the_new_fields_at_its_path(string json, string path, string message)
    {
        var result = Parse(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Steps);
    }

    [Theory]
    [InlineData("""{"name":"build"}""", "spec.steps", "must be a JSON array")]
    [InlineData("""["build"]""", "spec.steps[0]", "must be an object")]
    [InlineData("""[{"name":3}]""", "spec.steps[0].name", "must be a string")]
    [InlineData("""[{"name":"deploy"}]""", "spec.steps[0].name", "'deploy' is not a step; steps are the containers: build, test, lint, publish")]
    [InlineData("""[{"name":"test","After":["build"]}]""", "spec.steps[0].After", "case-sensitive")]
    [InlineData("""[{"name":"test","after":"build"}]""", "spec.steps[0].after", "must be an array")]
    [InlineData("""[{"name":"test","after":[1]}]""", "spec.steps[0].after[0]", "must be a string")]
    [InlineData("""[{"name":"test","after":["test"]}]""", "spec.steps[0].after[0]", "cannot wait for itself")]
    [InlineData("""[{"name":"test","after":["build","build"]}]""", "spec.steps[0].after[1]", "listed twice")]
    [InlineData("""[{"name":"test","onError":"Continue"}]""", "spec.steps[0].onError", "must be \"stop\"")]
    [InlineData("""[{"name":"test","timeout":30}]""", "spec.steps[0].timeout", "must be a string")]
    [InlineData("""[{"name":"test","timeout":"0s"}]""", "spec.steps[0].timeout", "longer than zero")]
    [InlineData("""[{"name":"test"},{"name":"test","onError":"continue"}]""", "spec.steps[1].name", "already has a policy at spec.steps[0]")]
    public void Reports_each_mistake_at_its_path(string json, string path, string message)
    {
        var result = Parse(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Steps);
    }

    [Fact]
    public void Names_a_cycle_from_its_earliest_step()
    {
        var result = Parse("""[{"name":"build","after":["publish"]}]""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.steps[0].after", error.Path);
        Assert.Contains("build \u2192 publish \u2192 lint \u2192 test \u2192 build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_each_distinct_cycle_once()
    {
        var result = Parse("""[{"name":"build","after":["test"]},{"name":"lint","after":["publish"]},{"name":"publish","after":["lint"]}]""");

        Assert.Equal(
            ["build \u2192 test \u2192 build", "lint \u2192 publish \u2192 lint"],
            result.Errors.Select(e => e.Message.Split(": ")[1].Split(" (")[0]));
        Assert.Equal(["spec.steps[0].after", "spec.steps[1].after"], result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Collects_every_error_not_just_the_first()
    {
        var result = Parse("""[{"name":"nope"},{"name":"test","timeout":"soon","onError":"maybe","extra":1}]""", "metadata.annotations[kueueleuleu.io/steps]");

        Assert.Equal(
            [
                "metadata.annotations[kueueleuleu.io/steps][0].name",
                "metadata.annotations[kueueleuleu.io/steps][1].extra",
                "metadata.annotations[kueueleuleu.io/steps][1].onError",
                "metadata.annotations[kueueleuleu.io/steps][1].timeout",
            ],
            result.Errors.Select(e => e.Path));
    }
}
