using Kueueleuleu.TestSupport;

namespace Kueueleuleu.Cli.Tests.Images;

/// <summary>The machine's registries (hack/registry/up.sh, started when needed), once per test run.</summary>
public sealed class RegistryLookupFixture : IAsyncLifetime
{
    public Task InitializeAsync() => LocalRegistry.EnsureUpAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class LocalRegistries : ICollectionFixture<RegistryLookupFixture>
{
    public const string Name = "convert against the local registries";
}
