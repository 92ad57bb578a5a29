namespace Kueueleuleu.Benchmarks;

/// <summary>
/// Which build of the operator the benchmark runs: the native executable the image ships (`dotnet publish -r
/// linux-x64`, the default), or the framework-dependent `dotnet build` output that development and the tests run
/// (KUEUELEULEU_BENCH_OPERATOR=framework).
/// </summary>
internal static class OperatorBuild
{
    public static bool Native { get; } = Environment.GetEnvironmentVariable("KUEUELEULEU_BENCH_OPERATOR") != "framework";

    public static string Name => Native ? "native (published ahead of time, as in the image)" : "framework-dependent (dotnet build)";

    public static string Directory { get; } = Path.Combine(Repository.Root, "artifacts", Native ? "operator-native" : "operator");

    /// <summary>The program to start and the arguments that come before the operator's own.</summary>
    public static (string Program, string[] Arguments) Command() => Native
        ? (Path.Combine(Directory, "kueueleuleu-operator"), [])
        : ("dotnet", [Path.Combine(Directory, "kueueleuleu-operator.dll")]);
}
