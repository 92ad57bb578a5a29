using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>Converted pods run their steps one after the other, or as their DAG says.</summary>
[Collection(SerialPodman.Name)]
[Trait(Needs.Trait, Needs.Podman)]
public sealed class OrderTests
{
    [Fact]
    public async Task Steps_run_strictly_one_after_the_other_and_share_their_work()
    {
        var run = await ConvertedPod.RunAsync("sequential.yaml");

        Assert.All(run.Containers, c => Assert.Equal("succeeded", c.State));
        for (var i = 1; i < run.Containers.Count; i++)
        {
            var previous = run.Containers[i - 1];
            var current = run.Containers[i];
            Assert.True(
                current.CommandStartedAt >= previous.CommandFinishedAt,
                $"{current.Name} started at {current.CommandStartedAt:O}, before {previous.Name} finished at {previous.CommandFinishedAt:O}");
        }

        Assert.Equal("built\ntested\n", run["publish"].Output);
    }

    [Fact]
    public async Task Independent_branches_of_a_DAG_run_at_the_same_time()
    {
        var run = await ConvertedPod.RunAsync("dag.yaml");

        Assert.All(run.Containers, c => Assert.Equal("succeeded", c.State));
        var (root, left, right, join) = (run["root"], run["left"], run["right"], run["join"]);
        Assert.True(left.CommandStartedAt >= root.CommandFinishedAt);
        Assert.True(right.CommandStartedAt >= root.CommandFinishedAt);
        // Each branch sleeps three seconds: they overlap only if they really ran in parallel.
        Assert.True(left.CommandStartedAt < right.CommandFinishedAt && right.CommandStartedAt < left.CommandFinishedAt,
            $"left {left.CommandStartedAt:O}–{left.CommandFinishedAt:O}, right {right.CommandStartedAt:O}–{right.CommandFinishedAt:O}");
        Assert.True(join.CommandStartedAt >= left.CommandFinishedAt);
        Assert.True(join.CommandStartedAt >= right.CommandFinishedAt);
    }

    [Fact]
    public async Task Arguments_reach_the_command_exactly()
    {
        var run = await ConvertedPod.RunAsync("argv.yaml");

        string[] expected =
        [
            "<two words>", "<\"double\" and 'single'>", "<-->", "<-x>", "<--flag=value>", "<>", "<ünïcödé ✓>",
            "<  padded  >", "<*>", "<a;b|c&d>",
        ];
        Assert.Equal(string.Join('\n', expected) + "\n", run["print"].Output);
    }
}
