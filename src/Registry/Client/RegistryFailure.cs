namespace Kueueleuleu.Registry;

/// <summary>A failed lookup: its kind, a message that says what happened and what to do, and every request made.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Message">What happened and what to do, naming the image, the registry and the status.</param>
/// <param name="Attempts">The requests, in order.</param>
public sealed record RegistryFailure(RegistryFailureKind Kind, string Message, IReadOnlyList<RegistryAttempt> Attempts)
{
    /// <summary>The message followed by the requests made.</summary>
    /// <returns>A text for a status message, an Event or the CLI.</returns>
    public override string ToString() =>
        Attempts.Count == 0 ? Message : $"{Message} Requests: {string.Join("; ", Attempts)}.";
}
