using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kueueleuleu.Registry.Authentication;
using Kueueleuleu.Registry.Caching;
using Kueueleuleu.Registry.Manifests;
using Kueueleuleu.Registry.References;

namespace Kueueleuleu.Registry;

/// <summary>
/// Looks an image up in its registry (OCI distribution API) and returns what its config says a container runs
/// (docs/registry-lookup.md): the manifest for the reference, the platform's manifest when it is an index, then the
/// config blob, each verified against its digest. Credentials are tried in the keyring's order, mirrors before the
/// registry. Failures come back as values (<see cref="RegistryFailure"/>), never as exceptions; only the caller's own
/// cancellation throws. Thread-safe: one client (and its connection pool) serves a whole process.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private readonly RegistryClientOptions options;
    private readonly ImageConfigCache? cache;
    private readonly HttpClient httpClient;
    private readonly RegistryHttp http;

    /// <summary>Creates a client.</summary>
    /// <param name="options">How registries are reached (defaults when not given).</param>
    /// <param name="cache">Where results are remembered, or <see langword="null"/> to always ask.</param>
    /// <exception cref="ArgumentException">The options are not usable (<see cref="RegistryClientOptions.Validate"/> says why).</exception>
    public RegistryClient(RegistryClientOptions? options = null, ImageConfigCache? cache = null)
    {
        this.options = options ?? new RegistryClientOptions();
        if (this.options.Validate() is [_, ..] problems)
        {
            throw new ArgumentException("invalid registry client options: " + string.Join("; ", problems), nameof(options));
        }

        this.cache = cache;
        httpClient = new HttpClient(CreateHandler(this.options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        http = new RegistryHttp(httpClient, this.options);
    }

    /// <summary>Resolves an image for a platform.</summary>
    /// <param name="reference">The image.</param>
    /// <param name="platform">The platform the container will run on.</param>
    /// <param name="credentials">The credentials the kubelet would have (the Pod's image pull secrets).</param>
    /// <param name="cancellationToken">Cancels the lookup (an <see cref="OperationCanceledException"/> follows).</param>
    /// <returns>The image or the failure.</returns>
    public async Task<RegistryLookup> ResolveAsync(ImageReference reference, Platform platform, CredentialKeyring credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(credentials);
        if (cache is not null && cache.TryGet(reference, platform, out var cached))
        {
            return RegistryLookup.Found(cached, [], fromCache: true);
        }

        var log = new List<RegistryAttempt>();
        using var timeout = new CancellationTokenSource(options.Timeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var step = await ResolveWithCredentialsAsync(reference, platform, credentials.Lookup(reference), log, linked.Token);
            if (!step.Ok)
            {
                return RegistryLookup.Failed(new RegistryFailure(step.Problem.Kind, step.Problem.Message, log));
            }

            cache?.Add(platform, step.Value);
            return RegistryLookup.Found(step.Value, log);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var message = $"{reference.Text}: the lookup took longer than its {options.Timeout.TotalSeconds:0.#} s timeout; the registry is slow or unreachable.";
            return RegistryLookup.Failed(new RegistryFailure(RegistryFailureKind.Unreachable, message, log));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => httpClient.Dispose();

    private async Task<Step<ResolvedImage>> ResolveWithCredentialsAsync(
        ImageReference reference, Platform platform, IReadOnlyList<RegistryCredential> credentials, List<RegistryAttempt> log, CancellationToken cancellationToken)
    {
        // As the kubelet: anonymous when nothing matches; otherwise each matching credential in turn, and no anonymous try after them.
        RegistryCredential?[] candidates = credentials.Count == 0 ? [null] : [.. credentials];
        Step<ResolvedImage> last = default;
        foreach (var credential in candidates)
        {
            last = await ResolveAtEndpointsAsync(reference, platform, credential, log, cancellationToken);
            if (last.Ok || last.Problem.Kind is not (RegistryFailureKind.Unauthorized or RegistryFailureKind.Denied))
            {
                return last;
            }
        }

        return last;
    }

    private async Task<Step<ResolvedImage>> ResolveAtEndpointsAsync(
        ImageReference reference, Platform platform, RegistryCredential? credential, List<RegistryAttempt> log, CancellationToken cancellationToken)
    {
        var mirrorProblems = new List<string>();
        foreach (var endpoint in RegistryEndpoint.For(reference, options))
        {
            var session = new RegistrySession(http, endpoint, reference, credential, log, options);
            var step = await ImageResolution.ResolveAsync(session, reference, platform, options, cancellationToken);
            if (step.Ok || !endpoint.IsMirror)
            {
                return step.Ok || mirrorProblems.Count == 0
                    ? step
                    : step.Problem with { Message = $"{step.Problem.Message} The mirrors tried first failed too: {string.Join(" ", mirrorProblems)}" };
            }

            mirrorProblems.Add(step.Problem.Message);
        }

        throw new InvalidOperationException("the registry itself is always the last endpoint");
    }

    private static SocketsHttpHandler CreateHandler(RegistryClientOptions options)
    {
        var trusted = options.TrustedCertificates;
        return new SocketsHttpHandler
        {
            ConnectTimeout = options.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // Blobs are often served by a redirect to storage; the handler drops the Authorization header when it follows one.
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.All,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, trusted),
            },
        };
    }

    /// <summary>The system's verdict, or, when only the chain failed, whether the chain ends at one of the extra CAs. A wrong name is never accepted.</summary>
    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || trusted.Count == 0 || certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
