namespace Kueueleuleu.Cli;

/// <summary>
/// Everything the command touches outside its arguments, so tests can run the real entry point in-process.
/// </summary>
/// <param name="OpenStandardInput">Opens standard input (called at most once).</param>
/// <param name="Out">Standard output: converted manifests, help and version only.</param>
/// <param name="Error">Standard error: every error message.</param>
/// <param name="IsInputRedirected">Whether standard input is a pipe or file rather than a terminal.</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable.</param>
internal sealed record CliConsole(
    Func<Stream> OpenStandardInput,
    TextWriter Out,
    TextWriter Error,
    bool IsInputRedirected,
    Func<string, string?> GetEnvironmentVariable);
