using System.Globalization;

namespace Kueueleuleu.Cli.Images;

/// <summary>
/// Where registry credentials are searched, in Podman's order (containers/image), which covers Docker's files too:
/// <list type="number">
/// <item>the file named with <c>--authfile</c>, else <c>$REGISTRY_AUTH_FILE</c>, else Podman's primary file
/// <c>${XDG_RUNTIME_DIR}/containers/auth.json</c> (<c>/run/containers/UID/auth.json</c> without <c>XDG_RUNTIME_DIR</c>),
/// where <c>podman login</c> writes;</item>
/// <item><c>${XDG_CONFIG_HOME:-$HOME/.config}/containers/auth.json</c>;</item>
/// <item>Docker's <c>$DOCKER_CONFIG/config.json</c>, else <c>$HOME/.docker/config.json</c>, where <c>docker login</c> writes;</item>
/// <item>the legacy <c>$HOME/.dockercfg</c>.</item>
/// </list>
/// The first file holding a credential for an image's registry wins, as in Podman; files that do not exist are skipped,
/// except one named explicitly.
/// </summary>
internal static class AuthFileLocations
{
    /// <summary>The variable Podman, Buildah and Skopeo read for the primary auth file.</summary>
    public const string AuthFileVariable = "REGISTRY_AUTH_FILE";

    /// <summary>The files to search, in order.</summary>
    /// <param name="environment">Reads an environment variable (empty counts as unset).</param>
    /// <param name="userId">The user's numeric id, for Podman's file when <c>XDG_RUNTIME_DIR</c> is unset.</param>
    /// <param name="explicitFile">The file named with <c>--authfile</c>, if any.</param>
    /// <returns>The files, first to search first.</returns>
    public static IReadOnlyList<AuthFile> Search(Func<string, string?> environment, long userId, string? explicitFile)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Variable(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var files = new List<AuthFile>
        {
            explicitFile is { Length: > 0 }
                ? new AuthFile(explicitFile, "--authfile", Required: true)
                : Variable(AuthFileVariable) is { } fromVariable
                    ? new AuthFile(fromVariable, "$" + AuthFileVariable, Required: true)
                    : Variable("XDG_RUNTIME_DIR") is { } runtimeDirectory
                        ? new AuthFile(Path.Combine(runtimeDirectory, "containers", "auth.json"), "$XDG_RUNTIME_DIR")
                        : new AuthFile(string.Create(CultureInfo.InvariantCulture, $"/run/containers/{userId}/auth.json"), "podman login"),
        };

        var home = Variable("HOME");
        if ((Variable("XDG_CONFIG_HOME") ?? (home is null ? null : Path.Combine(home, ".config"))) is { } configHome)
        {
            files.Add(new AuthFile(Path.Combine(configHome, "containers", "auth.json"), Variable("XDG_CONFIG_HOME") is null ? "$HOME" : "$XDG_CONFIG_HOME"));
        }

        if (Variable("DOCKER_CONFIG") is { } dockerConfig)
        {
            files.Add(new AuthFile(Path.Combine(dockerConfig, "config.json"), "$DOCKER_CONFIG"));
        }
        else if (home is not null)
        {
            files.Add(new AuthFile(Path.Combine(home, ".docker", "config.json"), "$HOME"));
        }

        if (home is not null)
        {
            files.Add(new AuthFile(Path.Combine(home, ".dockercfg"), "$HOME", Legacy: true));
        }

        return files;
    }
}
