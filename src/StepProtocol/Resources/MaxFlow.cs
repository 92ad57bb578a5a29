namespace Kueueleuleu.StepProtocol.Resources;

/// <summary>
/// A maximum flow over exact decimal capacities (Dinic: breadth-first levels, then blocking flows along them). Every
/// augmentation saturates an edge of the level graph, so it terminates with real-valued capacities too, after at most
/// as many phases as there are nodes.
/// </summary>
internal sealed class MaxFlow
{
    private readonly List<Edge>[] adjacent;

    /// <summary>A network of <paramref name="nodes"/> nodes and no edges.</summary>
    /// <param name="nodes">The number of nodes.</param>
    public MaxFlow(int nodes)
    {
        adjacent = new List<Edge>[nodes];
        for (var node = 0; node < nodes; node++)
        {
            adjacent[node] = [];
        }
    }

    /// <summary>Adds a directed edge.</summary>
    /// <param name="from">Its tail.</param>
    /// <param name="to">Its head.</param>
    /// <param name="capacity">Its capacity, at least zero.</param>
    public void AddEdge(int from, int to, decimal capacity)
    {
        var forward = new Edge(to, capacity);
        var backward = new Edge(from, 0m);
        forward.Reverse = backward;
        backward.Reverse = forward;
        adjacent[from].Add(forward);
        adjacent[to].Add(backward);
    }

    /// <summary>Pushes as much flow as the network carries.</summary>
    /// <param name="source">Where flow enters.</param>
    /// <param name="sink">Where it leaves.</param>
    /// <returns>The value of a maximum flow.</returns>
    public decimal Run(int source, int sink)
    {
        var total = 0m;
        while (Levels(source, sink) is { } levels)
        {
            var next = new int[adjacent.Length];
            decimal pushed;
            while ((pushed = Push(source, sink, decimal.MaxValue, levels, next)) > 0)
            {
                total += pushed;
            }
        }

        return total;
    }

    /// <summary>The distance of each node from the source over edges with room left, or null when the sink is cut off.</summary>
    private int[]? Levels(int source, int sink)
    {
        var levels = Enumerable.Repeat(-1, adjacent.Length).ToArray();
        levels[source] = 0;
        var queue = new Queue<int>([source]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var edge in adjacent[node].Where(e => e.Room > 0 && levels[e.To] < 0))
            {
                levels[edge.To] = levels[node] + 1;
                queue.Enqueue(edge.To);
            }
        }

        return levels[sink] < 0 ? null : levels;
    }

    /// <summary>One augmenting path along increasing levels; <paramref name="next"/> skips edges already found useless.</summary>
    private decimal Push(int node, int sink, decimal limit, int[] levels, int[] next)
    {
        if (node == sink)
        {
            return limit;
        }

        for (; next[node] < adjacent[node].Count; next[node]++)
        {
            var edge = adjacent[node][next[node]];
            if (edge.Room <= 0 || levels[edge.To] != levels[node] + 1)
            {
                continue;
            }

            var pushed = Push(edge.To, sink, Math.Min(limit, edge.Room), levels, next);
            if (pushed > 0)
            {
                edge.Room -= pushed;
                edge.Reverse!.Room += pushed;
                return pushed;
            }
        }

        return 0m;
    }

    /// <summary>A residual edge: what can still go along it, and its partner in the other direction.</summary>
    private sealed class Edge(int to, decimal room)
    {
        public int To { get; } = to;

        public decimal Room { get; set; } = room;

        public Edge? Reverse { get; set; }
    }
}
