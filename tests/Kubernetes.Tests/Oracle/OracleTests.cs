namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>
/// The oracle tests run alone: the official client reads process-wide state (environment variables, its static
/// service-account path) that some of them set for the length of one test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OracleTests
{
    public const string Name = "official client oracle";
}
