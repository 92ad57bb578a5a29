using System.Text.Json.Nodes;
using Kueueleuleu.Operator.Planning;

namespace Kueueleuleu.Operator.Tests.Planning;

public sealed class ScenarioTests
{
    public static TheoryData<string> Scenarios() => [.. Scenario.All()];

    [Fact]
    public void There_are_scenarios() => Assert.True(Scenario.All().Count() >= 14);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Plan_matches_the_expectation(string name)
    {
        var scenario = Scenario.Load(name);
        var plan = ReconcilePlanner.Plan(scenario.Input());
        var expect = scenario.Expect;

        if (expect["jobToCreate"] is { } create)
        {
            Assert.Equal(create.GetValue<bool>(), plan.JobToCreate is not null);
        }

        if (expect.ContainsKey("jobPatch"))
        {
            Assert.True(JsonNode.DeepEquals(expect["jobPatch"], plan.JobPatch), $"job patch: {plan.JobPatch?.ToJsonString()}");
        }

        if (expect["status"] is { } status)
        {
            JsonAssert.Contains(status, plan.Status);
        }

        if (expect.ContainsKey("statusUnchanged"))
        {
            Assert.Null(plan.Status);
        }

        foreach (var (type, value) in expect["conditions"] as JsonObject ?? [])
        {
            var condition = Condition(plan, type);
            Assert.Equal(value!.GetValue<string>(), $"{condition["status"]} {condition["reason"]}");
        }

        foreach (var (type, value) in expect["messages"] as JsonObject ?? [])
        {
            Assert.Equal(value!.GetValue<string>(), Condition(plan, type)["message"]!.GetValue<string>());
        }

        if (expect["events"] is JsonArray events)
        {
            Assert.Equal(
                events.Select(e => e!.GetValue<string>()),
                plan.Events.Select(e => $"{e.Type} {e.Reason}: {e.Message}"));
        }

        Assert.Equal(expect["delete"]?.GetValue<bool>() ?? false, plan.DeleteSequentialJob);
        Assert.Equal(expect["verifyJobAbsence"]?.GetValue<bool>() ?? false, plan.VerifyJobAbsence);
        Assert.Equal(expect["jobToDelete"]?.GetValue<bool>() ?? false, plan.JobToDelete is not null);
        if (expect.ContainsKey("requeueAfterSeconds"))
        {
            var seconds = expect["requeueAfterSeconds"]?.GetValue<double>();
            Assert.Equal(seconds is null, plan.RequeueAfter is null);
            Assert.Equal(seconds ?? 0, plan.RequeueAfter?.TotalSeconds ?? 0, precision: 3);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Planning_again_after_the_status_is_written_changes_nothing(string name)
    {
        var input = Scenario.Load(name).Input();
        var first = ReconcilePlanner.Plan(input);
        var second = ReconcilePlanner.Plan(input with { SequentialJob = World.Apply(input.SequentialJob, first) });

        Assert.Null(second.Status);
        Assert.Empty(second.Events);
        Assert.Equal(first.DeleteSequentialJob, second.DeleteSequentialJob);
        Assert.Equal(first.RequeueAfter, second.RequeueAfter);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Planning_does_not_modify_its_input(string name)
    {
        var input = Scenario.Load(name).Input();
        var before = Snapshot(input);
        ReconcilePlanner.Plan(input);
        Assert.Equal(before, Snapshot(input));
    }

    private static string Snapshot(ReconcileInput input) => string.Join(
        "\n",
        new[] { input.SequentialJob, input.Job }.Concat(input.Pods).Select(o => o?.ToJsonString() ?? "null"));

    private static JsonObject Condition(ReconcilePlan plan, string type)
    {
        Assert.NotNull(plan.Status);
        return plan.Status["conditions"]!.AsArray().OfType<JsonObject>().Single(c => c["type"]!.GetValue<string>() == type);
    }
}
