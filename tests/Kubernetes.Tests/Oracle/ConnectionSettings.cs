namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>
/// What a client would send, reduced to comparable text: the server URL, the name in SNI and in the certificate
/// check, whom it trusts, the client certificate it presents, the Authorization header, the proxy, and the
/// default namespace.
/// </summary>
/// <param name="Server">The base URL without a trailing slash.</param>
/// <param name="TlsServerName">The TLS server name that replaces the URL's host, or null.</param>
/// <param name="Trust"><c>skip-verify</c>, <c>system</c>, or <c>ca:</c> and the subjects of the trusted CAs.</param>
/// <param name="ClientCertificate">The subject of the client certificate, or null.</param>
/// <param name="Authorization">The Authorization header, or null.</param>
/// <param name="Proxy">The proxy URL, or null for a direct connection.</param>
/// <param name="Namespace">The default namespace, or null when the client leaves it unset.</param>
public sealed record ConnectionSettings(
    string Server,
    string? TlsServerName,
    string Trust,
    string? ClientCertificate,
    string? Authorization,
    string? Proxy,
    string? Namespace)
{
    public const string SkipVerify = "skip-verify";
    public const string SystemTrust = "system";

    public static string TrustOf(bool skipVerify, IEnumerable<string>? caSubjects) =>
        skipVerify ? SkipVerify : caSubjects is null ? SystemTrust : "ca:" + string.Join(" | ", caSubjects);

    public static string BasicAuthorization(string user, string password) =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + password));
}
