namespace Kueueleuleu.Registry;

/// <summary>An answer to one GET (after retries): the status, the headers a lookup reads, and the body read within its bound.</summary>
internal sealed record HttpOutcome(
    int Status,
    ReadOnlyMemory<byte> Body,
    string? ContentType,
    string? DockerContentDigest,
    IReadOnlyList<string> Challenges,
    RegistryAttempt Attempt)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Whether the body was larger than the bound and was not read.</summary>
    public bool TooLarge { get; init; }

    /// <summary>The registry's error document summarized, if it sent one.</summary>
    public string? ErrorText => RegistryErrorBody.Describe(Body);
}
