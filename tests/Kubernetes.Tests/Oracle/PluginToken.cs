using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace Kueueleuleu.Kubernetes.Tests.Oracle;

/// <summary>What Corpus/plugin.sh reported in its token: the argv, KUBERNETES_EXEC_INFO and PLUGIN_GREETING it got.</summary>
public sealed record PluginToken(IReadOnlyList<string> Args, JsonObject? ExecInfo, string Greeting)
{
    public static PluginToken FromAuthorization(string? authorization)
    {
        Assert.NotNull(authorization);
        Assert.StartsWith("Bearer plugin.", authorization, StringComparison.Ordinal);
        var parts = authorization["Bearer plugin.".Length..].Split('.');
        var args = Text(parts[0]).Split('\0');
        var info = Text(parts[1]);
        return new PluginToken(args[..^1], info.Length == 0 ? null : JsonNode.Parse(info)!.AsObject(), Text(parts[2]));
    }

    private static string Text(string base64Url) => base64Url.Length == 0 ? "" : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(base64Url));
}
