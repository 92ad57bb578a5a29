using System.Globalization;
using System.Text;

namespace Kueueleuleu.Operator.Hosting;

/// <summary>
/// One configurable setting and its three spellings: the flag (<c>--leader-election-namespace</c>), the environment
/// variable (<c>KUEUELEULEU_LEADER_ELECTION_NAMESPACE</c>) and the JSON key (<c>Kueueleuleu:LeaderElectionNamespace</c>).
/// </summary>
/// <param name="Flag">The flag without its dashes, lower-case words joined by <c>-</c>.</param>
/// <param name="Help">What it means, for <c>--help</c>.</param>
/// <param name="Default">The default, for <c>--help</c>.</param>
/// <param name="IsSwitch">Whether a bare <c>--flag</c> means true.</param>
public sealed record Setting(string Flag, string Help, string Default, bool IsSwitch = false)
{
    /// <summary>The prefix of every environment variable.</summary>
    public const string EnvironmentPrefix = "KUEUELEULEU_";

    /// <summary>The JSON section of every key.</summary>
    public const string Section = "Kueueleuleu";

    /// <summary>The flag as typed: <c>--name</c>.</summary>
    public string Option => "--" + Flag;

    /// <summary>The environment variable.</summary>
    public string EnvironmentVariable => EnvironmentPrefix + Flag.ToUpperInvariant().Replace('-', '_');

    /// <summary>The configuration key.</summary>
    public string Key => $"{Section}:{PascalCase(Flag)}";

    private static string PascalCase(string flag)
    {
        var text = new StringBuilder();
        foreach (var word in flag.Split('-'))
        {
            text.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(word.AsSpan(1));
        }

        return text.ToString();
    }
}
