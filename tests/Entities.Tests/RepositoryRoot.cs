namespace Kueueleuleu.Entities.Tests;

/// <summary>Finds the repository the tests were built from.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Kueueleuleu.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Kueueleuleu.sln above {AppContext.BaseDirectory}");
    }
}
