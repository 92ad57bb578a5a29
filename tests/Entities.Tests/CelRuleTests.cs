using System.Text.Json.Nodes;
using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.Entities.Tests;

/// <summary>The CRD's CEL rules, taken from the generated schema and evaluated with a real CEL implementation.</summary>
public class CelRuleTests
{
    private static readonly JsonNode Spec = CrdGenerator.Generate()["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!;

    private static string[] SpecRules => [.. Spec["x-kubernetes-validations"]!.AsArray().Select(r => (string)r!["rule"]!)];

    private static string StepRule => StepRules[0];

    private static string[] StepRules => [.. Spec["properties"]!["steps"]!["items"]!["x-kubernetes-validations"]!.AsArray().Select(r => (string)r!["rule"]!)];

    public static TheoryData<string, bool, bool> SpecCases => new()
    {
        // steps (JSON, single quotes), names rule holds, after rule holds
        { "", true, true },
        { "'steps': []", true, true },
        { "'steps': [{'name': 'b'}]", true, true },
        { "'steps': [{'name': 'b', 'after': ['a', 'c']}, {'name': 'c', 'after': []}]", true, true },
        { "'steps': [{'name': 'z'}]", false, true },
        { "'steps': [{'name': 'b', 'after': ['a', 'zz']}]", true, false },
        { "'steps': [{'name': 'q', 'after': ['zz']}]", false, false },
    };

    [Theory]
    [MemberData(nameof(SpecCases))]
    public void Spec_rules_check_that_steps_name_containers(string steps, bool namesValid, bool afterValid)
    {
        var comma = steps.Length == 0 ? "" : ", ";
        var self = JsonNode.Parse(
            ("{'template': {'spec': {'containers': [{'name': 'a', 'image': 'i'}, {'name': 'b', 'image': 'i'}, {'name': 'c', 'image': 'i'}]}}" +
            comma + steps + "}").Replace('\'', '"'))!;
        var rules = SpecRules;
        Assert.Equal(3, rules.Length);
        var results = CelEvaluator.Evaluate([(rules[0], self), (rules[1], self)]);
        Assert.Equal([namesValid, afterValid], results);
    }

    [Theory]
    [InlineData("{'name': 'b'}", true)]
    [InlineData("{'name': 'b', 'after': []}", true)]
    [InlineData("{'name': 'b', 'after': ['a']}", true)]
    [InlineData("{'name': 'b', 'after': ['a', 'b']}", false)]
    [InlineData("{'name': 'b', 'after': ['b']}", false)]
    public void Step_rule_refuses_a_step_that_waits_for_itself(string step, bool valid)
    {
        var self = JsonNode.Parse(step.Replace('\'', '"'))!;
        Assert.Equal([valid], CelEvaluator.Evaluate([(StepRule, self)]));
    }

    [Theory]
    [InlineData("{'name': 'b'}", true)]
    [InlineData("{'name': 'b', 'retries': 2, 'retryBackoff': '2s'}", true)]
    [InlineData("{'name': 'b', 'retryBackoff': '2s'}", false)]
    [InlineData("{'name': 'b', 'retries': 0, 'retryBackoff': '2s'}", false)]
    public void Step_rule_refuses_a_retry_backoff_without_retries(string step, bool valid)
    {
        var self = JsonNode.Parse(step.Replace('\'', '"'))!;
        Assert.Equal([valid], CelEvaluator.Evaluate([(StepRules[1], self)]));
    }

    [Theory]
    [InlineData("{'name': 'b', 'when': 'OnFailure'}", true)]
    [InlineData("{'name': 'b', 'when': 'OnFailure', 'after': ['a']}", true)]
    [InlineData("{'name': 'b', 'when': 'Always', 'after': []}", true)]
    [InlineData("{'name': 'b', 'when': 'OnFailure', 'after': []}", false)]
    public void Step_rule_refuses_on_failure_with_nothing_to_wait_for(string step, bool valid)
    {
        var self = JsonNode.Parse(step.Replace('\'', '"'))!;
        Assert.Equal([valid], CelEvaluator.Evaluate([(StepRules[2], self)]));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("'steps': [{'name': 'b', 'debug': 'OnFailure', 'debugTimeout': '10m'}]", true)]
    [InlineData("'debug': 'OnFailure', 'steps': [{'name': 'b', 'debugTimeout': '10m'}]", true)]
    [InlineData("'steps': [{'name': 'b', 'debugTimeout': '10m'}]", false)]
    [InlineData("'debug': 'Never', 'steps': [{'name': 'b', 'debugTimeout': '10m'}]", false)]
    [InlineData("'debug': 'OnFailure', 'steps': [{'name': 'b', 'debug': 'Never', 'debugTimeout': '10m'}]", false)]
    public void Spec_rule_refuses_a_debug_timeout_of_a_step_never_held(string fields, bool valid)
    {
        var comma = fields.Length == 0 ? "" : ", ";
        var self = JsonNode.Parse(("{'template': {'spec': {'containers': [{'name': 'a', 'image': 'i'}, {'name': 'b', 'image': 'i'}]}}" + comma + fields + "}").Replace('\'', '"'))!;
        Assert.Equal([valid], CelEvaluator.Evaluate([(SpecRules[2], self)]));
    }

    [Fact]
    public void Evaluator_reports_errors_rather_than_a_verdict()
    {
        var result = Assert.Single(CelEvaluator.Evaluate([("self.missing.field == 1", new JsonObject())]));
        Assert.IsType<string>(result);
    }
}
