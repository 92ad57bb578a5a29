namespace Kueueleuleu.StepProtocol.Resources;

/// <summary>
/// Which steps wait for which, directly or through others, as one bitset row per step (64 steps per word), built in
/// topological order so that each row is the union of the rows of the step's direct predecessors.
/// </summary>
internal sealed class TransitiveClosure
{
    /// <summary>Row v holds bit u when v waits for u, directly or not.</summary>
    private readonly ulong[][] ancestors;

    private TransitiveClosure(ulong[][] ancestors) => this.ancestors = ancestors;

    /// <summary>The closure of a DAG given by its predecessor lists.</summary>
    /// <param name="predecessors">For each step, the indices of the steps it waits for.</param>
    /// <returns>The closure.</returns>
    /// <exception cref="ArgumentException">An index is out of range or the graph has a cycle.</exception>
    public static TransitiveClosure Of(IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        var count = predecessors.Count;
        var words = (count + 63) / 64;
        var ancestors = new ulong[count][];
        foreach (var step in TopologicalOrder(predecessors))
        {
            var row = new ulong[words];
            foreach (var before in predecessors[step])
            {
                row[before / 64] |= 1UL << (before % 64);
                for (var word = 0; word < words; word++)
                {
                    row[word] |= ancestors[before][word];
                }
            }

            ancestors[step] = row;
        }

        return new TransitiveClosure(ancestors);
    }

    /// <summary>The steps that wait for <paramref name="step"/>, directly or not.</summary>
    /// <param name="step">The step.</param>
    /// <returns>Their indices, ascending.</returns>
    public IEnumerable<int> Successors(int step)
    {
        var word = step / 64;
        var bit = 1UL << (step % 64);
        for (var later = 0; later < ancestors.Length; later++)
        {
            if ((ancestors[later][word] & bit) != 0)
            {
                yield return later;
            }
        }
    }

    /// <summary>Kahn's order: a step comes after every step it waits for.</summary>
    private static List<int> TopologicalOrder(IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        var count = predecessors.Count;
        var waiting = new int[count];
        var successors = new List<int>[count];
        for (var step = 0; step < count; step++)
        {
            successors[step] = [];
        }

        for (var step = 0; step < count; step++)
        {
            foreach (var before in predecessors[step])
            {
                if (before < 0 || before >= count)
                {
                    throw new ArgumentException($"step {step} waits for {before}, which is not a step", nameof(predecessors));
                }

                successors[before].Add(step);
                waiting[step]++;
            }
        }

        var order = new List<int>(count);
        var ready = new Queue<int>(Enumerable.Range(0, count).Where(step => waiting[step] == 0));
        while (ready.TryDequeue(out var step))
        {
            order.Add(step);
            foreach (var later in successors[step])
            {
                if (--waiting[later] == 0)
                {
                    ready.Enqueue(later);
                }
            }
        }

        return order.Count == count
            ? order
            : throw new ArgumentException("the steps wait for each other in a cycle", nameof(predecessors));
    }
}
