using Kueueleuleu.StepProtocol.ImageCommands;
using Kueueleuleu.StepProtocol.Reservation;

namespace Kueueleuleu.StepProtocol;

/// <summary>Settings that shape what the converter injects.</summary>
public sealed record ConversionOptions
{
    /// <summary>The entrypoint image used when none is given.</summary>
    public const string DefaultEntrypointImage = "kueueleuleu/entrypoint:0.1.0";

    /// <summary>The image of the injected <c>kueueleuleu-init</c> container that copies the entrypoint.</summary>
    public string EntrypointImage { get; init; } = DefaultEntrypointImage;

    /// <summary>What the converted Pod requests: the steps' peak (the default) or every request as written.</summary>
    public RequestsMode Requests { get; init; } = RequestsMode.Peak;

    /// <summary>
    /// Per resource, the request a container that sets neither request nor limit is given by the namespace's LimitRange
    /// (its <c>defaultRequest</c>, else its <c>default</c>), when the caller knows it; such steps then count with it.
    /// </summary>
    public IReadOnlyDictionary<string, string> DefaultRequests { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// What the images of steps without <c>command</c> run, keyed by the <c>image</c> as written: such a step runs the
    /// image's ENTRYPOINT and CMD as the kubelet would. A step without <c>command</c> whose image is not here is an error.
    /// </summary>
    public IReadOnlyDictionary<string, ImageFacts> Images { get; init; } = new Dictionary<string, ImageFacts>();
}
