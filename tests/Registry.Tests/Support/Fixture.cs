namespace Kueueleuleu.Registry.Tests.Support;

/// <summary>The fixture documents under Fixtures/, as bytes (digests are computed over exactly these).</summary>
internal static class Fixture
{
    public static byte[] Captured(string name) => File.ReadAllBytes(PathOf("Captured", name));

    public static byte[] Written(string name) => File.ReadAllBytes(PathOf("Written", name));

    /// <summary>A header of a captured response (Content-Type, Docker-Content-Digest).</summary>
    public static string? CapturedHeader(string name, string header) =>
        File.ReadAllLines(PathOf("Captured", name + ".headers"))
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Equals(header, StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();

    private static string PathOf(string folder, string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name);
}
