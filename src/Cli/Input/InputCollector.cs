using Kueueleuleu.Cli.Errors;

namespace Kueueleuleu.Cli.Input;

/// <summary>
/// Expands the <c>-f</c> arguments into inputs, in the order given: <c>-</c> is standard input, a file is read as
/// is (any extension, and whatever it is: a FIFO or device named with <c>-f</c> is read as a stream), a directory
/// contributes its <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> files sorted by name, descending into
/// subdirectories (in the same name order, like kubectl) only when recursive. Nothing is opened here: inputs are
/// opened one at a time as they are read.
/// </summary>
internal static class InputCollector
{
    /// <summary>The name standard input has in error messages.</summary>
    public const string StdinName = "<stdin>";

    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    /// <summary>Lists every input; directories that cannot be listed become diagnostics instead of exceptions.</summary>
    public static (List<InputSource> Sources, List<Diagnostic> Errors) Collect(
        IReadOnlyList<string> filenames, bool recursive, Func<Stream> openStdin)
    {
        var sources = new List<InputSource>();
        var errors = new List<Diagnostic>();
        foreach (var name in filenames)
        {
            if (name == "-")
            {
                sources.Add(new InputSource(StdinName, openStdin));
            }
            else if (Directory.Exists(name))
            {
                sources.AddRange(ListDirectory(name, recursive, errors).Select(file => new InputSource(file, () => OpenListed(file))));
            }
            else
            {
                sources.Add(new InputSource(name, () => File.OpenRead(name)));
            }
        }

        return (sources, errors);
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

    /// <summary>The one-line message for an input that cannot be opened or read.</summary>
    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory; check the path given to -f",
        UnauthorizedAccessException => "permission denied; check the file's permissions",
        _ => $"cannot be read: {e.Message}",
    };

    // A file found in a directory is opened only when it has a size. An empty file holds no manifest, and FIFOs,
    // sockets and devices have no size: opening a FIFO blocks until some process writes to it, which in a walk
    // nobody asked for would hang the run. Named on its own with -f, such a file is read as a stream.
    private static Stream OpenListed(string file) =>
        new FileInfo(file).Length == 0 ? Stream.Null : File.OpenRead(file);

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
}
