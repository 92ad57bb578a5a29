using Kueueleuleu.Cli.Tests.Images;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Cli.Tests.Native;

/// <summary>
/// The native executable looks images up as the dotnet tool does (HTTP to the registry, the manifest and config read
/// through generated JSON metadata): the same pinned digest and argv, and the same error for an image that is not there.
/// </summary>
[Collection(LocalRegistries.Name)]
[Trait(Needs.Trait, Needs.Cluster)]
public sealed class NativeLookupTests : IClassFixture<NativeCli>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("kueueleuleu-native-home").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    // A HOME of its own: no credentials or certificates of the machine's user are read.
    private Dictionary<string, string> Environment => new(StringComparer.Ordinal) { ["HOME"] = _home, ["XDG_RUNTIME_DIR"] = _home };

    private static string Pod(string image) =>
        $"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - {{name: a, image: {image}}}\n  - {{name: b, image: {image}, args: [x]}}\n";

    [Fact]
    public void StepsWithoutCommandAreLookedUpAndPinnedTheSameWay()
    {
        var image = LocalRegistry.Image("both");
        var outcome = NativeCli.RunBoth(Pod(image.Reference), Environment, "convert");
        Assert.Equal(0, outcome.Code);
        Assert.Contains($"{image.Reference}@{image.Digest}", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingImageIsTheSameErrorWithNoOutput()
    {
        var outcome = NativeCli.RunBoth(Pod($"{LocalRegistry.PlainHost}/kueueleuleu-native/missing:1"), Environment, "convert");
        Assert.Equal(1, outcome.Code);
        Assert.Equal(string.Empty, outcome.Stdout);
        Assert.Contains("kueueleuleu-native/missing:1", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.containers[0]", outcome.Stderr, StringComparison.Ordinal);
    }
}
