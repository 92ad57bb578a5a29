using Kueueleuleu.Registry;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Cli.Images;

/// <summary>
/// Looks images up in their registries for one run of <c>convert</c>: each distinct image and platform once (later
/// documents get the first answer, failures included), several at a time but at most <see cref="MaxConcurrent"/>, with
/// the user's credentials and CA certificates. Failures come back as text that names the image, says what was tried
/// and what to do.
/// </summary>
internal sealed class RegistryImageLookup : IDisposable
{
    /// <summary>The most lookups in flight at once: enough to overlap a document's steps, few enough not to hammer a registry.</summary>
    public const int MaxConcurrent = 4;

    private readonly RegistryCredentials credentials;
    private readonly RegistryClients clients;
    private readonly SemaphoreSlim gate = new(MaxConcurrent, MaxConcurrent);
    private readonly Dictionary<(string Image, string Platform), Task<ImageLookupOutcome>> started = [];

    /// <summary>Creates the lookup of a run.</summary>
    /// <param name="credentials">The user's credentials.</param>
    /// <param name="clients">The registry clients.</param>
    public RegistryImageLookup(RegistryCredentials credentials, RegistryClients clients)
    {
        this.credentials = credentials;
        this.clients = clients;
    }

    /// <summary>Looks the images up (those not asked for before in this run) and waits for all of them.</summary>
    /// <param name="wanted">The images and the platform each is wanted for.</param>
    /// <returns>The outcome of each, keyed by the image as written and the platform.</returns>
    public IReadOnlyDictionary<(string Image, string Platform), ImageLookupOutcome> Resolve(IEnumerable<(ImageReference Reference, Platform Platform)> wanted)
    {
        var keys = new List<(string, string)>();
        foreach (var (reference, platform) in wanted)
        {
            var key = (reference.Text, platform.ToString());
            if (!started.ContainsKey(key))
            {
                started[key] = Task.Run(() => LookUpAsync(reference, platform));
            }

            keys.Add(key);
        }

        // The pipeline converts one document at a time and needs these answers before it can go on.
        Task.WhenAll(keys.Select(key => started[key])).GetAwaiter().GetResult();
        return keys.Distinct().ToDictionary(key => key, key => started[key].Result);
    }

    /// <inheritdoc/>
    public void Dispose() => gate.Dispose();

    private async Task<ImageLookupOutcome> LookUpAsync(ImageReference reference, Platform platform)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var choice = credentials.For(reference);
            if (choice.Error is not null)
            {
                return ImageLookupOutcome.Failed("credentials unreadable", choice.Error);
            }

            var (client, clientError) = clients.For(reference.Registry);
            if (client is null)
            {
                return ImageLookupOutcome.Failed("certificate unreadable", clientError!);
            }

            var lookup = await client.ResolveAsync(reference, platform, choice.Keyring).ConfigureAwait(false);
            return lookup.Succeeded
                ? ImageLookupOutcome.Found(lookup.Image)
                : ImageLookupOutcome.Failed(KindText(lookup.Failure.Kind), WithAdvice(lookup.Failure, reference, choice));
        }
        finally
        {
            gate.Release();
        }
    }

    private static string WithAdvice(RegistryFailure failure, ImageReference reference, CredentialChoice choice)
    {
        var text = failure.ToString();
        return failure.Kind switch
        {
            RegistryFailureKind.Unauthorized or RegistryFailureKind.Denied => $"{text} {choice.Advice}",
            RegistryFailureKind.Unreachable when failure.Message.Contains("TLS handshake", StringComparison.Ordinal) =>
                $"{text} To trust a private CA, put its certificate in ~/.config/containers/certs.d/{reference.Registry}/ca.crt or "
                + $"/etc/containers/certs.d/{reference.Registry}/ca.crt, or pass --cert-dir DIR.",
            _ => text,
        };
    }

    private static string KindText(RegistryFailureKind kind) => kind switch
    {
        RegistryFailureKind.Unreachable => "unreachable",
        RegistryFailureKind.NotFound => "not found",
        RegistryFailureKind.Unauthorized => "unauthorized",
        RegistryFailureKind.Denied => "denied",
        RegistryFailureKind.BadResponse => "bad response",
        RegistryFailureKind.NoMatchingPlatform => "no matching platform",
        _ => kind.ToString(),
    };
}
