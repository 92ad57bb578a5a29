using System.Text.Json.Nodes;
using Kueueleuleu.StepProtocol.Policies;

namespace Kueueleuleu.StepProtocol.Tests;

/// <summary>
/// The typed resolver (spec.steps) and the annotation parser are one language: every policy list a typed spec can
/// hold must give the same plans and the same errors, at the same paths, in the same order, through both.
/// </summary>
public sealed class StepPolicyResolverTests
{
    private static readonly string[] Steps = ["build", "test", "lint", "publish"];

    /// <summary>Each row: the policies as JSON, and the same policies typed.</summary>
    public static TheoryData<string, WrittenStepPolicy?[]?> SameInBothForms() => new()
    {
        { "null", null },
        { "[]", [] },
        { """[{"name":"lint","after":["build"]},{"name":"test","after":[]}]""", [new("lint", ["build"]), new("test", [])] },
        { """[{"name":"test","onError":"continue","timeout":"10m"}]""", [new("test", null, OnErrorPolicy.Continue, "10m")] },
        { """[{"name":"deploy"}]""", [new("deploy")] },
        { """[{"name":""}]""", [new("")] },
        { """[null]""", [null] },
        { """[{"name":"test","after":["test","nope","build","build",null]}]""", [new("test", ["test", "nope", "build", "build", null!])] },
        { """[{"name":"test","timeout":"0s"},{"name":"lint","timeout":"soon"}]""", [new("test", null, OnErrorPolicy.Stop, "0s"), new("lint", null, OnErrorPolicy.Stop, "soon")] },
        { """[{"name":"test"},{"name":"test","onError":"continue"}]""", [new("test"), new("test", null, OnErrorPolicy.Continue)] },
        { """[{"name":"build","after":["test"]},{"name":"lint","after":["publish"]},{"name":"publish","after":["lint"]}]""", [new("build", ["test"]), new("lint", ["publish"]), new("publish", ["lint"])] },
        {
            """[{"name":"test","retries":3,"retryBackoff":"2s","when":"Always","debug":"OnFailure","debugTimeout":"30m"}]""",
            [new("test", null, OnErrorPolicy.Stop, null, 3, "2s", StepCondition.Always, DebugPolicy.OnFailure, "30m")]
        },
        { """[{"name":"test","when":"OnFailure","debug":"Never"},{"name":"build","when":"OnFailure"}]""", [new("test", When: StepCondition.OnFailure, Debug: DebugPolicy.Never), new("build", When: StepCondition.OnFailure)] },
        { """[{"name":"test","retries":101,"retryBackoff":"0s"},{"name":"lint","retries":-1}]""", [new("test", Retries: 101, RetryBackoff: "0s"), new("lint", Retries: -1)] },
        { """[{"name":"test","retryBackoff":"5s"},{"name":"lint","retries":0,"retryBackoff":"5s"}]""", [new("test", RetryBackoff: "5s"), new("lint", Retries: 0, RetryBackoff: "5s")] },
        { """[{"name":"test","debugTimeout":"10m"},{"name":"lint","debug":"Never","debugTimeout":"soon"}]""", [new("test", DebugTimeout: "10m"), new("lint", Debug: DebugPolicy.Never, DebugTimeout: "soon")] },
        { """[{"name":"test","after":[],"when":"OnFailure"},{"name":"lint","when":"OnFailure","after":["test"]}]""", [new("test", [], When: StepCondition.OnFailure), new("lint", ["test"], When: StepCondition.OnFailure)] },
        { """[{"name":"nope","after":["x"],"timeout":"-1s"},{"name":"test","after":["lint"]},{"name":"lint","after":["test"]}]""", [new("nope", ["x"], OnErrorPolicy.Stop, "-1s"), new("test", ["lint"]), new("lint", ["test"])] },
    };

    [Theory]
    [MemberData(nameof(SameInBothForms))]
    public void Typed_policies_resolve_exactly_as_their_json_does(string json, WrittenStepPolicy?[]? typed)
    {
        var parsed = StepPolicyParser.Parse(JsonNode.Parse(json), Steps, "spec.steps");

        var resolved = StepPolicyResolver.Resolve(typed, Steps, "spec.steps");

        Assert.Equal(parsed.Errors, resolved.Errors);
        Assert.Equal(Describe(parsed.Steps), Describe(resolved.Steps));
    }

    [Theory]
    [MemberData(nameof(SameInBothForms))]
    public void The_runs_debug_default_applies_the_same_in_both_forms(string json, WrittenStepPolicy?[]? typed)
    {
        var parsed = StepPolicyParser.Parse(JsonNode.Parse(json), Steps, "spec.steps", DebugPolicy.OnFailure);

        var resolved = StepPolicyResolver.Resolve(typed, Steps, "spec.steps", DebugPolicy.OnFailure);

        Assert.Equal(parsed.Errors, resolved.Errors);
        Assert.Equal(Describe(parsed.Steps), Describe(resolved.Steps));
    }

    [Fact]
    public void Typed_retries_out_of_range_are_reported_at_their_path()
    {
        var result = StepPolicyResolver.Resolve([new("test", Retries: 101)], Steps, "spec.steps");

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.steps[0].retries", error.Path);
        Assert.Equal("must be a whole number from 0 to 100 (the extra attempts after a failed attempt), not 101", error.Message);
    }

    [Fact]
    public void Errors_carry_the_callers_path()
    {
        var result = StepPolicyResolver.Resolve([new("deploy")], Steps, "spec.steps");

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.steps[0].name", error.Path);
        Assert.Equal("'deploy' is not a step; steps are the containers: build, test, lint, publish", error.Message);
    }

    private static string[] Describe(IReadOnlyList<StepPlan> plans) =>
        [.. plans.Select(p => $"{p.Name}<{string.Join(",", p.After)}|{p.OnError}|{p.Timeout?.Text}/{p.Timeout?.Nanoseconds}" +
            $"|{p.Retries}|{p.RetryBackoff?.Text}|{p.When}|{p.Debug}|{p.DebugTimeout?.Text}/{p.DebugTimeout?.Nanoseconds}")];
}
