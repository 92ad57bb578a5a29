namespace Kueueleuleu.StepProtocol.Resources;

/// <summary>
/// The most of one resource that the steps of a run can hold at once: steps run one after the other, or as a DAG
/// where a step waits for the steps it lists in <c>after</c>, so only steps that no path of waits connects can run
/// together. A run therefore needs to reserve the heaviest such set, not the sum of all its steps.
/// </summary>
/// <remarks>
/// <para>
/// The heaviest set of pairwise unconnected steps is a maximum-weight antichain of the partial order the DAG
/// induces (u &lt; v when v waits for u, directly or through other steps). It is computed exactly in polynomial time by
/// the weighted form of Dilworth's theorem:
/// </para>
/// <list type="number">
/// <item>Replace every step u by w(u) copies, pairwise incomparable, each ordered like u. An antichain of the copies
/// projects onto an antichain of the steps and may take every copy of the steps it contains, so the largest antichain
/// of the copies has exactly the maximum antichain weight. (Decimal weights are rationals; scaling every weight by a
/// common denominator scales both sides of the identities below alike, so the argument holds for them too.)</item>
/// <item>Dilworth: the largest antichain of the copies equals the fewest chains covering them, and, over the transitive
/// closure, the fewest chains equal the number of copies minus a maximum matching of the bipartite graph joining a
/// copy of u on the left to a copy of v on the right whenever u &lt; v (each matched pair links two copies into one
/// chain).</item>
/// <item>Gathering the copies of each step back together, that matching is a maximum flow of the network source →
/// L_u (capacity w(u)), L_u → R_v for every u &lt; v in the closure (unbounded; w(u) bounds it already), R_v → sink
/// (capacity w(v)).</item>
/// </list>
/// <para>
/// So the peak is the total weight minus that maximum flow. The closure costs O(n²) bitset words and the flow
/// (Dinic) is polynomial in the number of steps; 64 steps, the SequentialJob maximum, take microseconds.
/// </para>
/// </remarks>
public static class ConcurrentPeak
{
    /// <summary>The largest total weight of steps no two of which are connected by a path of waits.</summary>
    /// <param name="weights">What each step uses of one resource; every weight is at least zero.</param>
    /// <param name="predecessors">For each step, the indices of the steps it waits for. The graph must be acyclic.</param>
    /// <returns>The maximum weight of an antichain; zero when there are no steps.</returns>
    /// <exception cref="ArgumentException">The lists differ in length, a weight is negative, an index is out of range or the graph has a cycle.</exception>
    public static decimal Of(IReadOnlyList<decimal> weights, IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(predecessors);
        if (weights.Count != predecessors.Count)
        {
            throw new ArgumentException($"{weights.Count} weights but {predecessors.Count} predecessor lists", nameof(predecessors));
        }

        if (weights.Any(w => w < 0))
        {
            throw new ArgumentException("a weight is negative", nameof(weights));
        }

        var closure = TransitiveClosure.Of(predecessors);
        var count = weights.Count;
        var source = 2 * count;
        var sink = source + 1;
        var network = new MaxFlow(sink + 1);
        for (var u = 0; u < count; u++)
        {
            if (weights[u] == 0)
            {
                continue;
            }

            network.AddEdge(source, u, weights[u]);
            network.AddEdge(count + u, sink, weights[u]);
            foreach (var v in closure.Successors(u))
            {
                if (weights[v] != 0)
                {
                    network.AddEdge(u, count + v, weights[u]);
                }
            }
        }

        return weights.Sum() - network.Run(source, sink);
    }
}
