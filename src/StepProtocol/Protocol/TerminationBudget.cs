namespace Kueueleuleu.StepProtocol.Protocol;

/// <summary>
/// How many bytes of termination message each step may write. The kubelet keeps at most 12,288 bytes of termination
/// messages per Pod, split equally among all its containers (init containers included), and at most 4,096 for any one
/// of them; whatever a container writes beyond its share is cut. The converter passes each step its share, so the
/// entrypoint fits its outcome and results into what the kubelet will keep instead of having them cut blindly.
/// </summary>
public static class TerminationBudget
{
    /// <summary>The share of each container of a converted Pod.</summary>
    /// <param name="containers">The Pod's regular containers (the steps).</param>
    /// <param name="userInitContainers">The init containers as written, native sidecars included, without the injected one.</param>
    /// <returns><c>min(4096, 12288 / (containers + userInitContainers + 1))</c>; the 1 is the injected init container.</returns>
    public static int PerContainer(int containers, int userInitContainers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(containers);
        ArgumentOutOfRangeException.ThrowIfNegative(userInitContainers);
        var all = containers + userInitContainers + 1;
        return Math.Min(EntrypointProtocol.DefaultTerminationBudget, EntrypointProtocol.PodTerminationBudget / all);
    }
}
