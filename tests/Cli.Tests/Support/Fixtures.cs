namespace Kueueleuleu.Cli.Tests.Support;

internal static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string FidelityDirectory => Path.Combine(Directory, "Fidelity");

    public static IEnumerable<string> FidelityFiles =>
        System.IO.Directory.EnumerateFiles(FidelityDirectory).Order(StringComparer.Ordinal);

    public static TheoryData<string> FidelityNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in FidelityFiles)
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    public static string Read(string name) => File.ReadAllText(Path.Combine(FidelityDirectory, name));
}
