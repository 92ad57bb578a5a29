using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Cli.Tests.Native;

/// <summary>
/// The native executable of the release (hack/release-cli.sh, artifacts/cli-native/kueueleuleu), published once per
/// test run: about two minutes from nothing, a few seconds when the sources did not change since the last publish, so
/// the binary under test is always the one these sources make. Needs a C toolchain, as the operator's native build.
/// </summary>
public sealed class NativeCli : IAsyncLifetime
{
    /// <summary>Where the release script puts the executable.</summary>
    public static string Executable { get; } = Path.Combine(Repository.Root, "artifacts", "cli-native", "kueueleuleu");

    // Once per test run, however many classes use the fixture: two publishes at once would write the same files.
    private static readonly Lazy<Task> Published = new(async () =>
        (await ProcessRunner.RunAsync(
            Path.Combine(Repository.Root, "hack", "release-cli.sh"), [], timeout: TimeSpan.FromMinutes(15))).EnsureSuccess());

    /// <summary>Runs the release script; the timeout only stops a hang.</summary>
    public Task InitializeAsync() => Published.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs the native executable and the framework-dependent build (the dotnet tool's program) on the same input and
    /// fails unless both exit with the same code and write the same bytes to standard output and standard error.
    /// </summary>
    internal static CliOutcome RunBoth(string stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var tool = CliProcess.Run(input => input.Write(System.Text.Encoding.UTF8.GetBytes(stdin)), environment, long.MaxValue, args);
        var native = CliProcess.RunExecutable(Executable, stdin, environment, args);
        Assert.Equal(tool.Code, native.Code);
        Assert.Equal(tool.Stdout, native.Stdout);
        Assert.Equal(tool.Stderr, native.Stderr);
        return native;
    }
}

[CollectionDefinition(Name)]
public sealed class NativeCliRuns : ICollectionFixture<NativeCli>
{
    public const string Name = "the native CLI, published once";
}
