using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kueueleuleu.Kubernetes;
using Kueueleuleu.Kubernetes.Objects;
using Kueueleuleu.Operator.Planning.Images;
using Kueueleuleu.Registry;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;
using Kueueleuleu.StepProtocol.ImageCommands;
using Microsoft.Extensions.Logging;

namespace Kueueleuleu.Operator.Images;

/// <summary>
/// Looks up, in the background, what the images of steps without <c>command</c> run, so that no reconcile worker waits
/// for a registry: a reconcile asks for the states it needs (<see cref="States"/>), which starts the lookups it does
/// not find, and each lookup that ends wakes the SequentialJobs waiting for it (<c>wake</c>). Results are kept per
/// namespace and credentials: a private image found with one namespace's pull Secret is not handed to another. A failed
/// lookup is tried again by itself, 5 s after the first failure, doubling up to 5 min; a found one is kept for
/// <see cref="Fresh"/> (a tag may move), then looked up again when next asked for.
/// </summary>
internal sealed partial class ImageResolver
{
    /// <summary>How long a result found by tag is used before the tag is looked up again.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);
    private const int Capacity = 4096;

    private readonly IKubernetesClient client;
    private readonly RegistryClient registry;
    private readonly bool pin;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private Action<ObjectKey> wake = _ => { };

    /// <summary>Creates the resolver.</summary>
    /// <param name="client">Reads service accounts and pull Secrets.</param>
    /// <param name="registry">Asks the registries.</param>
    /// <param name="pin">Whether found images are pinned to the digest that was read.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The log.</param>
    public ImageResolver(IKubernetesClient client, RegistryClient registry, bool pin, TimeProvider time, ILogger<ImageResolver> logger)
    {
        this.client = client;
        this.registry = registry;
        this.pin = pin;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Sets what wakes a SequentialJob once a lookup it waits for ended (its controller's queue).</summary>
    public void OnDone(Action<ObjectKey> action) => wake = action;

    /// <summary>
    /// The state of each image <paramref name="needs"/> names for the SequentialJob <paramref name="owner"/>, whose pod
    /// spec is <paramref name="podSpec"/>; starts the lookups that are missing or stale.
    /// </summary>
    public IReadOnlyDictionary<ImageKey, ImageLookupState> States(ObjectKey owner, JsonObject? podSpec, IReadOnlyList<StepImage> needs)
    {
        var states = new Dictionary<ImageKey, ImageLookupState>();
        var scope = PullCredentials.Scope(owner.Namespace ?? string.Empty, podSpec);
        foreach (var key in needs.Select(n => n.Key).Distinct())
        {
            var entry = entries.GetOrAdd($"{scope}|{key.Platform}|{key.Image}", _ => new Entry(key, owner.Namespace ?? string.Empty, podSpec));
            states[key] = entry.StateFor(owner, this);
        }

        Trim();
        return states;
    }

    private async Task LookUpAsync(Entry entry)
    {
        ImageLookupState result;
        try
        {
            result = await ResolveAsync(entry).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever breaks a lookup becomes the SequentialJob's message; the operator goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = new ImageLookupState.Failed($"image {entry.Key.Image}: {e.Message}", TimeSpan.Zero);
        }

        foreach (var owner in entry.Finish(result, this))
        {
            wake(owner);
        }
    }

    private async Task<ImageLookupState> ResolveAsync(Entry entry)
    {
        if (!ImageReference.TryParse(entry.Key.Image, out var reference, out var referenceError))
        {
            return new ImageLookupState.Failed($"image '{entry.Key.Image}' is not an image reference: {referenceError}", TimeSpan.Zero);
        }

        if (!Platform.TryParse(entry.Key.Platform, out var platform, out var platformError))
        {
            return new ImageLookupState.Failed($"image {entry.Key.Image}: platform '{entry.Key.Platform}' {platformError}", TimeSpan.Zero);
        }

        var keyring = await PullCredentials.ReadAsync(client, entry.Namespace, entry.PodSpec, CancellationToken.None).ConfigureAwait(false);
        var lookup = await registry.ResolveAsync(reference, platform, keyring, CancellationToken.None).ConfigureAwait(false);
        if (!lookup.Succeeded)
        {
            var failure = lookup.Failure!.ToString();
            ImageResolverLog.LookupFailed(logger, entry.Key, failure);
            return new ImageLookupState.Failed(failure, TimeSpan.Zero);
        }

        var image = lookup.Image!;
        ImageResolverLog.Found(logger, entry.Key, image.ManifestDigest, image.Config);
        var pinned = pin ? reference.WithDigest(image.ManifestDigest).ToString() : null;
        return new ImageLookupState.Resolved(new ImageFacts(image.Config.Entrypoint, image.Config.Cmd, pinned));
    }

    /// <summary>Keeps the map bounded: the entries nobody waits for and not running go first, oldest first.</summary>
    private void Trim()
    {
        if (entries.Count <= Capacity)
        {
            return;
        }

        foreach (var (name, _) in entries.Where(p => p.Value.Idle).OrderBy(p => p.Value.Touched).Take(entries.Count - Capacity).ToList())
        {
            entries.TryRemove(name, out _);
        }
    }
}
