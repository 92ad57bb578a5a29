using System.Text;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>The text of <c>--help</c>, generated from <see cref="Settings.All"/> so it cannot drift from the parser.</summary>
public static class HelpText
{
    /// <summary>Renders the help.</summary>
    /// <returns>The text.</returns>
    public static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("kueueleuleu-operator: runs SequentialJobs (kueueleuleu.io/v1alpha1) as Jobs whose containers run one after the other.");
        text.AppendLine();
        text.AppendLine("Every setting is a flag, an environment variable, or a key of appsettings.json / --config; flags win over");
        text.AppendLine("variables, variables over files. Invalid configuration exits with status 2.");
        text.AppendLine();
        foreach (var setting in Settings.All)
        {
            var value = setting.IsSwitch ? "[=true|false]" : "=VALUE";
            text.AppendLine($"  {setting.Option}{value}");
            text.AppendLine($"      {setting.Help} Default: {setting.Default}.");
            text.AppendLine($"      env {setting.EnvironmentVariable}, key {setting.Key}");
        }

        return text.ToString();
    }
}
