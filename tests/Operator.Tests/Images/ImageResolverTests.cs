using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Operator.Images;
using Kueueleuleu.Operator.Planning.Images;
using Kueueleuleu.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kueueleuleu.Operator.Tests.Images;

/// <summary>
/// The resolver never makes a reconcile wait for a registry: asking for a state returns at once, the lookup runs in
/// the background, and its end wakes the SequentialJob. Against a real TCP listener that accepts and never answers.
/// </summary>
public sealed class ImageResolverTests
{
    [Fact]
    public async Task Asking_returns_at_once_while_the_registry_hangs_and_the_lookup_runs_in_the_background()
    {
        await using var silent = new SilentListener();
        using var registry = new RegistryClient(new RegistryClientOptions { Timeout = TimeSpan.FromSeconds(2), AttemptTimeout = TimeSpan.FromSeconds(1) });
        var woken = new TaskCompletionSource<ObjectKey>(TaskCreationOptions.RunContinuationsAsynchronously);
        var resolver = new ImageResolver(new NoSecretsClient(), registry, pin: true, TimeProvider.System, NullLogger<ImageResolver>.Instance);
        resolver.OnDone(key => woken.TrySetResult(key));
        var owner = new ObjectKey("ci", "build");
        var key = new ImageKey($"{silent.Host}/team/build:1", "linux/amd64");

        var first = resolver.States(owner, new JsonObject(), [new StepImage("build", key, null)]);

        Assert.IsType<ImageLookupState.Pending>(first[key]);
        Assert.Equal(owner, await woken.Task.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.True(silent.Accepted > 0, "the lookup reached the registry");
        var failed = Assert.IsType<ImageLookupState.Failed>(resolver.States(owner, new JsonObject(), [new StepImage("build", key, null)])[key]);
        Assert.Contains(silent.Host, failed.Message, StringComparison.Ordinal);
    }
}
