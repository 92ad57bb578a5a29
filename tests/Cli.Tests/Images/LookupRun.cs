using System.Text.Json.Nodes;
using Kueueleuleu.Cli.Tests.Support;
using Kueueleuleu.TestSupport;
using Kueueleuleu.Yaml.Tests.Support;

namespace Kueueleuleu.Cli.Tests.Images;

/// <summary>
/// One <c>convert</c> run in-process against the machine's registries, in an environment of its own: a temporary HOME
/// and XDG_RUNTIME_DIR (so no credentials or certificates of the machine's user are read) plus what the test adds.
/// </summary>
internal sealed class LookupRun : IDisposable
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public LookupRun()
    {
        Home = Directory.CreateTempSubdirectory("kueueleuleu-lookup-home").FullName;
        Directory.CreateDirectory(RuntimeDirectory);
        _environment["HOME"] = Home;
        _environment["XDG_RUNTIME_DIR"] = RuntimeDirectory;
    }

    public string Home { get; }

    public string RuntimeDirectory => Path.Combine(Home, "run");

    public int Code { get; private set; }

    public string Stdout { get; private set; } = string.Empty;

    public string Stderr { get; private set; } = string.Empty;

    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose() => Directory.Delete(Home, recursive: true);

    public LookupRun With(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    /// <summary>Writes a file under HOME (or at an absolute path) and returns its path.</summary>
    public string WriteFile(string path, string content)
    {
        var full = Path.Combine(Home, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Trusts the TLS registries' CA the way Podman users do: ~/.config/containers/certs.d/HOST:PORT/ca.crt.</summary>
    public LookupRun TrustingTheRegistryCaInCertsD()
    {
        foreach (var host in new[] { LocalRegistry.BasicHost, LocalRegistry.TokenHost })
        {
            WriteFile(Path.Combine(".config", "containers", "certs.d", host, "ca.crt"), File.ReadAllText(LocalRegistry.CaCertificatePath));
        }

        return this;
    }

    /// <summary>Runs <c>kueueleuleu convert -f - ARGS</c> with <paramref name="manifests"/> on standard input.</summary>
    public LookupRun Convert(string manifests, params string[] args)
    {
        var console = new TestConsole { Stdin = manifests };
        foreach (var (name, value) in _environment)
        {
            console.WithEnvironment(name, value);
        }

        Code = console.Run(["convert", "-f", "-", .. args]);
        Stdout = console.Stdout;
        Stderr = console.Stderr;
        return this;
    }

    /// <summary>The converted documents; fails the test with standard error when the run failed.</summary>
    public List<JsonNode> Documents()
    {
        Assert.True(Code == 0, $"exit code {Code}: {Stderr}");
        Assert.Equal(string.Empty, Stderr);
        return Codec.ReadAll(Stdout);
    }

    /// <summary>A container of a converted Job (document <paramref name="document"/>, 0-based).</summary>
    public JsonObject Container(string name, int document = 0) =>
        Documents()[document]["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    /// <summary>What the entrypoint runs for a step: its args after <c>--</c>.</summary>
    public string[] Argv(string name, int document = 0)
    {
        var args = Container(name, document)["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        return [.. args.Skip(args.IndexOf("--") + 1)];
    }

    public string Image(string name, int document = 0) => Container(name, document)["image"]!.GetValue<string>();

    /// <summary>A Job whose containers are the given YAML flow mappings, with an optional pod spec prefix (nodeSelector …).</summary>
    public static string Job(string name, string podSpecExtra, params string[] containers) =>
        "apiVersion: batch/v1\nkind: Job\n"
        + $"metadata: {{name: {name}, namespace: ci}}\n"
        + "spec:\n  template:\n    spec:\n      restartPolicy: Never\n"
        + (podSpecExtra.Length == 0 ? "" : $"      {podSpecExtra}\n")
        + "      containers:\n"
        + string.Concat(containers.Select(c => $"      - {c}\n"));
}
