using System.Text.Json.Nodes;
using Kueueleuleu.Objects;

namespace Kueueleuleu.Registry.Manifests;

/// <summary>
/// The platform (OS and architecture) a Pod will run on, as far as its spec decides it, for looking up what its images
/// run: an index can give each platform another ENTRYPOINT and CMD, and pinning a step to the wrong platform's digest
/// would make the node pull an image it cannot run. Per dimension (OS, then architecture), the spec's word is taken from
/// <c>nodeSelector</c> (<c>kubernetes.io/os</c>, <c>kubernetes.io/arch</c>, and the <c>beta.kubernetes.io/</c> labels
/// that nodes of older clusters still carry), <c>spec.os.name</c> for the OS, and required node affinity when every term
/// pins the label to one value with <c>In</c>; where the spec says nothing, the fallback (<c>--platform</c>, else
/// linux/amd64) decides. A spec that allows several values, or whose fields disagree, is an error naming the field:
/// a guess could run another platform's command.
/// </summary>
public static class PlatformSelection
{
    private static readonly string[] OsLabels = ["kubernetes.io/os", "beta.kubernetes.io/os"];
    private static readonly string[] ArchLabels = ["kubernetes.io/arch", "beta.kubernetes.io/arch"];

    private const string TermsPath = "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";

    /// <summary>Chooses the platform of a pod spec.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <param name="specPath">Its path in the document, for messages (<c>spec.template.spec</c>).</param>
    /// <param name="fallback">The platform where the spec says nothing (<c>--platform</c>, else linux/amd64).</param>
    /// <returns>The platform, or the field that prevents choosing one and why.</returns>
    public static PlatformChoice Select(JsonObject spec, string specPath, Platform fallback)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(fallback);
        var os = Decide(spec, specPath, OsLabels, "operating system", includePodOs: true);
        if (os.Error is not null)
        {
            return PlatformChoice.Fail(os.Path!, os.Error);
        }

        var arch = Decide(spec, specPath, ArchLabels, "architecture", includePodOs: false);
        if (arch.Error is not null)
        {
            return PlatformChoice.Fail(arch.Path!, arch.Error);
        }

        var architecture = arch.Value ?? fallback.Architecture;
        var probe = Platform.Create(os.Value ?? fallback.Os, architecture);
        // The spec cannot name a variant; --platform can, and applies when it names the same architecture.
        var variant = probe.Architecture == fallback.Architecture ? fallback.Variant : null;
        return PlatformChoice.Of(Platform.Create(os.Value ?? fallback.Os, architecture, variant));
    }

    private static Decision Decide(JsonObject spec, string specPath, string[] labels, string what, bool includePodOs)
    {
        var said = new List<(string Value, string Path)>();
        foreach (var label in labels)
        {
            if (JsonRead.Text(spec, "nodeSelector", label) is { Length: > 0 } value)
            {
                said.Add((value, $"{specPath}.nodeSelector[{label}]"));
            }
        }

        if (includePodOs && JsonRead.Text(spec, "os", "name") is { Length: > 0 } podOs)
        {
            said.Add((podOs, $"{specPath}.os.name"));
        }

        var affinity = FromAffinity(spec, $"{specPath}.{TermsPath}", labels, what);
        if (affinity.Error is not null)
        {
            return affinity;
        }

        if (affinity.Value is not null)
        {
            said.Add((affinity.Value, affinity.Path!));
        }

        var first = said.FirstOrDefault();
        foreach (var (value, path) in said.Skip(1))
        {
            if (!string.Equals(Normalize(value), Normalize(first.Value), StringComparison.Ordinal))
            {
                return Decision.Fail(path, $"says the {what} is '{value}', but {first.Path} says '{first.Value}': no node can satisfy both, so there is no {what} to look the images up for; make them agree");
            }
        }

        return said.Count == 0 ? Decision.None : new Decision(first.Value, first.Path, null);
    }

    // Terms are ORed: the Pod may land on a node matching any of them, so the affinity decides only when every term pins
    // the label to the same single value. A term that leaves the label free, or one that allows several values, leaves
    // more than one possible platform.
    private static Decision FromAffinity(JsonObject spec, string termsPath, string[] labels, string what)
    {
        if (JsonRead.At(spec, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms") is not JsonArray terms)
        {
            return Decision.None;
        }

        var values = new List<string?>();
        for (var i = 0; i < terms.Count; i++)
        {
            var expressions = JsonRead.Objects(terms[i], "matchExpressions")
                .Where(e => JsonRead.Text(e, "key") is { } key && labels.Contains(key, StringComparer.Ordinal))
                .ToList();
            if (expressions.Count == 0)
            {
                values.Add(null);
                continue;
            }

            var pinned = expressions.Select(Pinned).Distinct(StringComparer.Ordinal).ToList();
            if (pinned is not [{ } single])
            {
                return Decision.Fail($"{termsPath}[{i}]", Ambiguous(what));
            }

            values.Add(single);
        }

        if (values.All(v => v is null))
        {
            return Decision.None;
        }

        var distinct = values.Select(v => v is null ? null : Normalize(v)).Distinct().ToList();
        return distinct is [{ }] ? new Decision(values[0], termsPath, null) : Decision.Fail(termsPath, Ambiguous(what));
    }

    /// <summary>The one value an expression allows (<c>In</c> with one value), else null.</summary>
    private static string? Pinned(JsonObject expression) =>
        JsonRead.Text(expression, "operator") == "In" && JsonRead.Texts(expression, "values") is [{ Length: > 0 } value] ? value : null;

    private static string Ambiguous(string what) =>
        $"lets the Pod run on more than one {what}, and an image can run a different command on each, so kueueleuleu cannot tell what the steps without command run; "
        + $"pin one {what} with nodeSelector (or one 'In' value in every term), or give those steps a command";

    private static string Normalize(string value) => value.ToLowerInvariant() switch
    {
        "x86_64" or "x86-64" => "amd64",
        "aarch64" => "arm64",
        var other => other,
    };

    private sealed record Decision(string? Value, string? Path, string? Error)
    {
        public static Decision None { get; } = new(null, null, null);

        public static Decision Fail(string path, string error) => new(null, path, error);
    }
}
