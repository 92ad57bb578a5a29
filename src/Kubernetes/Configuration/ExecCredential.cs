using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>The <c>status</c> of an <c>ExecCredential</c> printed by a credential plugin.</summary>
/// <param name="Token">The bearer token, or null.</param>
/// <param name="ClientCertificatePem">The PEM client certificate, or null.</param>
/// <param name="ClientKeyPem">The PEM private key of the certificate, or null.</param>
/// <param name="Expiration">When the credential expires; null when it does not.</param>
public sealed record ExecCredential(string? Token, string? ClientCertificatePem, string? ClientKeyPem, DateTimeOffset? Expiration)
{
    /// <summary>Parses a plugin's standard output.</summary>
    /// <param name="output">The JSON the plugin printed.</param>
    /// <param name="expectedApiVersion">The API version the kubeconfig asked for; the output must match it.</param>
    /// <param name="command">The plugin command, for error messages.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="KubeconfigException">The output is not a valid ExecCredential.</exception>
    public static ExecCredential Parse(string output, string expectedApiVersion, string command)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(output) as JsonObject ?? throw Fail(command, "", "the output is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new KubeconfigException($"exec plugin '{command}': the output is not JSON ({e.Message}); it must print an ExecCredential", e);
        }

        var apiVersion = (string?)root["apiVersion"];
        if (apiVersion != expectedApiVersion)
        {
            throw Fail(command, "apiVersion", $"is '{apiVersion}' but the kubeconfig asks for '{expectedApiVersion}'");
        }

        if ((string?)root["kind"] != "ExecCredential")
        {
            throw Fail(command, "kind", $"is '{(string?)root["kind"]}', expected 'ExecCredential'");
        }

        var status = root["status"] as JsonObject ?? throw Fail(command, "status", "is missing");
        return FromStatus(status, command);
    }

    private static ExecCredential FromStatus(JsonObject status, string command)
    {
        var token = (string?)status["token"];
        var cert = (string?)status["clientCertificateData"];
        var key = (string?)status["clientKeyData"];
        if (string.IsNullOrEmpty(token) && string.IsNullOrEmpty(cert))
        {
            throw Fail(command, "status", "has neither token nor clientCertificateData");
        }

        if (string.IsNullOrEmpty(cert) != string.IsNullOrEmpty(key))
        {
            throw Fail(command, "status", "must have both clientCertificateData and clientKeyData, or neither");
        }

        return new ExecCredential(NullIfEmpty(token), NullIfEmpty(cert), NullIfEmpty(key), ReadExpiration(status, command));
    }

    private static DateTimeOffset? ReadExpiration(JsonObject status, string command)
    {
        var text = (string?)status["expirationTimestamp"];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw Fail(command, "status.expirationTimestamp", $"'{text}' is not an RFC 3339 time");
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static KubeconfigException Fail(string command, string field, string problem) =>
        new($"exec plugin '{command}': ExecCredential{(field.Length > 0 ? "." + field : "")} {problem}");
}
