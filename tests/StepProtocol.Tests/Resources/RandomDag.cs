namespace Kueueleuleu.StepProtocol.Tests.Resources;

/// <summary>Seeded random DAGs with shuffled step numbers (so index order is not a topological order) and mixed weights.</summary>
internal static class RandomDag
{
    private static readonly decimal[] WeightChoices = [0m, 0m, 0.25m, 0.5m, 1m, 1.5m, 2m, 3m, 0.1m, 7m, 0.001m];

    public static (decimal[] Weights, IReadOnlyList<int>[] Predecessors) Make(int seed, int count, double edgeChance)
    {
        var random = new Random(seed);
        var label = Enumerable.Range(0, count).ToArray();
        random.Shuffle(label);
        var predecessors = new List<int>[count];
        for (var step = 0; step < count; step++)
        {
            predecessors[step] = [];
        }

        for (var later = 0; later < count; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                if (random.NextDouble() < edgeChance)
                {
                    predecessors[label[later]].Add(label[earlier]);
                }
            }
        }

        var weights = Enumerable.Range(0, count).Select(_ => WeightChoices[random.Next(WeightChoices.Length)]).ToArray();
        return (weights, predecessors);
    }
}
