using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kueueleuleu.TestSupport;

/// <summary>
/// The local container registries of hack/registry/up.sh as the tests use them (docs/registry.md): where they listen,
/// their credentials, CA and token issuer, and the test images with the digests up.sh recorded in images.json.
/// </summary>
public static class LocalRegistry
{
    /// <summary>
    /// Where up.sh keeps the registries' state: KUEUELEULEU_REGISTRY_STATE, as hack/registry/lib.sh reads it, or its default.
    /// </summary>
    public static string StateDirectory { get; } =
        Environment.GetEnvironmentVariable("KUEUELEULEU_REGISTRY_STATE") is { Length: > 0 } state
            ? state
            : "/var/lib/kueueleuleu-registry";

    /// <summary>The registry without authentication, plain HTTP on loopback.</summary>
    public const string PlainHost = "127.0.0.1:5000";

    /// <summary>The registry with htpasswd basic authentication, HTTPS on the node IP.</summary>
    public const string BasicHost = "198.18.1.1:5443";

    /// <summary>The registry with bearer tokens (the Docker Hub / GHCR / Quay flow), HTTPS on the node IP.</summary>
    public const string TokenHost = "198.18.1.1:5444";

    /// <summary>The plain registry's base URL (HTTP, as clients reach a loopback registry by default).</summary>
    public const string PlainUrl = "http://" + PlainHost;

    /// <summary>Where the tests' token service must listen (HTTPS, e.g. with <see cref="ServerCertificatePath"/>).</summary>
    public const string TokenServiceHost = "198.18.1.1:5445";

    /// <summary>The realm the token registry names in its challenge.</summary>
    public const string TokenRealm = "https://" + TokenServiceHost + "/token";

    /// <summary>The service the token registry names in its challenge; a token's <c>aud</c> must be this (a string).</summary>
    public const string TokenService = "kueueleuleu-registry";

    /// <summary>The issuer the token registry trusts; a token's <c>iss</c> must be this.</summary>
    public const string TokenIssuer = "kueueleuleu-token-issuer";

    /// <summary>The user of the basic registry.</summary>
    public const string Username = "kueueleuleu";

    /// <summary>The repository prefix of every test image (tag 1).</summary>
    public const string RepositoryPrefix = "kueueleuleu-test";

    /// <summary>The basic registry's password, generated once by up.sh.</summary>
    public static string Password => File.ReadAllText(Path.Combine(StateDirectory, "auth", "password")).Trim();

    /// <summary>The CA that signed the TLS registries' certificate (PEM).</summary>
    public static string CaCertificatePath => Path.Combine(StateDirectory, "pki", "ca.crt");

    /// <summary>The TLS registries' certificate (PEM; SANs 198.18.1.1, 127.0.0.1, localhost), which a token service may serve too.</summary>
    public static string ServerCertificatePath => Path.Combine(StateDirectory, "pki", "server.crt");

    /// <summary>The private key of <see cref="ServerCertificatePath"/> (PEM).</summary>
    public static string ServerKeyPath => Path.Combine(StateDirectory, "pki", "server.key");

    /// <summary>The token issuer's private key (RSA 2048, PEM): tokens are signed RS256 with it.</summary>
    public static string IssuerKeyPath => Path.Combine(StateDirectory, "token", "issuer.key");

    /// <summary>The token issuer's self-signed certificate (PEM), the token registry's rootcertbundle: send it as <c>x5c</c>.</summary>
    public static string IssuerCertificatePath => Path.Combine(StateDirectory, "token", "issuer.crt");

    /// <summary>The <c>kid</c> the token registry accepts instead of <c>x5c</c> (libtrust's fingerprint of the issuer key).</summary>
    public static string IssuerKeyId => File.ReadAllText(Path.Combine(StateDirectory, "token", "issuer.kid")).Trim();

    /// <summary>The images.json up.sh writes.</summary>
    public static string ImagesFile => Path.Combine(StateDirectory, "images.json");

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Brings the registries up (or checks they are), with the test images pushed; fails with the script's output otherwise.</summary>
    public static async Task EnsureUpAsync() =>
        (await ProcessRunner.RunAsync("bash", [Path.Combine(Repository.Root, "hack/registry/up.sh")], timeout: TimeSpan.FromMinutes(30)))
            .EnsureSuccess();

    /// <summary>The host (host:port) of one registry, as image references name it.</summary>
    public static string Host(LocalRegistryEndpoint registry) => registry switch
    {
        LocalRegistryEndpoint.Plain => PlainHost,
        LocalRegistryEndpoint.Basic => BasicHost,
        LocalRegistryEndpoint.Token => TokenHost,
        _ => throw new ArgumentOutOfRangeException(nameof(registry), registry, null),
    };

    /// <summary>Every test image of every registry, as images.json lists them.</summary>
    public static IReadOnlyList<LocalRegistryImage> Images() =>
        JsonSerializer.Deserialize<ImagesDocument>(File.ReadAllText(ImagesFile), JsonOptions)?.Images
        ?? throw new InvalidOperationException($"{ImagesFile} lists no images; run hack/registry/up.sh");

    /// <summary>One test image (neither, entrypoint-only, cmd-only, both, docker-v2s2, multi; private-only on basic) of one registry.</summary>
    public static LocalRegistryImage Image(string name, LocalRegistryEndpoint registry = LocalRegistryEndpoint.Plain) =>
        Images().SingleOrDefault(i => i.Registry == registry && i.Name == name)
        ?? throw new KeyNotFoundException($"{ImagesFile} has no image {name} on the {registry} registry");

    /// <summary>
    /// The content of a <c>kubernetes.io/dockerconfigjson</c> Secret (and of a podman/docker auth file) that logs in to the
    /// basic registry.
    /// </summary>
    public static string DockerConfigJson()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        return new JsonObject
        {
            ["auths"] = new JsonObject
            {
                [BasicHost] = new JsonObject { ["username"] = Username, ["password"] = Password, ["auth"] = auth },
            },
        }.ToJsonString();
    }

    private sealed record ImagesDocument(IReadOnlyList<LocalRegistryImage> Images);
}
