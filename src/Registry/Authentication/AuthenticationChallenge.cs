namespace Kueueleuleu.Registry.Authentication;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header: its scheme (<c>Bearer</c>, <c>Basic</c>, …) and parameters
/// (<c>realm</c>, <c>service</c>, <c>scope</c>, <c>error</c>; names compared without case, as RFC 7235 says).
/// </summary>
/// <param name="Scheme">The scheme as sent.</param>
/// <param name="Parameters">The parameters, names without case.</param>
/// <param name="Token68">A token68 in place of parameters, if the challenge had one.</param>
public sealed record AuthenticationChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters, string? Token68 = null)
{
    /// <summary>Whether this is a challenge of a scheme (compared without case).</summary>
    /// <param name="scheme">The scheme, such as <c>Bearer</c>.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Is(string scheme) => Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>A parameter, or <see langword="null"/>.</summary>
    /// <param name="name">Its name (any case).</param>
    /// <returns>The value.</returns>
    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;
}
