namespace Kueueleuleu.StepProtocol.Policies;

/// <summary>Finds the cycles in the "waits for" graph of a set of steps.</summary>
internal static class StepCycles
{
    /// <summary>
    /// Returns each distinct cycle once, as the closed walk from its earliest step (in step order) along
    /// "waits for" edges, e.g. <c>[a, b, a]</c> when a waits for b and b waits for a.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyList<StepPlan> plans)
    {
        var order = plans.Select((plan, index) => (plan.Name, index)).ToDictionary(p => p.Name, p => p.index, StringComparer.Ordinal);
        var edges = plans.ToDictionary(p => p.Name, p => p.After, StringComparer.Ordinal);
        var state = new Dictionary<string, Visit>(StringComparer.Ordinal);
        var stack = new List<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            Walk(plan.Name, edges, order, state, stack, cycles, seen);
        }

        return cycles;
    }

    private enum Visit
    {
        InProgress,
        Done,
    }

    private static void Walk(
        string name,
        Dictionary<string, IReadOnlyList<string>> edges,
        Dictionary<string, int> order,
        Dictionary<string, Visit> state,
        List<string> stack,
        List<IReadOnlyList<string>> cycles,
        HashSet<string> seen)
    {
        if (state.ContainsKey(name))
        {
            return;
        }

        state[name] = Visit.InProgress;
        stack.Add(name);
        foreach (var next in edges.GetValueOrDefault(name) ?? [])
        {
            if (state.TryGetValue(next, out var visit) && visit == Visit.InProgress)
            {
                AddCycle(stack[stack.IndexOf(next)..], order, cycles, seen);
            }
            else if (edges.ContainsKey(next))
            {
                Walk(next, edges, order, state, stack, cycles, seen);
            }
        }

        stack.RemoveAt(stack.Count - 1);
        state[name] = Visit.Done;
    }

    private static void AddCycle(
        List<string> members, Dictionary<string, int> order, List<IReadOnlyList<string>> cycles, HashSet<string> seen)
    {
        // Rotate so the cycle starts at its earliest step: the same cycle reads the same whichever step the walk met first.
        var start = members.IndexOf(members.MinBy(m => order[m])!);
        var rotated = members[start..].Concat(members[..start]).ToList();
        if (seen.Add(string.Join(",", rotated)))
        {
            rotated.Add(rotated[0]);
            cycles.Add(rotated);
        }
    }
}
