using System.Text.Json.Nodes;
using Kueueleuleu.GitOps.Tests.Support;

namespace Kueueleuleu.GitOps.Tests.Flux;

/// <summary>
/// kstatus' rules (as Flux's <c>wait: true</c> and <c>healthChecks</c> apply them) on the same captured objects as the
/// Argo CD tests: running is InProgress, succeeded Current, failed Failed (so Flux fails at once instead of waiting
/// for its timeout), suspended Current.
/// </summary>
public sealed class KStatusTests
{
    [Theory]
    [InlineData("running", KStatus.InProgress)]
    [InlineData("pending", KStatus.InProgress)]
    [InlineData("succeeded", KStatus.Current)]
    [InlineData("failed", KStatus.Failed)]
    [InlineData("suspended", KStatus.Current)]
    [InlineData("invalid-spec", KStatus.Failed)]
    [InlineData("job-name-taken", KStatus.Failed)]
    [InlineData("generation-behind", KStatus.InProgress)]
    // kstatus compares generations only when status.observedGeneration exists: before the operator's first status
    // write a custom resource reads as Current (docs/gitops.md, "Flux").
    [InlineData("no-status", KStatus.Current)]
    public void Captured_object_has_the_kstatus_it_means(string file, KStatus expected) =>
        Assert.Equal(expected, KStatusRules.Compute(Load(file)).Status);

    [Fact]
    public void Failed_carries_the_Stalled_message_naming_the_step()
    {
        var result = KStatusRules.Compute(Load("failed"));

        Assert.StartsWith("step check failed with exit code 3", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_carries_the_Reconciling_message()
    {
        Assert.Equal("step 2/3 test running", KStatusRules.Compute(Load("running")).Message);
    }

    [Fact]
    public void Generation_behind_names_both_generations()
    {
        Assert.Equal(
            "SequentialJob generation is 2, but latest observed generation is 1",
            KStatusRules.Compute(Load("generation-behind")).Message);
    }

    [Fact]
    public void Flux_wait_fails_at_once_on_a_failed_run_and_keeps_waiting_on_a_running_one()
    {
        Assert.Equal(WaitVerdict.Failed, FluxWait.Poll([Load("succeeded"), Load("running"), Load("failed")]));
        Assert.Equal(WaitVerdict.KeepWaiting, FluxWait.Poll([Load("succeeded"), Load("running")]));
        Assert.Equal(WaitVerdict.KeepWaiting, FluxWait.Poll([Load("succeeded"), Load("generation-behind")]));
        Assert.Equal(WaitVerdict.Ready, FluxWait.Poll([Load("succeeded"), Load("suspended")]));
    }

    [Fact]
    public void A_deleted_object_is_terminating()
    {
        var obj = Load("succeeded");
        obj["metadata"]!["deletionTimestamp"] = "2026-01-01T00:00:00Z";

        Assert.Equal(KStatus.Terminating, KStatusRules.Compute(obj).Status);
    }

    [Fact]
    public void Without_Reconciling_and_Stalled_the_Ready_condition_decides()
    {
        // The captured objects always publish all five conditions; strip them to Ready alone to check that rule.
        foreach (var (file, expected) in new[] { ("running", KStatus.InProgress), ("succeeded", KStatus.Current), ("failed", KStatus.InProgress) })
        {
            var obj = Load(file);
            var conditions = obj["status"]!["conditions"]!.AsArray();
            foreach (var other in conditions.Where(c => (string?)c!["type"] != "Ready").ToList())
            {
                conditions.Remove(other);
            }

            Assert.Equal(expected, KStatusRules.Compute(obj).Status);
        }
    }

    [Fact]
    public void The_first_true_Reconciling_or_Stalled_condition_in_list_order_decides()
    {
        var obj = Load("running");
        var conditions = obj["status"]!["conditions"]!.AsArray();
        var stalled = conditions.Select(c => c!.AsObject()).Single(c => (string?)c["type"] == "Stalled");
        stalled["status"] = "True";

        Assert.Equal(KStatus.InProgress, KStatusRules.Compute(obj).Status); // Reconciling comes before Stalled

        conditions.Remove(stalled);
        conditions.Insert(0, stalled);
        Assert.Equal(KStatus.Failed, KStatusRules.Compute(obj).Status);
    }

    private static JsonObject Load(string file) => YamlJson.ReadObject(Paths.TestData($"testdata/{file}.yaml"));
}
