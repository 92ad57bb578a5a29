namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>A namespace of one test (random suffix), deleted on dispose; for tests that run operators of their own.</summary>
public sealed class OwnNamespace : IAsyncDisposable
{
    private readonly Kubectl kubectl;

    private OwnNamespace(Kubectl kubectl, string name)
    {
        this.kubectl = kubectl;
        Name = name;
    }

    public string Name { get; }

    public static async Task<OwnNamespace> CreateAsync(Kubectl kubectl, string prefix)
    {
        var name = $"kl-{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await kubectl.CreateNamespaceAsync(name);
        return new OwnNamespace(kubectl, name);
    }

    public async ValueTask DisposeAsync() => await kubectl.TryRunAsync(["delete", "namespace", Name, "--wait=false"]);
}
