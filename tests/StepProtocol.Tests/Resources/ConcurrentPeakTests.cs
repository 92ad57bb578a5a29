using Kueueleuleu.StepProtocol.Resources;

namespace Kueueleuleu.StepProtocol.Tests.Resources;

public sealed class ConcurrentPeakTests
{
    private static readonly int[] None = [];

    /// <summary>Each row: a name, the weights, the predecessor lists, and the peak worked out by hand.</summary>
    public static TheoryData<string, decimal[], int[][], decimal> HandTables() => new()
    {
        { "no steps", [], [], 0m },
        { "one step", [2m], [None], 2m },
        { "a chain of five 2-CPU steps (the default order)", [2m, 2m, 2m, 2m, 2m], [None, [0], [1], [2], [3]], 2m },
        { "a chain is its heaviest step", [1m, 4m, 0.5m, 3m], [None, [0], [1], [2]], 4m },
        { "all independent is the sum", [1m, 0.25m, 2m, 0m], [None, None, None, None], 3.25m },
        { "a diamond: the two middle steps together", [1m, 2m, 3m, 4m], [None, [0], [0], [1, 2]], 5m },
        { "a diamond whose end outweighs its middle", [1m, 2m, 3m, 6m], [None, [0], [0], [1, 2]], 6m },
        { "two branches of different lengths: the long one's heaviest step beside the short one", [1m, 1m, 5m, 2m, 3m, 1m], [None, [0], [1], [2], [0], [3, 4]], 8m },
        { "a step that waits for two others", [1.5m, 2m, 3m], [None, None, [0, 1]], 3.5m },
        { "a step that waits for two others and outweighs them", [1.5m, 2m, 4m], [None, None, [0, 1]], 4m },
        { "a wait through a zero-weight step still orders", [5m, 0m, 5m], [None, [0], [1]], 5m },
        { "duplicate and redundant waits change nothing", [1m, 2m, 3m], [None, [0, 0], [0, 1, 1]], 3m },
        { "the closure, not only direct waits: a skip edge", [3m, 1m, 3m, 1m], [None, [0], [1], None], 4m },
        { "fractions stay exact", [0.1m, 0.2m, 0.3m], [None, None, [0]], 0.5m },
        { "steps listed after those waiting for them", [1m, 2m, 3m], [[1], [2], None], 3m },
    };

    [Theory]
    [MemberData(nameof(HandTables))]
    public void Hand_tables(string name, decimal[] weights, int[][] predecessors, decimal peak)
    {
        Assert.Equal(peak, ConcurrentPeak.Of(weights, predecessors));
        Assert.True(peak == AntichainOracle.BySubsets(weights, predecessors), name);
    }

    public static TheoryData<int, int, double> SmallRandomDags()
    {
        var data = new TheoryData<int, int, double>();
        foreach (var count in Enumerable.Range(1, 16))
        {
            foreach (var chance in new[] { 0.0, 0.15, 0.35, 0.7 })
            {
                foreach (var seed in Enumerable.Range(0, 4))
                {
                    data.Add(count * 1000 + seed, count, chance);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SmallRandomDags))]
    public void Random_dags_of_up_to_16_steps_match_every_subset(int seed, int count, double edgeChance)
    {
        var (weights, predecessors) = RandomDag.Make(seed, count, edgeChance);

        var expected = AntichainOracle.BySubsets(weights, predecessors);

        Assert.Equal(expected, ConcurrentPeak.Of(weights, predecessors));
        Assert.Equal(expected, AntichainOracle.ByMaximalAntichains(weights, predecessors).Weight);
    }

    public static TheoryData<string, decimal[], int[][], decimal> SixtyFourSteps()
    {
        var weights = Enumerable.Range(0, 64).Select(step => 0.25m * (step % 7) + (step % 5 == 0 ? 1m : 0m)).ToArray();
        var chain = Enumerable.Range(0, 64).Select(step => step == 0 ? None : [step - 1]).ToArray();
        var independent = Enumerable.Range(0, 64).Select(_ => None).ToArray();
        var layers = Enumerable.Range(0, 64)
            .Select(step => step < 8 ? None : Enumerable.Range((step / 8 - 1) * 8, 8).ToArray())
            .ToArray();
        var fan = Enumerable.Range(0, 64)
            .Select(step => step switch { 0 => None, 63 => Enumerable.Range(1, 62).ToArray(), _ => [0] })
            .ToArray();
        return new()
        {
            { "a chain of 64", weights, chain, weights.Max() },
            { "64 independent steps", weights, independent, weights.Sum() },
            { "8 layers of 8", weights, layers, weights.Chunk(8).Max(layer => layer.Sum()) },
            { "fan-out to 62 and back in", weights, fan, Math.Max(weights[1..63].Sum(), Math.Max(weights[0], weights[63])) },
            { "fan-out to 62 and back in, heavy ends", [100m, .. weights[1..63], 100m], fan, 100m },
        };
    }

    [Theory]
    [MemberData(nameof(SixtyFourSteps))]
    public void The_64_step_shapes_match_every_maximal_antichain(string name, decimal[] weights, int[][] predecessors, decimal peak)
    {
        _ = name;

        Assert.Equal(peak, AntichainOracle.ByMaximalAntichains(weights, predecessors).Weight);
        Assert.Equal(peak, ConcurrentPeak.Of(weights, predecessors));
    }

    public static TheoryData<int, double> LargeRandomDags()
    {
        var data = new TheoryData<int, double>();
        foreach (var chance in new[] { 0.05, 0.08, 0.12, 0.2, 0.35, 0.6 })
        {
            foreach (var seed in Enumerable.Range(0, 5))
            {
                data.Add(64_000 + seed, chance);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LargeRandomDags))]
    public void Random_dags_of_64_steps_match_every_maximal_antichain(int seed, double edgeChance)
    {
        var (weights, predecessors) = RandomDag.Make(seed, 64, edgeChance);

        var (expected, maximalAntichains) = AntichainOracle.ByMaximalAntichains(weights, predecessors);

        Assert.True(maximalAntichains > 1);
        Assert.Equal(expected, ConcurrentPeak.Of(weights, predecessors));
    }

    [Fact]
    public void Beyond_64_steps_a_chain_of_layers_still_works()
    {
        var weights = Enumerable.Range(0, 200).Select(step => (decimal)(step % 10)).ToArray();
        var predecessors = Enumerable.Range(0, 200)
            .Select(step => step < 10 ? None : Enumerable.Range((step / 10 - 1) * 10, 10).ToArray())
            .ToArray();

        Assert.Equal(45m, ConcurrentPeak.Of(weights, predecessors));
    }

    [Fact]
    public void The_oracles_agree_with_each_other()
    {
        foreach (var seed in Enumerable.Range(0, 40))
        {
            var (weights, predecessors) = RandomDag.Make(seed, 12, 0.25);

            Assert.Equal(AntichainOracle.BySubsets(weights, predecessors), AntichainOracle.ByMaximalAntichains(weights, predecessors).Weight);
        }
    }

    [Fact]
    public void Rejects_what_the_caller_guarantees_against()
    {
        Assert.Throws<ArgumentException>(() => ConcurrentPeak.Of([1m, 1m], [None]));
        Assert.Throws<ArgumentException>(() => ConcurrentPeak.Of([-1m], [None]));
        Assert.Throws<ArgumentException>(() => ConcurrentPeak.Of([1m], [[1]]));
        Assert.Throws<ArgumentException>(() => ConcurrentPeak.Of([1m], [[-1]]));
        Assert.Throws<ArgumentException>(() => ConcurrentPeak.Of([1m, 1m], [[1], [0]]));
        Assert.Throws<ArgumentException>(() => ConcurrentPeak.Of([1m], [[0]]));
    }
}
