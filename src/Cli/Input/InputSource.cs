using System.Text;

namespace Kueueleuleu.Cli.Input;

/// <summary>
/// One input, named as errors should name it (the path given, or <c>&lt;stdin&gt;</c>), opened only when it is
/// read, so inputs are streamed one after the other and never held whole.
/// </summary>
/// <param name="Name">The name in messages.</param>
/// <param name="Open">Opens the input's bytes; may throw <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</param>
internal sealed record InputSource(string Name, Func<Stream> Open)
{
    /// <summary>An input whose bytes are <paramref name="text"/> in UTF-8 (for tests and in-memory callers).</summary>
    public static InputSource FromText(string name, string text) =>
        new(name, () => new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false));
}
