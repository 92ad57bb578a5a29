using System.Text;
using YamlDotNet.Core;

namespace Kueueleuleu.Yaml;

/// <summary>
/// Types any scalar: quoted and block scalars are strings, plain ones follow <see cref="PlainScalarResolver"/>,
/// and the standard tags <c>!!str</c>, <c>!!int</c>, <c>!!float</c>, <c>!!bool</c>, <c>!!null</c>,
/// <c>!!binary</c> and <c>!!timestamp</c> force a type the way go-yaml v2 does. Other tags are ignored and the
/// scalar keeps its text, as go-yaml v2 does for tags it cannot resolve.
/// </summary>
internal static class ScalarResolver
{
    private const string Prefix = "tag:yaml.org,2002:";

    /// <summary>Resolves a scalar event's value given its style and tag.</summary>
    public static ResolvedScalar Resolve(string value, ScalarStyle style, TagName tag)
    {
        if (tag.IsEmpty)
        {
            return style == ScalarStyle.Plain ? PlainScalarResolver.Resolve(value) : ResolvedScalar.Str(value);
        }

        if (tag.IsNonSpecific || !tag.Value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return ResolvedScalar.Str(value);
        }

        return tag.Value[Prefix.Length..] switch
        {
            "str" or "timestamp" => ResolvedScalar.Str(value),
            "binary" => DecodeBinary(value),
            "int" => Expect(value, "int", ScalarKind.Integer),
            "float" => Expect(value, "float", ScalarKind.Float, ScalarKind.Integer),
            "bool" => Expect(value, "bool", ScalarKind.Boolean),
            "null" => Expect(value, "null", ScalarKind.Null),
            _ => ResolvedScalar.Str(value),
        };
    }

    private static ResolvedScalar Expect(string value, string tagName, params ScalarKind[] accepted)
    {
        var resolved = value.Length == 0 ? ResolvedScalar.Null : PlainScalarResolver.Resolve(value);
        if (resolved.Error is not null || Array.IndexOf(accepted, resolved.Kind) >= 0)
        {
            return resolved;
        }

        return ResolvedScalar.Fail($"cannot read `{value}` as !!{tagName}; remove the tag or fix the value");
    }

    // go-yaml v2 decodes !!binary to the raw bytes as a Go string; JSON needs text, so only UTF-8 is accepted.
    private static ResolvedScalar DecodeBinary(string value)
    {
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var buffer = new byte[(compact.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(compact, buffer, out var written))
        {
            return ResolvedScalar.Fail("!!binary value is not valid base64");
        }

        try
        {
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            return ResolvedScalar.Str(strict.GetString(buffer, 0, written));
        }
        catch (DecoderFallbackException)
        {
            return ResolvedScalar.Fail("!!binary value is not UTF-8 text, which JSON cannot carry; use a Secret's data field as base64 text instead");
        }
    }
}
