namespace Kueueleuleu.TestSupport;

/// <summary>
/// The trait that marks a test class needing more than the .NET SDK: <c>[Trait(Needs.Trait, Needs.Cluster)]</c> or
/// <c>[Trait(Needs.Trait, Needs.Podman)]</c>, on the class. A plain <c>dotnet test</c> leaves these out (the default
/// filter in Directory.Build.props); hack/test.sh runs them (docs/testing.md).
/// </summary>
public static class Needs
{
    /// <summary>The trait's name.</summary>
    public const string Trait = "Needs";

    /// <summary>The local Kubernetes cluster (hack/cluster/up.sh, which needs root on its first run).</summary>
    public const string Cluster = "cluster";

    /// <summary>Podman and the images hack/images.sh builds.</summary>
    public const string Podman = "podman";
}
