namespace Kueueleuleu.TestSupport;

/// <summary>The three registries hack/registry/up.sh runs (docs/registry.md).</summary>
public enum LocalRegistryEndpoint
{
    /// <summary>http://127.0.0.1:5000, no authentication.</summary>
    Plain,

    /// <summary>https://198.18.1.1:5443, htpasswd basic authentication.</summary>
    Basic,

    /// <summary>https://198.18.1.1:5444, bearer tokens from the realm https://198.18.1.1:5445/token.</summary>
    Token,
}
