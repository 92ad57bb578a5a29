using Kueueleuleu.Entities.Schema;

namespace Kueueleuleu.CrdGen;

/// <summary>
/// The generator command: writes the files of <see cref="CrdFiles"/> under the repository root, or with
/// <c>--check</c> only compares them and fails when a committed file differs.
/// </summary>
internal static class CrdGenCommand
{
    public const string Usage =
        "usage: " + CrdGenerator.Command + " -- [--check] [--root DIR]\n" +
        "  writes " + CrdGenerator.CrdPath + " and " + CrdGenerator.KustomizationPath + " from the C# types in src/Entities\n" +
        "  --check     write nothing; exit 1 and show the differences when a committed file is not the generated one\n" +
        "  --root DIR  the repository root (default: the nearest directory above the current one holding Kueueleuleu.sln)\n";

    /// <summary>Runs the command; returns the exit code (0 done or up to date, 1 out of date, 2 usage error).</summary>
    public static int Run(IReadOnlyList<string> args, string currentDirectory, TextWriter output, TextWriter error)
    {
        var check = false;
        string? root = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--check":
                    check = true;
                    break;
                case "--root" when i + 1 < args.Count:
                    root = Path.GetFullPath(args[++i], currentDirectory);
                    break;
                case "-h" or "--help":
                    output.Write(Usage);
                    return 0;
                default:
                    error.Write($"crdgen: unknown argument '{args[i]}'\n{Usage}");
                    return 2;
            }
        }

        root ??= FindRoot(currentDirectory);
        if (root is null)
        {
            error.Write($"crdgen: no Kueueleuleu.sln in {currentDirectory} or above; run from the repository or pass --root DIR\n");
            return 2;
        }

        return check ? Check(root, output, error) : Write(root, output);
    }

    /// <summary>The nearest directory at or above <paramref name="start"/> that holds Kueueleuleu.sln.</summary>
    public static string? FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kueueleuleu.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static int Write(string root, TextWriter output)
    {
        foreach (var (path, text) in CrdFiles.Render())
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            output.Write($"wrote {path}\n");
        }

        return 0;
    }

    private static int Check(string root, TextWriter output, TextWriter error)
    {
        var stale = 0;
        foreach (var (path, text) in CrdFiles.Render())
        {
            var full = Path.Combine(root, path);
            var committed = File.Exists(full) ? File.ReadAllText(full) : null;
            if (string.Equals(committed, text, StringComparison.Ordinal))
            {
                output.Write($"{path} is up to date\n");
                continue;
            }

            stale++;
            error.Write(committed is null
                ? $"{path} is missing\n"
                : $"{path} differs from what the C# types generate (- committed, + generated):\n{LineDiff.Describe(committed, text)}");
        }

        if (stale > 0)
        {
            error.Write($"run `{CrdGenerator.Command}` and commit the result\n");
            return 1;
        }

        return 0;
    }
}
