using Kueueleuleu.Cli.Errors;

namespace Kueueleuleu.Cli.Input;

/// <summary>
/// Expands the <c>-f</c> arguments into input texts, in the order given: <c>-</c> is standard input, a file is read
/// as is (any extension), a directory contributes its <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> files sorted
/// by name, descending into subdirectories (in the same name order, like kubectl) only when recursive.
/// </summary>
internal static class InputCollector
{
    /// <summary>The name standard input has in error messages.</summary>
    public const string StdinName = "<stdin>";

    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    /// <summary>Reads every input; unreadable ones become diagnostics instead of exceptions.</summary>
    public static (List<InputSource> Sources, List<Diagnostic> Errors) Collect(
        IReadOnlyList<string> filenames, bool recursive, Func<Stream> openStdin)
    {
        var sources = new List<InputSource>();
        var errors = new List<Diagnostic>();
        foreach (var name in filenames)
        {
            if (name == "-")
            {
                AddStream(StdinName, openStdin, sources, errors);
            }
            else if (Directory.Exists(name))
            {
                foreach (var file in ListDirectory(name, recursive, errors))
                {
                    AddStream(file, () => File.OpenRead(file), sources, errors);
                }
            }
            else
            {
                AddStream(name, () => File.OpenRead(name), sources, errors);
            }
        }

        return (sources, errors);
    }

    private static List<string> ListDirectory(string directory, bool recursive, List<Diagnostic> errors)
    {
        try
        {
            return ExpandDirectory(directory, recursive).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new Diagnostic(directory, Describe(e)));
            return [];
        }
    }

    /// <summary>
    /// The manifest files of <paramref name="directory"/>, in kubectl's walk order. Like kubectl's walk, symbolic
    /// links to directories are not followed, which also rules out loops.
    /// </summary>
    public static IEnumerable<string> ExpandDirectory(string directory, bool recursive)
    {
        var entries = Directory.EnumerateFileSystemEntries(directory)
            .Order(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (Directory.Exists(entry))
            {
                if (recursive && new DirectoryInfo(entry).LinkTarget is null)
                {
                    foreach (var nested in ExpandDirectory(entry, recursive))
                    {
                        yield return nested;
                    }
                }
            }
            else if (ManifestExtensions.Contains(Path.GetExtension(entry), StringComparer.OrdinalIgnoreCase))
            {
                yield return entry;
            }
        }
    }

    private static void AddStream(string name, Func<Stream> open, List<InputSource> sources, List<Diagnostic> errors)
    {
        try
        {
            using var stream = open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            if (TextDecoder.TryDecode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), out var text, out var error))
            {
                sources.Add(new InputSource(name, text));
            }
            else
            {
                errors.Add(new Diagnostic(name, error!));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new Diagnostic(name, Describe(e)));
        }
    }

    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory; check the path given to -f",
        UnauthorizedAccessException => "permission denied; check the file's permissions",
        _ => $"cannot be read: {e.Message}",
    };
}
