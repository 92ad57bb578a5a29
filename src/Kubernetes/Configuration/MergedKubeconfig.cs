namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>
/// Several kubeconfig files merged with kubectl's rules: for each named cluster, user and context the first
/// file that defines it wins, and so does the first non-empty <c>current-context</c>.
/// </summary>
internal sealed class MergedKubeconfig
{
    private MergedKubeconfig(IReadOnlyList<KubeconfigDocument> documents)
    {
        Documents = documents;
    }

    public IReadOnlyList<KubeconfigDocument> Documents { get; }

    public Dictionary<string, KubeconfigEntry> Clusters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KubeconfigEntry> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KubeconfigEntry> Contexts { get; } = new(StringComparer.Ordinal);

    public string? CurrentContext { get; private set; }

    public string Files => string.Join(", ", Documents.Select(d => d.Path));

    public static MergedKubeconfig Merge(IReadOnlyList<KubeconfigDocument> documents)
    {
        var merged = new MergedKubeconfig(documents);
        foreach (var document in documents)
        {
            merged.Add(document);
        }

        return merged;
    }

    private void Add(KubeconfigDocument document)
    {
        AddEntries(Clusters, document.Entries("clusters", "cluster"));
        AddEntries(Users, document.Entries("users", "user"));
        AddEntries(Contexts, document.Entries("contexts", "context"));
        if (string.IsNullOrEmpty(CurrentContext) && document.Root["current-context"] is { } current)
        {
            CurrentContext = current.GetValue<string>();
        }
    }

    private static void AddEntries(Dictionary<string, KubeconfigEntry> into, IEnumerable<KubeconfigEntry> entries)
    {
        foreach (var entry in entries)
        {
            into.TryAdd(entry.Name, entry);
        }
    }
}
