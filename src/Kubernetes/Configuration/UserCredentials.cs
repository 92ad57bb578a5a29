using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Configuration;

/// <summary>Builds the credential provider of a kubeconfig <c>users[].user</c> entry.</summary>
internal static class UserCredentials
{
    public static ICredentialProvider Read(KubeconfigEntry user, ClusterTrust cluster, KubeconfigLoadOptions options)
    {
        RejectUnsupported(user);
        var certificate = ReadClientCertificate(user);
        if (user.Object("exec") is { } exec)
        {
            return new ExecCredentialProvider(ReadExec(user, exec), cluster.ToExecClusterInfo(), options.Time);
        }

        if (user.Object("auth-provider") is { } authProvider)
        {
            return AuthProviderCredentials.Read(user, authProvider, certificate, options.Time);
        }

        if (user.String("token") is { Length: > 0 } token)
        {
            return new StaticCredentialProvider(new KubernetesCredentials(token, certificate));
        }

        if (user.FilePath("tokenFile") is { } tokenFile)
        {
            return new TokenFileCredentialProvider(tokenFile, options.TokenFileRefreshInterval, certificate, options.Time);
        }

        return new StaticCredentialProvider(new KubernetesCredentials(null, certificate));
    }

    private static void RejectUnsupported(KubeconfigEntry user)
    {
        if (user.String("username") is { Length: > 0 } || user.String("password") is { Length: > 0 })
        {
            throw user.Error("username", "basic authentication is not supported (Kubernetes removed it in 1.19); use a token or client certificate");
        }
    }

    private static X509Certificate2? ReadClientCertificate(KubeconfigEntry user)
    {
        var hasCert = Has(user, "client-certificate");
        var hasKey = Has(user, "client-key");
        if (!hasCert && !hasKey)
        {
            return null;
        }

        if (!hasCert || !hasKey)
        {
            var missing = hasCert ? "client-key" : "client-certificate";
            throw user.Error(missing, $"is missing: {missing} (or {missing}-data) must be set together with its counterpart");
        }

        // As in client-go, inline data wins over a file.
        var cert = user.Base64Text("client-certificate-data") ?? user.ReadFile("client-certificate");
        var key = user.Base64Text("client-key-data") ?? user.ReadFile("client-key");
        return PemCredentials.LoadClientCertificate(cert, key, user.Where("client-certificate"));
    }

    private static bool Has(KubeconfigEntry user, string field) =>
        !string.IsNullOrEmpty(user.String(field + "-data")) || !string.IsNullOrEmpty(user.String(field));

    private static ExecPluginConfig ReadExec(KubeconfigEntry user, JsonObject exec)
    {
        var apiVersion = Text(exec["apiVersion"]);
        if (apiVersion is null || !ExecPluginConfig.IsSupported(apiVersion))
        {
            throw user.Error("exec.apiVersion", $"'{apiVersion}' is not supported; use {ExecPluginConfig.V1} or {ExecPluginConfig.V1Beta1}");
        }

        var command = Text(exec["command"]);
        if (string.IsNullOrEmpty(command))
        {
            throw user.Error("exec.command", "is missing; it must name the credential plugin program");
        }

        ReadInteractiveMode(user, exec);

        // client-go resolves a command with a directory part against the kubeconfig's directory; a bare name uses PATH.
        var resolved = command.Contains('/', StringComparison.Ordinal) ? user.ResolvePath(command) : command;
        return new ExecPluginConfig(apiVersion, resolved, ReadArgs(user, exec), ReadEnv(user, exec), Text(exec["provideClusterInfo"]) == "true");
    }

    /// <summary>
    /// We never have a terminal to hand a plugin (the operator runs unattended), so <c>IfAvailable</c> means
    /// <c>Never</c> here, and a plugin that needs one (<c>Always</c>) can never work: say so at load time.
    /// </summary>
    private static void ReadInteractiveMode(KubeconfigEntry user, JsonObject exec)
    {
        switch (Text(exec["interactiveMode"]))
        {
            case null or "" or "Never" or "IfAvailable":
                return;
            case "Always":
                throw user.Error("exec.interactiveMode", "is Always, but this client never has a terminal to give the plugin; configure the plugin to work without input (interactiveMode: Never or IfAvailable), e.g. with a service account or a cached login");
            case var other:
                throw user.Error("exec.interactiveMode", $"'{other}' is not one of Never, IfAvailable, Always");
        }
    }

    private static List<string> ReadArgs(KubeconfigEntry user, JsonObject exec) => exec["args"] switch
    {
        null => [],
        JsonArray args => args.Select(a => Text(a) ?? "").ToList(),
        _ => throw user.Error("exec.args", "must be a list of strings"),
    };

    private static Dictionary<string, string> ReadEnv(KubeconfigEntry user, JsonObject exec)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (exec["env"] is null)
        {
            return env;
        }

        if (exec["env"] is not JsonArray items)
        {
            throw user.Error("exec.env", "must be a list of {name, value}");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var name = Text(items[i]?["name"]);
            if (string.IsNullOrEmpty(name))
            {
                throw user.Error($"exec.env[{i}].name", "is missing");
            }

            env[name] = Text(items[i]?["value"]) ?? "";
        }

        return env;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
