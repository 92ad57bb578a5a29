namespace Kueueleuleu.Cli.Images;

/// <summary>One file registry credentials may be read from, and why it is searched.</summary>
/// <param name="Path">The file.</param>
/// <param name="Origin">What named it, for messages: <c>--authfile</c>, <c>$REGISTRY_AUTH_FILE</c>, <c>$XDG_RUNTIME_DIR</c>, …</param>
/// <param name="Legacy">Whether it is the legacy <c>.dockercfg</c> format (keys at the top level, no <c>auths</c>).</param>
/// <param name="Required">Whether it was named explicitly, so that a missing file is an error rather than skipped.</param>
internal sealed record AuthFile(string Path, string Origin, bool Legacy = false, bool Required = false);
