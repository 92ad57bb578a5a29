using System.Text;
using System.Text.Json.Nodes;
using Kueueleuleu.GitOps.Tests.Support;

namespace Kueueleuleu.GitOps.Tests.ArgoCd;

/// <summary>Argo CD's verdict on an object: the <c>hs</c> that health.lua returns.</summary>
internal sealed record Health(string Status, string Message);

/// <summary>Runs health.lua with lua5.1 on an object, through the sandboxing harness.</summary>
internal static class HealthScript
{
    public static Health Evaluate(JsonObject obj, string? script = null)
    {
        var objectFile = Path.Combine(Path.GetTempPath(), $"gitops-obj-{Guid.NewGuid():N}.lua");
        File.WriteAllText(objectFile, "return " + LuaLiteral.Of(obj) + "\n", new UTF8Encoding(false));
        try
        {
            var (code, output, error) = Lua51.Run(Paths.Harness, script ?? Paths.HealthLua, objectFile);
            Assert.True(code == 0, $"lua5.1 exited {code}: {error}{output}");
            var lines = output.TrimEnd('\n').Split('\n');
            Assert.True(lines.Length == 2, $"expected two lines (status, message), got:\n{output}");
            return new Health(lines[0], lines[1]);
        }
        finally
        {
            File.Delete(objectFile);
        }
    }
}
