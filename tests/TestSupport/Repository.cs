namespace Kueueleuleu.TestSupport;

/// <summary>Locates the repository the tests run from, for its scripts.</summary>
public static class Repository
{
    /// <summary>The directory that holds Kueueleuleu.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kueueleuleu.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kueueleuleu.sln not found above " + AppContext.BaseDirectory);
    }
}
