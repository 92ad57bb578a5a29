using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Entities.Tests;

/// <summary>
/// Evaluates CEL rules with a real CEL implementation (Buf's <c>@bufbuild/cel</c> under Node.js, installed by npm
/// from cel/package-lock.json on first use): Debian packages no CEL library, and servers before 1.25 ignore the rules.
/// </summary>
internal static class CelEvaluator
{
    private static readonly Lazy<string> Directory = new(Install);

    /// <summary>Evaluates each (rule, self) pair; a result is true, false, or an error text.</summary>
    public static IReadOnlyList<object> Evaluate(IReadOnlyList<(string Rule, JsonNode Self)> cases)
    {
        var input = new JsonObject
        {
            ["cases"] = new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject { ["rule"] = c.Rule, ["self"] = c.Self.DeepClone() })]),
        };
        var output = Run("node", "eval.mjs", input.ToJsonString());
        return [.. JsonNode.Parse(output)!.AsArray().Select(r => r!["value"] is { } value ? (object)(bool)value : (string)r["error"]!)];
    }

    private static string Install()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "tests", "Entities.Tests", "cel");
        if (!File.Exists(Path.Combine(directory, "node_modules", "@bufbuild", "cel", "package.json")))
        {
            Run("npm", "ci --no-audit --no-fund --ignore-scripts", null, directory);
        }

        return directory;
    }

    private static string Run(string program, string arguments, string? input, string? directory = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory ?? Directory.Value,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {program}; install Node.js (Debian: apt-get install nodejs npm)");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout;
    }
}
