using Kueueleuleu.Cli.Images;

namespace Kueueleuleu.Cli.Tests.Images;

/// <summary>Where credentials are searched, in Podman's order, for a table of environments.</summary>
public sealed class AuthFileLocationsTests
{
    public static TheoryData<string, string[], string?, string[]> Cases() => new()
    {
        // environment (NAME=value), --authfile, expected files in order ("!" marks one named explicitly)
        { "HOME only: Podman's per-user file, then the user's", ["HOME=/h"], null, ["/run/containers/1000/auth.json", "/h/.config/containers/auth.json", "/h/.docker/config.json", "/h/.dockercfg"] },
        { "XDG_RUNTIME_DIR: podman login's file", ["HOME=/h", "XDG_RUNTIME_DIR=/run/user/1000"], null, ["/run/user/1000/containers/auth.json", "/h/.config/containers/auth.json", "/h/.docker/config.json", "/h/.dockercfg"] },
        { "REGISTRY_AUTH_FILE replaces it", ["HOME=/h", "XDG_RUNTIME_DIR=/run/user/1000", "REGISTRY_AUTH_FILE=/a.json"], null, ["!/a.json", "/h/.config/containers/auth.json", "/h/.docker/config.json", "/h/.dockercfg"] },
        { "--authfile beats REGISTRY_AUTH_FILE", ["HOME=/h", "REGISTRY_AUTH_FILE=/a.json"], "/b.json", ["!/b.json", "/h/.config/containers/auth.json", "/h/.docker/config.json", "/h/.dockercfg"] },
        { "XDG_CONFIG_HOME", ["HOME=/h", "XDG_CONFIG_HOME=/c"], null, ["/run/containers/1000/auth.json", "/c/containers/auth.json", "/h/.docker/config.json", "/h/.dockercfg"] },
        { "DOCKER_CONFIG", ["HOME=/h", "DOCKER_CONFIG=/d"], null, ["/run/containers/1000/auth.json", "/h/.config/containers/auth.json", "/d/config.json", "/h/.dockercfg"] },
        { "empty variables count as unset", ["HOME=/h", "XDG_RUNTIME_DIR=", "REGISTRY_AUTH_FILE=", "DOCKER_CONFIG="], "", ["/run/containers/1000/auth.json", "/h/.config/containers/auth.json", "/h/.docker/config.json", "/h/.dockercfg"] },
        { "no HOME: only what the environment names", ["DOCKER_CONFIG=/d"], null, ["/run/containers/1000/auth.json", "/d/config.json"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Searches_in_Podmans_order(string description, string[] environment, string? authFile, string[] expected)
    {
        var variables = environment.Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

        var files = AuthFileLocations.Search(name => variables.GetValueOrDefault(name), 1000, authFile);

        Assert.True(
            expected.SequenceEqual(files.Select(f => (f.Required ? "!" : "") + f.Path)),
            $"{description}: {string.Join(", ", files.Select(f => (f.Required ? "!" : "") + f.Path))}");
        Assert.All(files, f => Assert.Equal(f.Path.EndsWith("/.dockercfg", StringComparison.Ordinal), f.Legacy));
    }
}
