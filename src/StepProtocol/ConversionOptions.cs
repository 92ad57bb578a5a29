namespace Kueueleuleu.StepProtocol;

/// <summary>Settings that shape what the converter injects.</summary>
public sealed record ConversionOptions
{
    /// <summary>The entrypoint image used when none is given.</summary>
    public const string DefaultEntrypointImage = "kueueleuleu/entrypoint:0.1.0";

    /// <summary>The image of the injected <c>kueueleuleu-init</c> container that copies the entrypoint.</summary>
    public string EntrypointImage { get; init; } = DefaultEntrypointImage;
}
