namespace Kueueleuleu.Operator.Hosting;

/// <summary>The parsed command line: flag values by setting, and whether help was asked for.</summary>
/// <param name="Values">The value of each flag given (the last one wins when repeated).</param>
/// <param name="HelpRequested">Whether <c>--help</c> or <c>-h</c> was given.</param>
public sealed record CommandLine(IReadOnlyDictionary<Setting, string> Values, bool HelpRequested)
{
    /// <summary>
    /// Parses <c>--flag=value</c>, <c>--flag value</c>, and bare <c>--switch</c> (true) for switches.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The command line.</returns>
    /// <exception cref="ConfigurationException">An unknown flag, a missing value, or a stray argument.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<Setting, string>();
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ConfigurationException($"unexpected argument \"{arg}\": every setting is a flag such as --kubeconfig=PATH (see --help)");
            }

            var (name, inline) = Split(arg[2..]);
            var setting = Settings.All.FirstOrDefault(s => s.Flag == name)
                ?? throw new ConfigurationException($"unknown flag --{name} (see --help)");
            values[setting] = inline ?? ValueAfter(setting, args, ref i);
        }

        return new CommandLine(values, help);
    }

    private static (string Name, string? Value) Split(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (text, null) : (text[..equals], text[(equals + 1)..]);
    }

    private static string ValueAfter(Setting setting, IReadOnlyList<string> args, ref int i)
    {
        // A switch never takes the next argument: "--leader-elect --workers 2" must not read "--workers" as its value.
        if (setting.IsSwitch)
        {
            return "true";
        }

        if (i + 1 >= args.Count)
        {
            throw new ConfigurationException($"{setting.Option}: a value is required (e.g. {setting.Option}=VALUE)");
        }

        return args[++i];
    }
}
