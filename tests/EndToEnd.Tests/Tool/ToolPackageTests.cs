using Kueueleuleu.EndToEnd.Tests.Support;
using Kueueleuleu.TestSupport;

namespace Kueueleuleu.EndToEnd.Tests.Tool;

/// <summary>The CLI installs as a dotnet tool from its own package and works from there.</summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("kueueleuleu-tool-").FullName;

    [Fact]
    public async Task The_packed_tool_installs_and_converts()
    {
        var packages = Path.Combine(_work, "packages");
        var tools = Path.Combine(_work, "tools");
        (await ProcessRunner.RunAsync("dotnet", ["pack", Path.Combine(Repository.Root, "src", "Cli"), "-c", "Release", "-o", packages, "--nologo"],
            timeout: TimeSpan.FromMinutes(5))).EnsureSuccess();
        (await ProcessRunner.RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", packages, "Kueueleuleu.Cli"],
            timeout: TimeSpan.FromMinutes(5))).EnsureSuccess();
        var tool = Path.Combine(tools, "kueueleuleu");

        var version = (await ProcessRunner.RunAsync(tool, ["--version"])).EnsureSuccess();
        var converted = (await ProcessRunner.RunAsync(tool, ["convert", "-f", "-"], stdin: PodYaml)).EnsureSuccess();

        Assert.StartsWith("0.1.0", version.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("- /kueueleuleu/entrypoint", converted.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("name: kueueleuleu-init", converted.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private const string PodYaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: tool}
        spec:
          containers:
          - {name: a, image: busybox, command: ["true"]}
          - {name: b, image: busybox, command: ["true"]}
        """;
}
