using Kueueleuleu.Registry;

namespace Kueueleuleu.Cli.Images;

/// <summary>
/// Builds the <see cref="IStepImageSource"/> of a <c>convert</c> run from its settings and environment, and owns what it
/// holds open (registry clients and their connections) for the run.
/// </summary>
internal sealed class StepImageSources : IDisposable
{
    private readonly RegistryClients? clients;
    private readonly RegistryImageLookup? lookup;

    private StepImageSources(IStepImageSource source, RegistryClients? clients, RegistryImageLookup? lookup)
    {
        Source = source;
        this.clients = clients;
        this.lookup = lookup;
    }

    /// <summary>The source the pipeline asks.</summary>
    public IStepImageSource Source { get; }

    /// <summary>
    /// What is wrong with the paths the flags name, checked before anything is read so that a typo in a flag is found
    /// even when no step needs a lookup; null when nothing is. (A missing <c>$REGISTRY_AUTH_FILE</c> is reported only
    /// when a lookup needs it: the variable is often set for every command of a shell, before <c>podman login</c> made
    /// the file.)
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The problem, naming the flag and the path.</returns>
    public static string? Check(ImageLookupSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Offline)
        {
            return null;
        }

        if (settings.AuthFile is { Length: > 0 } authFile && !File.Exists(authFile))
        {
            return $"--authfile names {authFile}, which does not exist";
        }

        return settings.CertDir is { Length: > 0 } directory && !Directory.Exists(directory)
            ? $"--cert-dir names {directory}, which is not a directory"
            : null;
    }

    /// <summary>Creates the source for a run.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="environment">Reads an environment variable (HOME, XDG_*, DOCKER_CONFIG, REGISTRY_AUTH_FILE).</param>
    /// <returns>The source and what it holds.</returns>
    public static StepImageSources Create(ImageLookupSettings settings, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        if (settings.Offline)
        {
            return new StepImageSources(new OfflineStepImages(), null, null);
        }

        var credentials = new RegistryCredentials(AuthFileLocations.Search(environment, UserId(), settings.AuthFile));
        var options = new RegistryClientOptions
        {
            InsecureHosts = new HashSet<string>(settings.PlainHttp, StringComparer.OrdinalIgnoreCase),
            UserAgent = $"kueueleuleu/{CliApp.InformationalVersion}",
        };
        var clients = new RegistryClients(options, settings.CertDir, CertificateDirectories.Roots(environment("HOME")));
        var lookup = new RegistryImageLookup(credentials, clients);
        return new StepImageSources(new RegistryStepImages(lookup, settings.Platform, settings.Pin), clients, lookup);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lookup?.Dispose();
        clients?.Dispose();
    }

    // Podman's file without XDG_RUNTIME_DIR is /run/containers/UID/auth.json; .NET has no getuid, /proc has it.
    private static long UserId()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line is not null && long.TryParse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], out var uid) ? uid : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
