namespace Kueueleuleu.Registry;

/// <summary>One request a lookup made and what came of it, for messages that show what was tried.</summary>
/// <param name="Url">The URL.</param>
/// <param name="Status">The HTTP status, or <see langword="null"/> when there was no answer.</param>
/// <param name="Error">Why there was no answer, or what was wrong with it.</param>
public sealed record RegistryAttempt(string Url, int? Status, string? Error = null)
{
    /// <summary>The request and its outcome in one line.</summary>
    /// <returns><c>GET url: 404</c> or <c>GET url: connection refused</c>.</returns>
    public override string ToString() =>
        $"GET {Url}: " + (Status is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) + (Error is null ? "" : $" ({Error})") : Error);
}
