namespace Kueueleuleu.StepProtocol.ImageCommands;

/// <summary>
/// What an image runs when a container gives no <c>command</c>, as its registry says (its config's ENTRYPOINT and CMD),
/// and the reference to run it by so that the kubelet pulls exactly the image that was looked up.
/// </summary>
/// <param name="Entrypoint">The image's ENTRYPOINT; <see langword="null"/> when it sets none.</param>
/// <param name="Cmd">The image's CMD; <see langword="null"/> when it sets none.</param>
/// <param name="PinnedReference">
/// The image reference with the digest that was looked up (<c>registry/repo@sha256:…</c>), which replaces the step's
/// <c>image</c>; <see langword="null"/> to leave the image as written.
/// </param>
public sealed record ImageFacts(IReadOnlyList<string>? Entrypoint, IReadOnlyList<string>? Cmd, string? PinnedReference);
