using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>
/// The raw values of the settings from their three sources, flags over environment over JSON files, and the name of
/// the source that supplied each value, so an error names the setting the way the user wrote it.
/// </summary>
public sealed class SettingValues
{
    private readonly IReadOnlyDictionary<Setting, string> flags;
    private readonly IReadOnlyDictionary<Setting, string> environment;

    private SettingValues(IConfiguration configuration, IReadOnlyDictionary<Setting, string> flags, IReadOnlyDictionary<Setting, string> environment)
    {
        Configuration = configuration;
        this.flags = flags;
        this.environment = environment;
    }

    /// <summary>The merged configuration (also carries the <c>Logging</c> section for log levels).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Reads the sources.</summary>
    /// <param name="commandLine">The parsed flags.</param>
    /// <param name="environmentVariables">The process environment.</param>
    /// <param name="baseDirectory">Where <c>appsettings.json</c> is looked for (the program's directory).</param>
    /// <returns>The values.</returns>
    /// <exception cref="ConfigurationException">The settings file is missing or is not valid JSON.</exception>
    public static SettingValues Load(CommandLine commandLine, IDictionary environmentVariables, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environmentVariables);
        var environment = Settings.All
            .Where(s => environmentVariables[s.EnvironmentVariable] is string)
            .ToDictionary(s => s, s => (string)environmentVariables[s.EnvironmentVariable]!);
        var builder = new ConfigurationBuilder()
            .SetBasePath(baseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        var configFile = commandLine.Values.GetValueOrDefault(Settings.Config) ?? environment.GetValueOrDefault(Settings.Config);
        if (!string.IsNullOrEmpty(configFile))
        {
            var path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw new ConfigurationException($"{(commandLine.Values.ContainsKey(Settings.Config) ? Settings.Config.Option : Settings.Config.EnvironmentVariable)}: {path} does not exist");
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(environment.Select(kv => KeyValuePair.Create(kv.Key.Key, (string?)kv.Value)));
        builder.AddInMemoryCollection(commandLine.Values.Select(kv => KeyValuePair.Create(kv.Key.Key, (string?)kv.Value)));
        return new SettingValues(Build(builder, configFile), commandLine.Values, environment);
    }

    /// <summary>The value of a setting; null when no source sets it, or sets it empty.</summary>
    /// <param name="setting">The setting.</param>
    /// <returns>The value, trimmed.</returns>
    public string? Get(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Configuration[setting.Key]?.Trim() is { Length: > 0 } value ? value : null;
    }

    /// <summary>How the user spelled the setting whose value is in effect: the flag, the variable, or the JSON key.</summary>
    /// <param name="setting">The setting.</param>
    /// <returns>The name.</returns>
    public string NameOf(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return flags.ContainsKey(setting) ? setting.Option
            : environment.ContainsKey(setting) ? setting.EnvironmentVariable
            : $"{setting.Key} (settings file)";
    }

    private static IConfigurationRoot Build(IConfigurationBuilder builder, string? configFile)
    {
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new ConfigurationException($"{Settings.Config.Option}: {configFile ?? "appsettings.json"} is not valid JSON: {OneLine(e.Message)}", e);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
