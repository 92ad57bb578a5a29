using System.Globalization;
using System.Text;

namespace Kueueleuleu.Operator.Tests.Cluster;

/// <summary>SequentialJob YAML for tests: busybox steps running shell snippets, with optional step policies.</summary>
public static class Manifests
{
    public sealed record Step(string Name, string Script, string? After = null, string? OnError = null, string? Timeout = null);

    public static string SequentialJob(string name, params Step[] steps)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("apiVersion: kueueleuleu.io/v1alpha1");
        yaml.AppendLine("kind: SequentialJob");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"metadata:\n  name: {name}");
        yaml.AppendLine("spec:\n  backoffLimit: 0");
        var policies = steps.Where(s => s.After is not null || s.OnError is not null || s.Timeout is not null).ToList();
        if (policies.Count > 0)
        {
            yaml.AppendLine("  steps:");
            foreach (var p in policies)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  - name: {p.Name}");
                if (p.After is not null)
                {
                    yaml.AppendLine(CultureInfo.InvariantCulture, $"    after: [{p.After}]");
                }

                if (p.OnError is not null)
                {
                    yaml.AppendLine(CultureInfo.InvariantCulture, $"    onError: {p.OnError}");
                }

                if (p.Timeout is not null)
                {
                    yaml.AppendLine(CultureInfo.InvariantCulture, $"    timeout: {p.Timeout}");
                }
            }
        }

        yaml.AppendLine("  template:\n    spec:\n      restartPolicy: Never\n      terminationGracePeriodSeconds: 1\n      containers:");
        foreach (var step in steps)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      - name: {step.Name}");
            yaml.AppendLine("        image: localhost/busybox:local");
            yaml.AppendLine("        imagePullPolicy: IfNotPresent");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"        command: [sh, -c, '{step.Script.Replace("'", "''", StringComparison.Ordinal)}']");
        }

        return yaml.ToString();
    }
}
