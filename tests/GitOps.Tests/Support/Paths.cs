namespace Kueueleuleu.GitOps.Tests.Support;

/// <summary>Where the committed files are copied next to the test assembly (see the project file).</summary>
internal static class Paths
{
    public static string Customization { get; } =
        Path.Combine(AppContext.BaseDirectory, "argocd", "kueueleuleu.io", "SequentialJob");

    public static string HealthLua => Path.Combine(Customization, "health.lua");

    public static string HealthTest => Path.Combine(Customization, "health_test.yaml");

    public static string TestData(string relative) => Path.Combine(Customization, relative);

    public static string Harness => Path.Combine(AppContext.BaseDirectory, "Harness", "run_health.lua");

    public static string GitOpsDoc => Path.Combine(AppContext.BaseDirectory, "docs", "gitops.md");
}
