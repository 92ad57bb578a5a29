using System.Collections;
using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>
/// The operator's configuration, layered by Microsoft.Extensions.Configuration: <c>appsettings.json</c>, then the
/// <c>--config</c> file, then the environment, then the flags; and which of them supplied each setting, so an error
/// names the setting the way the user wrote it.
/// </summary>
/// <remarks>
/// The variables are mapped by name (<see cref="OperatorFlags.EnvironmentVariable"/>) rather than through the
/// platform's environment provider: that one maps <c>KUEUELEULEU_WORKERS</c> to the key <c>WORKERS</c>, and
/// <c>KUEUELEULEU_LEADER_ELECTION_NAME</c> to <c>LEADER_ELECTION_NAME</c>, never to the JSON file's
/// <c>Kueueleuleu:LeaderElectionName</c>.
/// </remarks>
public sealed class OperatorConfiguration
{
    private readonly IReadOnlyDictionary<Option, string> flags;
    private readonly IReadOnlyDictionary<Option, string> environment;

    private OperatorConfiguration(IConfiguration configuration, IReadOnlyDictionary<Option, string> flags, IReadOnlyDictionary<Option, string> environment)
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
    /// <returns>The configuration.</returns>
    /// <exception cref="ConfigurationException">The settings file is missing or is not valid JSON.</exception>
    public static OperatorConfiguration Load(OperatorCommandLine commandLine, IDictionary environmentVariables, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environmentVariables);
        var environment = OperatorFlags.All
            .Where(f => environmentVariables[OperatorFlags.EnvironmentVariable(f)] is string)
            .ToDictionary(f => (Option)f, f => (string)environmentVariables[OperatorFlags.EnvironmentVariable(f)]!);
        var builder = new ConfigurationBuilder()
            .SetBasePath(baseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        var configFile = commandLine.Values.GetValueOrDefault(OperatorFlags.Config) ?? environment.GetValueOrDefault(OperatorFlags.Config);
        if (!string.IsNullOrEmpty(configFile))
        {
            var path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                var name = commandLine.Values.ContainsKey(OperatorFlags.Config) ? OperatorFlags.Config.Name : OperatorFlags.EnvironmentVariable(OperatorFlags.Config);
                throw new ConfigurationException($"{name}: {path} does not exist");
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(environment.Select(kv => KeyValuePair.Create(OperatorFlags.Key(kv.Key), (string?)kv.Value)));
        builder.AddInMemoryCollection(commandLine.Values.Select(kv => KeyValuePair.Create(OperatorFlags.Key(kv.Key), (string?)kv.Value)));
        return new OperatorConfiguration(Build(builder, configFile), commandLine.Values, environment);
    }

    /// <summary>The value of a setting; null when no source sets it, or sets it empty.</summary>
    /// <param name="flag">The setting.</param>
    /// <returns>The value, trimmed.</returns>
    public string? Get(Option flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return Configuration[OperatorFlags.Key(flag)]?.Trim() is { Length: > 0 } value ? value : null;
    }

    /// <summary>How the user spelled the setting whose value is in effect: the flag, the variable, or the JSON key.</summary>
    /// <param name="flag">The setting.</param>
    /// <returns>The name.</returns>
    public string NameOf(Option flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return flags.ContainsKey(flag) ? flag.Name
            : environment.ContainsKey(flag) ? OperatorFlags.EnvironmentVariable(flag)
            : $"{OperatorFlags.Key(flag)} (settings file)";
    }

    private static IConfigurationRoot Build(IConfigurationBuilder builder, string? configFile)
    {
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new ConfigurationException($"{OperatorFlags.Config.Name}: {configFile ?? "appsettings.json"} is not valid JSON: {OneLine(e.Message)}", e);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
