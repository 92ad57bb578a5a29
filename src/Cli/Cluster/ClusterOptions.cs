using System.CommandLine;

namespace Kueueleuleu.Cli.Cluster;

/// <summary>The options every cluster command shares: <c>-n</c>, <c>--context</c> and <c>--kubeconfig</c>.</summary>
internal sealed class ClusterOptions
{
    /// <summary>The namespace option.</summary>
    public Option<string?> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The namespace. Default: the namespace of the kubeconfig context, else default.",
        HelpName = "NS",
    };

    /// <summary>The context option.</summary>
    public Option<string?> Context { get; } = new("--context")
    {
        Description = "The kubeconfig context. Default: the current context.",
        HelpName = "CONTEXT",
    };

    /// <summary>The kubeconfig option.</summary>
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "The kubeconfig file. Default: $KUBECONFIG, else ~/.kube/config.",
        HelpName = "FILE",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Namespace);
        command.Options.Add(Context);
        command.Options.Add(Kubeconfig);
    }

    /// <summary>The values given on the command line.</summary>
    public ClusterSelection Read(ParseResult result) =>
        new(result.GetValue(Namespace), result.GetValue(Context), result.GetValue(Kubeconfig));
}

/// <summary>Where a cluster command connects: the flags as given (null when absent).</summary>
/// <param name="Namespace">The <c>-n</c> value.</param>
/// <param name="Context">The <c>--context</c> value.</param>
/// <param name="Kubeconfig">The <c>--kubeconfig</c> value.</param>
internal sealed record ClusterSelection(string? Namespace, string? Context, string? Kubeconfig);
