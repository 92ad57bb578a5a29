namespace Kueueleuleu.EndToEnd.Tests.Support;

/// <summary>The plain (unconverted) manifests the end-to-end tests run.</summary>
public static class Manifests
{
    /// <summary>The path of a manifest under Manifests/.</summary>
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Manifests", fileName);
}
