using Kueueleuleu.EndToEnd.Tests.Support;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Podman;

/// <summary>
/// Makes sure podman is configured and the local images exist before any pod plays: runs the project's own
/// scripts, so a fresh machine needs nothing else.
/// </summary>
public sealed class PodmanFixture : IAsyncLifetime
{
    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        (await ProcessRunner.RunAsync("bash", [Path.Combine(Repository.Root, "hack", "setup-host.sh")], timeout: TimeSpan.FromMinutes(15)))
            .EnsureSuccess();
        (await ProcessRunner.RunAsync("bash", [Path.Combine(Repository.Root, "hack", "images.sh")], timeout: TimeSpan.FromMinutes(10)))
            .EnsureSuccess();
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Pods play one at a time: podman 4.3 shares emptyDir volumes by name across pods.</summary>
[CollectionDefinition(Name)]
public sealed class SerialPodman : ICollectionFixture<PodmanFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "podman";
}
