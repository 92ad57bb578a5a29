namespace Kueueleuleu.StepProtocol.ImageCommands;

/// <summary>
/// Escapes text for a container's <c>command</c> or <c>args</c>, where the kubelet expands <c>$(VAR)</c> references and
/// turns <c>$$</c> into <c>$</c>. The image's ENTRYPOINT and CMD are never expanded by the kubelet, so when they are
/// copied into a Pod spec every <c>$</c> must be doubled to reach the process unchanged.
/// </summary>
public static class KubeletExpansion
{
    /// <summary>Doubles every <c>$</c>, so that the kubelet's expansion gives back the text as it is.</summary>
    /// <param name="text">Text taken from an image config.</param>
    /// <returns>The escaped text.</returns>
    public static string Escape(string text) => text.Replace("$", "$$", StringComparison.Ordinal);
}
