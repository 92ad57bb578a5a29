using System.Numerics;

namespace Kueueleuleu.StepProtocol.Tests.Resources;

/// <summary>
/// Maximum-weight antichains found by search, sharing nothing with the flow method under test: comparability by depth-first
/// search from every step, then either every subset (small DAGs) or every maximal antichain (Bron-Kerbosch with pivoting on
/// the incomparability graph: a maximal antichain is a maximal clique there, and with weights of at least zero every
/// maximum-weight antichain extends to a maximal one of the same weight).
/// </summary>
internal static class AntichainOracle
{
    /// <summary>For each step, the steps connected to it by a path either way (up to 64 steps).</summary>
    public static ulong[] Comparable(IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        var count = predecessors.Count;
        var comparable = new ulong[count];
        for (var step = 0; step < count; step++)
        {
            var seen = new HashSet<int>();
            var stack = new Stack<int>(predecessors[step]);
            while (stack.TryPop(out var before))
            {
                if (seen.Add(before))
                {
                    comparable[step] |= 1UL << before;
                    comparable[before] |= 1UL << step;
                    foreach (var earlier in predecessors[before])
                    {
                        stack.Push(earlier);
                    }
                }
            }
        }

        return comparable;
    }

    /// <summary>The heaviest antichain over all 2^n subsets (n at most 20 or so).</summary>
    public static decimal BySubsets(IReadOnlyList<decimal> weights, IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        var comparable = Comparable(predecessors);
        var best = 0m;
        for (var subset = 0UL; subset < 1UL << weights.Count; subset++)
        {
            var weight = 0m;
            var antichain = true;
            for (var step = 0; step < weights.Count && antichain; step++)
            {
                if ((subset >> step & 1) != 0)
                {
                    antichain = (comparable[step] & subset) == 0;
                    weight += weights[step];
                }
            }

            if (antichain)
            {
                best = Math.Max(best, weight);
            }
        }

        return best;
    }

    /// <summary>The heaviest antichain over every maximal antichain (up to 64 steps), and how many maximal ones there are.</summary>
    public static (decimal Weight, long MaximalAntichains) ByMaximalAntichains(IReadOnlyList<decimal> weights, IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        var count = weights.Count;
        var all = count == 64 ? ulong.MaxValue : (1UL << count) - 1;
        var comparable = Comparable(predecessors);
        var incomparable = Enumerable.Range(0, count).Select(step => all & ~comparable[step] & ~(1UL << step)).ToArray();
        var search = new CliqueSearch(weights, incomparable);
        search.Extend(0m, all, 0UL);
        return (search.Best, search.Found);
    }

    private sealed class CliqueSearch(IReadOnlyList<decimal> weights, ulong[] neighbours)
    {
        public decimal Best { get; private set; }

        public long Found { get; private set; }

        public void Extend(decimal weight, ulong candidates, ulong excluded)
        {
            if (candidates == 0 && excluded == 0)
            {
                Found++;
                Best = Math.Max(Best, weight);
                return;
            }

            var pivot = Pivot(candidates, excluded);
            var choices = candidates & ~neighbours[pivot];
            while (choices != 0)
            {
                var step = BitOperations.TrailingZeroCount(choices);
                var bit = 1UL << step;
                choices &= ~bit;
                Extend(weight + weights[step], candidates & neighbours[step], excluded & neighbours[step]);
                candidates &= ~bit;
                excluded |= bit;
            }
        }

        private int Pivot(ulong candidates, ulong excluded)
        {
            var best = -1;
            var bestDegree = -1;
            for (var rest = candidates | excluded; rest != 0; rest &= rest - 1)
            {
                var step = BitOperations.TrailingZeroCount(rest);
                var degree = BitOperations.PopCount(candidates & neighbours[step]);
                if (degree > bestDegree)
                {
                    (best, bestDegree) = (step, degree);
                }
            }

            return best;
        }
    }
}
