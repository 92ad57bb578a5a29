using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Benchmarks;

/// <summary>One build of the CLI the benchmark starts: a program and the arguments that come before the CLI's own.</summary>
internal sealed record CliBuild(string Name, string Program, string[] Prefix)
{
    /// <summary>The dotnet tool's program, framework-dependent, as `dotnet kueueleuleu.dll` beside the benchmark.</summary>
    public static CliBuild Tool { get; } =
        new("dotnet tool", "dotnet", [Path.Combine(AppContext.BaseDirectory, "kueueleuleu.dll")]);

    /// <summary>Where hack/release-cli.sh puts the native executable.</summary>
    public static string NativePath { get; } = Path.Combine(Repository.Root, "artifacts", "cli-native", "kueueleuleu");

    /// <summary>The native executable, when it has been published.</summary>
    public static CliBuild? Native { get; } = File.Exists(NativePath) ? new("native", NativePath, []) : null;

    public string[] Arguments(string[] args) => [.. Prefix, .. args];
}
