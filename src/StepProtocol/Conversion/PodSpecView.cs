using System.Text.Json.Nodes;

namespace Kueueleuleu.StepProtocol.Conversion;

/// <summary>A named item of a pod spec list (a container or a volume), with its path for error messages.</summary>
/// <param name="Name">The item's name.</param>
/// <param name="Node">The item itself.</param>
/// <param name="Path">Its path, e.g. <c>spec.containers[1]</c>.</param>
internal sealed record NamedItem(string Name, JsonObject Node, string Path);

/// <summary>The parts of a pod spec the converter works with, read once and checked for shape.</summary>
/// <param name="Spec">The pod spec.</param>
/// <param name="Path">Its path, e.g. <c>spec.template.spec</c>.</param>
/// <param name="Containers">The regular containers: the steps, in order.</param>
/// <param name="InitContainers">The init containers, native sidecars included.</param>
/// <param name="Volumes">The volumes.</param>
/// <param name="Complete">Whether every container was readable, so step names can be trusted.</param>
internal sealed record PodSpecView(
    JsonObject Spec,
    string Path,
    IReadOnlyList<NamedItem> Containers,
    IReadOnlyList<NamedItem> InitContainers,
    IReadOnlyList<NamedItem> Volumes,
    bool Complete);
